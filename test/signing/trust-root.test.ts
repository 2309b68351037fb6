// The trust root's rules in verify: revoked and expired keys, distinct signers, and a history
// that must be the envelopes' own word. In process, on records built the way the commands build them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordFile } from '../../src/core/record/schema.js';
import { signedHistory } from '../../src/core/signing/history.js';
import { keyringPolicy, parseKeyring } from '../../src/core/signing/keyring.js';
import { DEFAULT_POLICY } from '../../src/core/signing/policy.js';
import { decodeStatement } from '../../src/core/signing/statement.js';
import { envelopePayload } from '../../src/core/signing/dsse.js';
import { verifyRecord, type TrustedKey } from '../../src/core/signing/verify.js';
import { ARTICLE, draftRecord, fileRecord, makeKey, reviewRecord } from './helpers.js';

const reporter = makeKey('Jane Reporter', 'reporter');
const editor = makeKey('Ed Itor', 'editor');
const lawyer = makeKey('Lara Lawyer', 'lawyer');
const keys: TrustedKey[] = [reporter, editor, lawyer];
const article = new TextEncoder().encode(ARTICLE);
const approved = reviewRecord(fileRecord(draftRecord(), reporter), editor, 'approved', 'approved');
const NOW = new Date('2026-12-01T00:00:00Z');

const verify = (file: RecordFile, ring: readonly TrustedKey[] = keys, policy = DEFAULT_POLICY) =>
  verifyRecord({ file, keys: ring, policy, article, now: NOW });
const failed = async (file: RecordFile, ring?: readonly TrustedKey[], policy = DEFAULT_POLICY) =>
  (await verify(file, ring, policy)).checks.filter((c) => !c.ok).map((c) => c.name);
const detail = async (file: RecordFile, name: string, ring?: readonly TrustedKey[]) =>
  (await verify(file, ring)).checks.find((c) => c.name === name)?.detail ?? '';

describe('revocation and expiry', () => {
  it('fails a signature by a revoked key, whenever it claims to have been made', async () => {
    const ring = [
      reporter,
      { ...editor, revoked: { at: '2026-11-30T00:00:00Z', reason: 'laptop lost' } },
    ];
    expect(await failed(approved, ring)).toContain('signature 2');
    expect(await detail(approved, 'signature 2', ring)).toMatch(/revoked 2026-11-30.*laptop lost/);
  });

  it('fails a signature by an expired key, and passes one that has not expired yet', async () => {
    const expired = [reporter, { ...editor, expires: '2026-11-30T00:00:00Z' }];
    expect(await failed(approved, expired)).toContain('signature 2');
    expect(await detail(approved, 'signature 2', expired)).toMatch(/expired 2026-11-30/);
    const later = [reporter, { ...editor, expires: '2027-01-01T00:00:00Z' }];
    expect(await failed(approved, later)).toEqual([]);
  });
});

describe('distinct signers', () => {
  // The reporter's own key is also trusted as an editor, and they approve their own story.
  const both = [reporter, { ...reporter, role: 'editor' as const }, editor];
  const self = reviewRecord(
    fileRecord(draftRecord(), reporter),
    { ...reporter, role: 'editor' },
    'approved',
    'approved',
  );

  it('does not count a reporter approving their own story, even with a key trusted in both roles', async () => {
    expect(await failed(self, both)).toEqual(['policy', 'status']);
    expect(await detail(self, 'policy', both)).toMatch(
      /waiting for editor approval; the editor's approval does not count: Jane Reporter filed the story/,
    );
  });

  it('counts it only where the trust root turns distinct signers off', async () => {
    expect(await failed(self, both, { ...DEFAULT_POLICY, distinctSigners: false })).toEqual([]);
  });

  it('does not let one editor approve as editor and as lawyer', async () => {
    const twoHats = [reporter, editor, { ...editor, role: 'lawyer' as const }];
    const referred = reviewRecord(
      reviewRecord(
        fileRecord(draftRecord({ referred: true }), reporter),
        editor,
        'approved',
        'filed',
      ),
      { ...editor, role: 'lawyer' },
      'approved',
      'approved',
    );
    expect(await failed(referred, twoHats)).toEqual(['policy', 'status']);
    expect(await failed(referred, [...twoHats, lawyer])).toEqual(['policy', 'status']);
  });
});

