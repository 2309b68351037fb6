// status: a tampered record is never shown as valid — one changed byte in a signature, one changed
// answer — on this thread and on worker threads, with the verified-signature cache and without;
// and rows cached from the last run are used only while nothing they depend on has changed.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runStatus } from '../../src/commands/status.js';
import type { Context } from '../../src/context.js';
import type { RecordFile } from '../../src/core/record/schema.js';
import { decodeBase64, encodeBase64 } from '../../src/core/signing/dsse.js';
import { DEFAULT_POLICY } from '../../src/core/signing/policy.js';
import { statusRow } from '../../src/core/signing/status-row.js';
import { signatureCacheKey, type SignatureCache } from '../../src/adapters/verified-cache.js';
import { verifyRecord, verifyRecordLean, type TrustedKey } from '../../src/core/signing/verify.js';
import { BIN } from '../helpers/cli.js';
import { draftRecord, fileRecord, makeKey, reviewRecord, type TestKey } from './helpers.js';

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

/** The environment and context of a run in `dir`, with its own home, config and cache. */
const folderEnv = (dir: string) => ({
  PATH: process.env.PATH ?? '',
  HOME: dir,
  XDG_CONFIG_HOME: path.join(dir, 'config'),
  XDG_CACHE_HOME: path.join(dir, 'cache'),
  NO_COLOR: '1',
});
const folderContext = (dir: string): Context => ({
  cwd: dir,
  env: folderEnv(dir),
  color: false,
  colorOut: false,
  debug: false,
  interactive: false,
  stdinIsTTY: false,
  stdout: () => undefined,
  stderr: () => undefined,
});

describe('status over a folder', () => {
  let dir: string;
  const env = () => folderEnv(dir);
  const context = () => folderContext(dir);
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

  it('on worker threads and this one (the built bin), with and without the cache', () => {
    // Cold, then filling the cache, then from it: the same rows each time (a row placed at another
    // record's index, by a worker or by the main thread's share, would be cached under that file).
    const outputs: string[] = [];
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
      outputs.push(r.stdout);
    }
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).toBe(outputs[0]);
  });
});

describe('rows cached from the last status of a folder', () => {
  let dir: string;
  const env = () => folderEnv(dir);
  const context = () => folderContext(dir);
  const keyring = (entries: TestKey[], expires?: string) =>
    JSON.stringify({
      format: 'prepub/keyring@1',
      keys: entries.map((k) => ({
        keyid: k.keyid,
        name: k.name,
        role: k.role,
        publicKey: k.publicPem,
        added: '2026-11-20T09:00:00.000Z',
        ...(expires ? { expires } : {}),
      })),
    });
  const status = async (keyringFile = 'keyring.json', cache = true) =>
    (
      await runStatus({ dir: 'records', keyring: keyringFile, cache }, context(), {
        threadsFrom: Infinity,
        settledMs: 0, // the files here were written a moment ago
      })
    ).records;
  const row = (rows: { path: string }[], name: string) =>
    rows.find((r) => path.basename(r.path) === name) as
      { headline: string; valid: boolean | null; problems: readonly string[] } | undefined;
  /** Rewrite the cached row of `name` to show that a run took it from the cache. */
  const markCached = (name: string) => {
    const folder = path.join(dir, 'cache', 'prepub', 'status');
    const [file] = readdirSync(folder);
    const data = JSON.parse(readFileSync(path.join(folder, file!), 'utf8')) as {
      entries: Record<string, { row: { headline: string } }>;
    };
    const key = Object.keys(data.entries).find((k) => path.basename(k) === name)!;
    data.entries[key]!.row.headline = 'FROM THE CACHE';
    writeFileSync(path.join(folder, file!), JSON.stringify(data));
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'prepub-status-rows-'));
    mkdirSync(path.join(dir, 'records'));
    writeFileSync(path.join(dir, 'keyring.json'), keyring([reporter, editor]));
    const withArticle = structuredClone(approved);
    writeFileSync(path.join(dir, 'records', 'a.prepub.json'), text(withArticle));
    writeFileSync(path.join(dir, 'records', 'b.prepub.json'), text(filed));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reuses a row while the record is unchanged, and reads it again once it changes', async () => {
    const first = await status();
    expect(row(first, 'a.prepub.json')!.valid).toBe(true);
    markCached('a.prepub.json');
    expect(row(await status(), 'a.prepub.json')!.headline).toBe('FROM THE CACHE');
    // A changed file has another stamp: it is read afresh.
    writeFileSync(path.join(dir, 'records', 'a.prepub.json'), text(badSignature(approved)));
    const after = row(await status(), 'a.prepub.json')!;
    expect(after.headline).not.toBe('FROM THE CACHE');
    expect(after.valid).toBe(false);
    expect(after.problems).toContain('signature 2');
  });

  it('is not used with --no-cache, nor under another keyring', async () => {
    await status();
    markCached('a.prepub.json');
    expect(row(await status('keyring.json', false), 'a.prepub.json')!.headline).not.toBe(
      'FROM THE CACHE',
    );
    await status();
    markCached('a.prepub.json');
    // Without the editor's key, the approval no longer verifies: the cached row must not be shown.
    writeFileSync(path.join(dir, 'reporter-only.json'), keyring([reporter]));
    const other = row(await status('reporter-only.json'), 'a.prepub.json')!;
    expect(other.headline).not.toBe('FROM THE CACHE');
    expect(other.valid).toBe(false);
  });

  it('stops holding when a key it relied on expires', async () => {
    writeFileSync(path.join(dir, 'soon.json'), keyring([reporter, editor], '2999-01-01T00:00:00Z'));
    await status('soon.json');
    const folder = path.join(dir, 'cache', 'prepub', 'status');
    const file = path.join(folder, readdirSync(folder)[0]!);
    const data = JSON.parse(readFileSync(file, 'utf8')) as { until: string | null };
    expect(data.until).toBe('2999-01-01T00:00:00Z');
    const { StatusRowCache } = await import('../../src/adapters/status-cache.js');
    const { readKeyring } = await import('../../src/adapters/keyring-store.js');
    const { keys: soon } = await readKeyring(path.join(dir, 'soon.json'));
    const later = await StatusRowCache.open(
      env(),
      path.join(dir, 'records'),
      soon,
      DEFAULT_POLICY,
      new Date('3000-01-01T00:00:00Z'),
    );
    expect(later.lookup(path.join(dir, 'records', 'a.prepub.json'), 'a')).toBeUndefined();
  });

  it('does not keep a row of a file changed a moment before it was read (coarse file times)', async () => {
    await runStatus({ dir: 'records', keyring: 'keyring.json' }, context(), {
      threadsFrom: Infinity,
    });
    // Nothing settled, nothing kept: no cache file at all.
    expect(existsSync(path.join(dir, 'cache', 'prepub', 'status'))).toBe(false);
    await status();
    expect(readdirSync(path.join(dir, 'cache', 'prepub', 'status'))).toHaveLength(1);
  });

  it('forgets records that are gone, and sees records that are new', async () => {
    await status();
    rmSync(path.join(dir, 'records', 'b.prepub.json'));
    writeFileSync(path.join(dir, 'records', 'c.prepub.json'), text(filed));
    const rows = await status();
    expect(rows.map((r) => path.basename(r.path)).sort()).toEqual([
      'a.prepub.json',
      'c.prepub.json',
    ]);
  });
});
