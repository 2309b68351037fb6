// status: a tampered record is never shown as valid — one changed byte in a signature, one changed
// answer — on this thread and on worker threads, with the verified-signature cache and without.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStatus } from '../../src/commands/status.js';
import type { Context } from '../../src/context.js';
import type { RecordFile } from '../../src/core/record/schema.js';
import { decodeBase64, encodeBase64 } from '../../src/core/signing/dsse.js';
import { DEFAULT_POLICY } from '../../src/core/signing/policy.js';
import { statusRow } from '../../src/core/signing/status-row.js';
import { signatureCacheKey, type SignatureCache } from '../../src/adapters/verified-cache.js';
import { verifyRecord, verifyRecordLean, type TrustedKey } from '../../src/core/signing/verify.js';
import { BIN } from '../helpers/cli.js';
import { draftRecord, fileRecord, makeKey, reviewRecord } from './helpers.js';

const reporter = makeKey('Jane Reporter', 'reporter');
const editor = makeKey('Ed Itor', 'editor');
const keys: TrustedKey[] = [reporter, editor];
const approved = reviewRecord(fileRecord(draftRecord(), reporter), editor, 'approved', 'approved');
const filed = fileRecord(draftRecord(), reporter);

/** One changed byte in the last envelope's signature. */
function badSignature(file: RecordFile): RecordFile {
  const out = structuredClone(file);
  const env = out.attestations.at(-1)!;
  const sig = decodeBase64(env.signatures[0]!.sig)!;
  sig[10] = sig[10]! ^ 0x01;
  env.signatures[0] = { ...env.signatures[0]!, sig: encodeBase64(sig) };
  return out;
}

/** One changed answer in the working record. */
function changedAnswer(file: RecordFile): RecordFile {
  const out = structuredClone(file);
  out.record.answers['defamation.allegation'] = {
    ...out.record.answers['defamation.allegation']!,
    value: 'yes',
  };
  return out;
}

class MemoryCache implements SignatureCache {
  readonly entries = new Set<string>();
  has(keyid: string, env: RecordFile['attestations'][number], sha: string): boolean {
    return this.entries.has(signatureCacheKey(keyid, env, sha));
  }
  add(keyid: string, env: RecordFile['attestations'][number], sha: string): void {
    this.entries.add(signatureCacheKey(keyid, env, sha));
  }
}

const text = (file: RecordFile) => `${JSON.stringify(file, null, 2)}\n`;

describe('status rows', () => {
  for (const sync of [false, true]) {
    it(`marks a changed signature byte and a changed answer invalid (sync: ${sync})`, async () => {
      const cache = new MemoryCache();
      for (const withCache of [false, true, true]) {
        const ctx = { keys, policy: DEFAULT_POLICY, sync, ...(withCache ? { cache } : {}) };
        expect(await statusRow(text(approved), 'a.prepub.json', ctx)).toMatchObject({
          valid: true,
          problems: [],
        });
        expect(await statusRow(text(filed), 'f.prepub.json', ctx)).toMatchObject({
          status: 'filed',
          valid: true,
        });
        const sig = await statusRow(text(badSignature(approved)), 's.prepub.json', ctx);
        expect(sig.valid).toBe(false);
        expect(sig.problems).toContain('signature 2');
        const answer = await statusRow(text(changedAnswer(approved)), 'c.prepub.json', ctx);
        expect(answer.valid).toBe(false);
        expect(answer.problems).toContain('record');
      }
      expect(cache.entries.size).toBeGreaterThan(0);
    });
  }

  it('marks a malformed record invalid', async () => {
    const ctx = { keys, policy: DEFAULT_POLICY, sync: true };
    const bad = structuredClone(approved) as unknown as { record: { id: string } };
    bad.record.id = 'not-a-uuid';
    expect(await statusRow(JSON.stringify(bad), 'm.prepub.json', ctx)).toMatchObject({
      status: 'invalid',
      valid: false,
      problems: ['not a valid record'],
    });
    expect(await statusRow('{', 'u.prepub.json', ctx)).toMatchObject({ valid: false });
    expect(await statusRow(undefined, 'x.prepub.json', ctx)).toMatchObject({ valid: false });
  });

  it('the lean check answers only as the full one would, and declines the rest', async () => {
    const cases: RecordFile[] = [approved, filed, badSignature(approved), changedAnswer(approved)];
    // A snapshot that is not a valid record, in an otherwise untouched (unsigned-for) envelope.
    const extra = structuredClone(approved);
    (extra.record as unknown as Record<string, unknown>).extra = 1;
    cases.push(extra);
    for (const file of cases) {
      const input = { file, keys, policy: DEFAULT_POLICY };
      const full = await verifyRecord(input);
      const lean = await verifyRecordLean(input, { sync: true });
      if (lean) expect(lean).toEqual(full);
      else expect(full.checks.some((c) => !c.ok && c.name !== 'policy')).toBe(true);
    }
    expect(await verifyRecordLean({ file: approved, keys, policy: DEFAULT_POLICY })).toEqual(
      await verifyRecord({ file: approved, keys, policy: DEFAULT_POLICY }),
    );
  });
});

