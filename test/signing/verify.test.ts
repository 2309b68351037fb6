// verify: unit cases, and properties: any change to a signed record makes it fail.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reopenIfSigned } from '../../src/core/record/lifecycle.js';
import type { Envelope, RecordFile } from '../../src/core/record/schema.js';
import { decodeBase64, encodeBase64 } from '../../src/core/signing/dsse.js';
import { DEFAULT_POLICY } from '../../src/core/signing/policy.js';
import { verifyRecord, type TrustedKey } from '../../src/core/signing/verify.js';
import { ARTICLE, draftRecord, fileRecord, makeKey, reviewRecord } from './helpers.js';

const reporter = makeKey('Jane Reporter', 'reporter');
const editor = makeKey('Ed Itor', 'editor');
const lawyer = makeKey('Lara Lawyer', 'lawyer');
const keys: TrustedKey[] = [reporter, editor, lawyer];
const approved = reviewRecord(fileRecord(draftRecord(), reporter), editor, 'approved', 'approved');
const other = reviewRecord(fileRecord(draftRecord(), reporter), editor, 'approved', 'approved');
const article = new TextEncoder().encode(ARTICLE);

const verify = (file: RecordFile, ring: readonly TrustedKey[] = keys) =>
  verifyRecord({ file, keys: ring, policy: DEFAULT_POLICY, article });
const failed = async (file: RecordFile, ring?: readonly TrustedKey[]) =>
  (await verify(file, ring)).checks.filter((c) => !c.ok).map((c) => c.name);
const clone = (file: RecordFile): RecordFile => structuredClone(file);

describe('verifyRecord', () => {
  it('passes an approved record signed by trusted keys, for the exact article', async () => {
    const result = await verify(approved);
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result).toMatchObject({ ok: true, status: 'approved', verifiedStatus: 'approved' });
    expect(result.checks.map((c) => c.name)).toEqual([
      'signed',
      'signature 1',
      'signature 2',
      'chain',
      'record',
      'policy',
      'status',
      'article',
    ]);
    expect(result.checks.map((c) => c.id)).toEqual([
      'signed',
      'signature',
      'signature',
      'chain',
      'record',
      'policy',
      'status',
      'article',
    ]);
    expect(result.checks).toContainEqual(
      expect.objectContaining({ id: 'status', claimed: 'approved', verified: 'approved' }),
    );
    expect(result.checks).toContainEqual(
      expect.objectContaining({ id: 'policy', outcome: 'approved' }),
    );
  });

  it('fails a draft, a filed record, and a record whose policy needs a lawyer', async () => {
    expect(await failed(draftRecord())).toEqual(['signed', 'chain', 'policy']);
    expect(await failed(fileRecord(draftRecord(), reporter))).toEqual(['policy']);
    const referred = reviewRecord(
      fileRecord(draftRecord({ referred: true }), reporter),
      editor,
      'approved',
      'filed',
    );
    expect(await failed(referred)).toEqual(['policy']);
    expect(await failed(reviewRecord(referred, lawyer, 'approved', 'approved'))).toEqual([]);
  });

  it('fails a returned record, naming who returned it', async () => {
    const returned = reviewRecord(
      fileRecord(draftRecord(), reporter),
      editor,
      'returned',
      'returned',
    );
    const result = await verify(returned);
    expect(result.checks.find((c) => c.name === 'policy')?.detail).toMatch(
      /returned by the editor/,
    );
    expect(result.checks.find((c) => c.name === 'status')?.ok).toBe(true);
  });

  it('passes a record filed again after a return and then approved', async () => {
    const returned = reviewRecord(
      fileRecord(draftRecord(), reporter),
      editor,
      'returned',
      'returned',
    );
    const refiled = reviewRecord(
      fileRecord(returned, reporter, '2026-11-21T09:00:00.000Z'),
      editor,
      'approved',
      'approved',
    );
    expect(await failed(refiled)).toEqual([]);
  });

  it('fails an untrusted signer, and a trusted key in the wrong role', async () => {
    const result = await verify(approved, [reporter]);
    expect(result.ok).toBe(false);
    expect(result.checks.find((c) => c.name === 'signature 2')?.detail).toMatch(
      /^envelope 2 \(editor approved\): not signed by any key in the keyring/,
    );
    // The problem alone, for renderers that name the envelope themselves: no message parsing.
    expect(result.checks.find((c) => c.id === 'signature' && c.index === 2)).toMatchObject({
      ok: false,
      problem: 'not signed by any key in the keyring — untrusted key, or altered',
    });
    const wrongRole = await verify(approved, [reporter, { ...editor, role: 'lawyer' }]);
    expect(wrongRole.checks.find((c) => c.name === 'signature 2')?.detail).toMatch(
      /trusted as lawyer, not as editor/,
    );
  });

  it('fails when the article differs by one byte', async () => {
    const changed = new TextEncoder().encode(ARTICLE.replace('Leeds', 'Leedz'));
    const result = await verifyRecord({
      file: approved,
      keys,
      policy: DEFAULT_POLICY,
      article: changed,
    });
    expect(result.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['article']);
  });

  it('fails a record whose signed size of the article is not the text’s (the sheet shows it)', async () => {
    const draft = draftRecord();
    const lying = {
      ...draft,
      record: { ...draft.record, article: { ...draft.record.article!, bytes: 7 } },
    };
    const file = reviewRecord(fileRecord(lying, reporter), editor, 'approved', 'approved');
    const result = await verify(file);
    expect(result.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['article']);
    expect(result.checks.find((c) => c.id === 'article')?.detail).toMatch(
      new RegExp(`the record gives the article's size as 7 bytes; the text has ${article.length}`),
    );
  });

  it('fails a record whose answer changed after filing, and one reopened by reopenIfSigned', async () => {
    const edited = clone(approved);
    edited.record.answers['defamation.allegation']!.value = 'yes';
    expect(await failed(edited)).toEqual(expect.arrayContaining(['record']));
    const reopened = reopenIfSigned(edited, 'Jane Reporter', '2026-11-22T10:00:00.000Z');
    expect(reopened.status).toBe('draft');
    const result = await verify(reopened);
    expect(result.ok).toBe(false);
    expect(result.verifiedStatus).toBe('draft');
    expect(result.checks.find((c) => c.name === 'status')?.ok).toBe(true);
  });
});