describe('the history is the envelopes’ word', () => {
  const reviewEntry = (file: RecordFile) =>
    file.record.history.findIndex((h) => h.event === 'approved');

  it.each([
    ['who approved', { by: 'Managing Editor' }],
    ['when', { at: '2026-11-20T09:00:00.000Z' }],
    ['the comment', { detail: 'editor: cleared by the lawyer' }],
    ['the decision', { event: 'returned' as const }],
  ])('fails when %s is rewritten after signing', async (_, change) => {
    const forged = structuredClone(approved);
    const i = reviewEntry(forged);
    forged.record.history[i] = { ...forged.record.history[i]!, ...change };
    expect(await failed(forged)).toContain('record');
  });

  it('fails an approval added to the history with no envelope behind it', async () => {
    const filed = fileRecord(draftRecord(), reporter);
    const forged = structuredClone(filed);
    forged.record.history.push({ ...approved.record.history.at(-1)! });
    expect(await failed(forged)).toContain('record');
  });

  it('accepts the "waiting for" note a review adds, but nothing else unsigned', async () => {
    const referred = reviewRecord(
      fileRecord(draftRecord({ referred: true }), reporter),
      editor,
      'approved',
      'filed',
    );
    const i = reviewEntry(referred);
    const ok = structuredClone(referred);
    ok.record.history[i]!.detail += '; waiting for lawyer';
    expect(await failed(ok)).toEqual(['policy']);
    const bad = structuredClone(referred);
    bad.record.history[i]!.detail += '; waiting for lawyer (cleared by phone)';
    expect(await failed(bad)).toContain('record');
  });

  it('any change to a signed history entry fails verify', async () => {
    const signedAt = approved.record.history
      .map((h, i) => [h, i] as const)
      .filter(([h]) => h.event === 'filed' || h.event === 'approved')
      .map(([, i]) => i);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...signedAt),
        fc.constantFrom('at', 'by', 'event'),
        fc.string({ minLength: 1, maxLength: 8 }),
        async (i, field, junk) => {
          const forged = structuredClone(approved);
          const entry = forged.record.history[i]! as unknown as Record<string, string>;
          const value =
            field === 'event'
              ? entry.event === 'filed'
                ? 'approved'
                : 'filed'
              : `${entry[field]}${junk}`;
          entry[field] = value;
          const result = await verify(forged);
          expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('the sheet shows the signed history, not the forgery', () => {
    const forged = structuredClone(approved);
    const i = reviewEntry(forged);
    forged.record.history[i] = { ...forged.record.history[i]!, by: 'Managing Editor' };
    const predicates = forged.attestations.map(
      (e) => decodeStatement(envelopePayload(e)!).statement!.predicate,
    );
    const shown = signedHistory(forged.record.history, predicates);
    expect(shown.map((h) => h.by)).not.toContain('Managing Editor');
    expect(shown.find((h) => h.event === 'approved')?.by).toBe('Ed Itor');
  });
});

describe('any change to the trust root that could weaken the decision makes verify fail', () => {
  const entry = (k: typeof reporter) => ({
    keyid: k.keyid,
    name: k.name,
    role: k.role,
    publicKey: k.publicPem,
    added: '2026-11-01T00:00:00Z',
  });
  const ring = { format: 'prepub/keyring@1', keys: [entry(reporter), entry(editor)] };
  const decide = async (text: string) => {
    const parsed = parseKeyring('keyring.json', text);
    if (!parsed.keyring) return 'refused';
    const result = await verifyRecord({
      file: approved,
      keys: parsed.keys,
      policy: keyringPolicy(parsed.keyring),
      article,
      now: NOW,
    });
    return result.ok ? 'verified' : 'failed';
  };

  it('the honest trust root verifies', async () => {
    expect(await decide(JSON.stringify(ring))).toBe('verified');
  });

  it('a changed key, key id or role of a signer', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 1 }),
        fc.constantFrom('keyid', 'publicKey', 'role'),
        fc.nat(),
        async (i, field, at) => {
          const changed = structuredClone(ring) as { keys: Record<string, string>[] };
          const e = changed.keys[i]!;
          if (field === 'role') e.role = e.role === 'editor' ? 'lawyer' : 'editor';
          else {
            // One bit of the key's DER bytes (not of its base64 text, whose last character has
            // unused bits), or one hex digit of the id.
            const value = e[field]!;
            if (field === 'keyid') {
              const p = at % value.length;
              const c = value[p] === '0' ? '1' : '0';
              e.keyid = value.slice(0, p) + c + value.slice(p + 1);
            } else {
              const der = Buffer.from(value.replace(/-----[^-]+-----|\s/g, ''), 'base64');
              der[at % der.length]! ^= 1 << (at % 8);
              e.publicKey = `-----BEGIN PUBLIC KEY-----\n${der.toString('base64')}\n-----END PUBLIC KEY-----\n`;
            }
          }
          expect(await decide(JSON.stringify(changed))).not.toBe('verified');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a signer revoked or expired, a required lawyer, or distinct signers on a self-approval', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 1 }),
        fc.constantFrom('revoked', 'expired', 'lawyer'),
        async (i, change) => {
          const changed = structuredClone(ring) as {
            keys: Record<string, unknown>[];
            policy?: unknown;
          };
          if (change === 'revoked') changed.keys[i]!.revoked = { at: '2026-11-25T00:00:00Z' };
          if (change === 'expired') changed.keys[i]!.expires = '2026-11-25T00:00:00Z';
          if (change === 'lawyer') changed.policy = { approvals: ['editor', 'lawyer'] };
          expect(await decide(JSON.stringify(changed))).not.toBe('verified');
        },
      ),
      { numRuns: 20 },
    );
  });

  it('a changed checklist digest in the record', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 63 }), async (at) => {
        const changed = structuredClone(approved);
        const sha = changed.record.checklist.sha256;
        const c = sha[at] === '0' ? '1' : '0';
        changed.record.checklist.sha256 = sha.slice(0, at) + c + sha.slice(at + 1);
        expect((await verify(changed)).ok).toBe(false);
      }),
      { numRuns: 20 },
    );
  });
});