describe('status over a folder', () => {
  let dir: string;
  const env = () => ({
    PATH: process.env.PATH ?? '',
    HOME: dir,
    XDG_CONFIG_HOME: path.join(dir, 'config'),
    XDG_CACHE_HOME: path.join(dir, 'cache'),
    NO_COLOR: '1',
  });
  const context = (): Context => ({
    cwd: dir,
    env: env(),
    color: false,
    colorOut: false,
    debug: false,
    interactive: false,
    stdinIsTTY: false,
    stdout: () => undefined,
    stderr: () => undefined,
  });
  type Row = { path: string; valid: boolean | null; problems: readonly string[] };
  const expectRows = (rows: Row[]) => {
    const bad = rows.filter((r) => r.valid !== true).map((r) => path.basename(r.path));
    expect(bad.sort()).toEqual(['answer.prepub.json', 'signature.prepub.json']);
    expect(rows.find((r) => r.path.endsWith('signature.prepub.json'))!.problems).toContain(
      'signature 2',
    );
    expect(rows.find((r) => r.path.endsWith('answer.prepub.json'))!.problems).toContain('record');
  };

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'prepub-status-'));
    const added = '2026-11-20T09:00:00.000Z';
    const keyring = {
      format: 'prepub/keyring@1',
      keys: [reporter, editor].map((k) => ({
        keyid: k.keyid,
        name: k.name,
        role: k.role,
        publicKey: k.publicPem,
        added,
      })),
    };
    writeFileSync(path.join(dir, 'keyring.json'), JSON.stringify(keyring));
    // Enough records for worker threads (from 256), two of them tampered with.
    for (let i = 0; i < 300; i++) {
      const sub = path.join(dir, 'records', String(i % 10));
      mkdirSync(sub, { recursive: true });
      const file = i % 2 ? approved : filed;
      writeFileSync(path.join(sub, `story-${i}.prepub.json`), text(file));
    }
    writeFileSync(path.join(dir, 'records', 'signature.prepub.json'), text(badSignature(approved)));
    writeFileSync(path.join(dir, 'records', 'answer.prepub.json'), text(changedAnswer(approved)));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('on this thread, with and without the cache', async () => {
    for (const cache of [false, true, true]) {
      const result = await runStatus(
        { dir: 'records', keyring: 'keyring.json', cache },
        context(),
        { threadsFrom: Infinity },
      );
      expect(result.records).toHaveLength(302);
      expectRows(result.records);
    }
  });

  it('on worker threads (the built bin), with and without the cache', () => {
    for (const extra of [['--no-cache'], [], []]) {
      const r = spawnSync(
        process.execPath,
        [BIN, 'status', 'records', '--keyring', 'keyring.json', '--format', 'json', ...extra],
        { cwd: dir, env: env(), encoding: 'utf8' },
      );
      expect(r.status, r.stderr).toBe(0);
      const rows = (JSON.parse(r.stdout) as { records: Row[] }).records;
      expect(rows).toHaveLength(302);
      expectRows(rows);
    }
  });
});