// --- properties ---------------------------------------------------------------------------

function flipByte(b64: string, index: number, bit: number): string {
  const bytes = decodeBase64(b64)!;
  bytes[index % bytes.length]! ^= 1 << (bit % 8);
  return encodeBase64(bytes);
}

function withEnvelopes(file: RecordFile, attestations: Envelope[]): RecordFile {
  return { ...clone(file), attestations };
}

const envelopeIndex = fc.nat({ max: approved.attestations.length - 1 });

describe('any change to a signed record makes verify fail', () => {
  const runs = { numRuns: 40 };

  it('a flipped bit in any payload', async () => {
    await fc.assert(
      fc.asyncProperty(envelopeIndex, fc.nat(), fc.nat({ max: 7 }), async (i, at, bit) => {
        const file = clone(approved);
        file.attestations[i]!.payload = flipByte(file.attestations[i]!.payload, at, bit);
        expect((await verify(file)).ok).toBe(false);
      }),
      runs,
    );
  });

  it('a flipped bit in any signature', async () => {
    await fc.assert(
      fc.asyncProperty(envelopeIndex, fc.nat(), fc.nat({ max: 7 }), async (i, at, bit) => {
        const file = clone(approved);
        file.attestations[i]!.signatures[0]!.sig = flipByte(
          file.attestations[i]!.signatures[0]!.sig,
          at,
          bit,
        );
        expect((await verify(file)).ok).toBe(false);
      }),
      runs,
    );
  });

  it('a swapped key id in any signature', async () => {
    await fc.assert(
      fc.asyncProperty(envelopeIndex, fc.constantFrom(reporter, editor, lawyer), async (i, key) => {
        const file = clone(approved);
        fc.pre(file.attestations[i]!.signatures[0]!.keyid !== key.keyid);
        file.attestations[i]!.signatures[0]!.keyid = key.keyid;
        expect((await verify(file)).ok).toBe(false);
      }),
      runs,
    );
  });

  it('a swapped role in the keyring', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 1 }),
        fc.constantFrom<TrustedKey['role']>('reporter', 'editor', 'lawyer'),
        async (k, role) => {
          const ring = [reporter, editor].map((key, i) => (i === k ? { ...key, role } : key));
          fc.pre(ring[k]!.role !== [reporter, editor][k]!.role);
          expect((await verify(approved, ring)).ok).toBe(false);
        },
      ),
      runs,
    );
  });

  it('reordered or dropped envelopes', async () => {
    const n = approved.attestations.length;
    await fc.assert(
      fc.asyncProperty(
        fc
          .subarray([...Array(n).keys()])
          .chain((kept) =>
            fc.shuffledSubarray(kept, { minLength: kept.length, maxLength: kept.length }),
          ),
        async (order) => {
          fc.pre(order.join() !== [...Array(n).keys()].join());
          const file = withEnvelopes(
            approved,
            order.map((i) => approved.attestations[i]!),
          );
          expect((await verify(file)).ok).toBe(false);
        },
      ),
      runs,
    );
  });

  it('an envelope replayed from another record, replacing one or added', async () => {
    await fc.assert(
      fc.asyncProperty(envelopeIndex, envelopeIndex, fc.boolean(), async (i, j, replace) => {
        const list = [...approved.attestations];
        if (replace) list[i] = other.attestations[j]!;
        else list.splice(i + 1, 0, other.attestations[j]!);
        expect((await verify(withEnvelopes(approved, list))).ok).toBe(false);
      }),
      runs,
    );
  });

  it('a downgrade to unsigned, whatever the status says', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<RecordFile['status']>('draft', 'filed', 'returned', 'approved'),
        async (status) => {
          expect((await verify({ ...withEnvelopes(approved, []), status })).ok).toBe(false);
        },
      ),
      runs,
    );
  });

  it('a changed status', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<RecordFile['status']>('draft', 'filed', 'returned'),
        async (status) => {
          expect((await verify({ ...clone(approved), status })).ok).toBe(false);
        },
      ),
      runs,
    );
  });

  it('a changed answer, note or history entry in the working record', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('value', 'note', 'history', 'headline'),
        fc.string({ minLength: 1 }),
        async (what, text) => {
          const file = clone(approved);
          const answer = file.record.answers['safety.identifying-details']!;
          if (what === 'value') fc.pre(answer.value !== text);
          if (what === 'value') answer.value = text;
          else if (what === 'note') answer.note = `${answer.note ?? ''}${text}`;
          else if (what === 'history')
            file.record.history[0]!.by = `${file.record.history[0]!.by}${text}`;
          else file.record.story.headline = `${file.record.story.headline}${text}`;
          expect((await verify(file)).ok).toBe(false);
        },
      ),
      runs,
    );
  });
});
