// End to end: keys, trust, file, review, verify, status and extract, through the CLI in process.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  readdirSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run.js';
import { REAL_ARTICLE as ARTICLE, realDraftRecord as draftRecord } from '../signing/helpers.js';

let dir: string;
let env: NodeJS.ProcessEnv;

function run(args: string[], extra: NodeJS.ProcessEnv = {}) {
  return runInProcess(args, { cwd: dir, env: { ...env, ...extra } });
}

function writeDraft(name: string, options: Parameters<typeof draftRecord>[0] = {}): void {
  writeFileSync(path.join(dir, name), `${JSON.stringify(draftRecord(options), null, 2)}\n`, {
    mode: 0o600,
  });
}

function opensslVerify(sub: string): number | null {
  return spawnSync(
    'openssl',
    [
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      'signer.pem',
      '-rawin',
      '-in',
      'pae.bin',
      '-sigfile',
      'sig.bin',
    ],
    {
      cwd: sub,
      encoding: 'utf8',
    },
  ).status;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'prepub-signoff-'));
  env = {
    PATH: process.env.PATH,
    HOME: dir,
    XDG_CONFIG_HOME: path.join(dir, 'config'),
    NO_COLOR: '1',
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sign-off end to end', () => {
  it('generates, exports and trusts keys for a reporter and an editor', async () => {
    const jane = await run(['keys', 'generate', '--name', 'Jane Reporter', '--no-input'], {
      PREPUB_PASSPHRASE: 'jane-secret-words',
    });
    expect(jane.stderr).toContain('prepub keys trust');
    expect(jane.code).toBe(0);
    const ed = await run(['keys', 'generate', '--name', 'Ed Itor', '--no-passphrase']);
    expect(ed.code).toBe(0);
    const keysDir = path.join(dir, 'config', 'prepub', 'keys');
    expect(statSync(path.join(keysDir, 'jane-reporter.key.pem')).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(keysDir, 'jane-reporter.key.pem'), 'utf8')).toContain(
      'BEGIN ENCRYPTED PRIVATE KEY',
    );
    expect(readFileSync(path.join(keysDir, 'ed-itor.key.pem'), 'utf8')).toContain(
      'BEGIN PRIVATE KEY',
    );

    const list = await run(['keys', 'list', '--format', 'json']);
    expect(list.code).toBe(0);
    const keys = (
      JSON.parse(list.stdout) as { keys: { name: string; keyid: string; encrypted: boolean }[] }
    ).keys;
    expect(keys.map((k) => [k.name, k.encrypted])).toEqual([
      ['Ed Itor', false],
      ['Jane Reporter', true],
    ]);

    const exported = await run(['keys', 'export', 'Jane Reporter']);
    expect(exported.stdout).toContain('BEGIN PUBLIC KEY');
    expect(exported.stderr).toContain(keys[1]!.keyid);
    expect((await run(['keys', 'export', 'Jane Reporter', '--out', 'jane.pem'])).code).toBe(0);
    expect((await run(['keys', 'export', 'Ed Itor', '--out', 'ed.pem'])).code).toBe(0);
    expect(
      (
        await run([
          'keys',
          'trust',
          'jane.pem',
          '--name',
          'Jane Reporter',
          '--role',
          'reporter',
          '--keyring',
          'keyring.json',
        ])
      ).code,
    ).toBe(0);
    const trust = await run([
      'keys',
      'trust',
      'ed.pem',
      '--name',
      'Ed Itor',
      '--role',
      'editor',
      '--keyring',
      'keyring.json',
    ]);
    expect(trust.stdout).toContain('Trusted Ed Itor as editor');
    const keyring = JSON.parse(readFileSync(path.join(dir, 'keyring.json'), 'utf8')) as {
      format: string;
      keys: unknown[];
    };
    expect(keyring.format).toBe('prepub/keyring@1');
    expect(keyring.keys).toHaveLength(2);
    writeFileSync(
      path.join(dir, 'prepub.config.json'),
      `${JSON.stringify({ keyring: 'keyring.json' })}\n`,
    );
  });

  it('files, reviews, approves and verifies against the exact article', async () => {
    writeFileSync(path.join(dir, 'story.md'), ARTICLE);
    writeDraft('story.prepub.json');

    const noConfirm = await run(
      ['file', 'story.prepub.json', '--no-input', '--key', 'Jane Reporter'],
      {
        PREPUB_PASSPHRASE: 'jane-secret-words',
      },
    );
    expect(noConfirm.code).toBe(2);
    expect(noConfirm.stderr).toContain('--confirm');

    const filed = await run(
      ['file', 'story.prepub.json', '--confirm', '--no-input', '--key', 'Jane Reporter'],
      { PREPUB_PASSPHRASE: 'jane-secret-words' },
    );
    expect(filed.stderr).not.toContain('internal error');
    expect(filed.code).toBe(0);
    expect(filed.stdout).toContain('Filed story.prepub.json');
    const record = JSON.parse(readFileSync(path.join(dir, 'story.prepub.json'), 'utf8')) as {
      status: string;
      attestations: unknown[];
    };
    expect(record.status).toBe('filed');
    expect(record.attestations).toHaveLength(1);
    expect(statSync(path.join(dir, 'story.prepub.json')).mode & 0o777).toBe(0o600);

    const again = await run(
      ['file', 'story.prepub.json', '--confirm', '--no-input', '--key', 'Jane Reporter'],
      { PREPUB_PASSPHRASE: 'jane-secret-words' },
    );
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already filed');

    // The gate never takes its trust root from the prepub.config.json beside the records.
    const unpinned = await run(['verify', 'story.prepub.json']);
    expect(unpinned.code).toBe(2);
    expect(unpinned.stderr).toContain('no trust root');
    expect(unpinned.stderr).toMatch(/prepub\.config\.json is not used/);

    const waiting = await run([
      'verify',
      'story.prepub.json',
      '--trust',
      'keyring.json',
      '--format',
      'json',
    ]);
    expect(waiting.code).toBe(1);
    const w = JSON.parse(waiting.stdout) as {
      ok: boolean;
      checks: { name: string; ok: boolean; detail: string }[];
    };
    expect(w.ok).toBe(false);
    expect(w.checks.find((c) => c.name === 'policy')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('editor') as unknown,
    });

    const noDecision = await run(['review', 'story.prepub.json', '--no-input', '--key', 'Ed Itor']);
    expect(noDecision.code).toBe(2);
    expect(noDecision.stderr).toContain('--decision');

    const reviewed = await run([
      'review',
      'story.prepub.json',
      '--decision',
      'approve',
      '--comment',
      'Cleared with the desk',
      '--no-input',
      '--key',
      'Ed Itor',
    ]);
    expect(reviewed.stderr).toBe('Publishing system: prepub verify story.prepub.json\n');
    expect(reviewed.code).toBe(0);
    expect(reviewed.stdout).toContain('Status approved');

    const ok = await run([
      'verify',
      'story.prepub.json',
      '--article',
      'story.md',
      '--keyring',
      'keyring.json',
    ]);
    expect(ok.stdout).toContain('✓ article');
    expect(ok.code).toBe(0);
    const json = JSON.parse(
      (
        await run(['verify', 'story.prepub.json', '--format', 'json'], {
          PREPUB_TRUST: path.join(dir, 'keyring.json'),
        })
      ).stdout,
    ) as { ok: boolean; status: string; article: { checked: boolean } };
    expect(json).toMatchObject({ ok: true, status: 'approved', article: { checked: true } });

    const status = await run(['status', '--format', 'json']);
    expect(status.code).toBe(0);
    const rows = (
      JSON.parse(status.stdout) as {
        records: { slug: string; status: string; valid: boolean | null }[];
      }
    ).records;
    expect(rows).toEqual([
      expect.objectContaining({ slug: 'car-theft-appeal', status: 'approved', valid: true }),
    ]);
    expect((await run(['status'])).stdout).toContain('✓ yes');
  });

  it('extracts envelopes that openssl verifies, and rejects a tampered one', async () => {
    const out = await run([
      'verify',
      'story.prepub.json',
      '--extract',
      'envelopes',
      '--trust',
      'keyring.json',
    ]);
    expect(out.code).toBe(0);
    const subs = readdirSync(path.join(dir, 'envelopes')).sort();
    expect(subs).toEqual(['1-reporter', '2-editor']);
    for (const sub of subs) expect(opensslVerify(path.join(dir, 'envelopes', sub))).toBe(0);
    const pae = path.join(dir, 'envelopes', '1-reporter', 'pae.bin');
    const bytes = readFileSync(pae);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 3) ^ 1, bytes.length - 3);
    writeFileSync(pae, bytes);
    expect(opensslVerify(path.join(dir, 'envelopes', '1-reporter'))).not.toBe(0);
  });

  it('fails verification when one byte of the article changes', async () => {
    writeFileSync(path.join(dir, 'story.md'), ARTICLE.replace('Leeds', 'Leedz'));
    const r = await run([
      'verify',
      'story.prepub.json',
      '--article',
      'story.md',
      '--trust',
      'keyring.json',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ article/);
    // Without --article, the gate checks the article the record names: the same failure.
    const bound = await run(['verify', 'story.prepub.json', '--trust', 'keyring.json']);
    expect(bound.code).toBe(1);
    expect(bound.stdout).toMatch(/✗ article/);
    writeFileSync(path.join(dir, 'story.md'), ARTICLE);
  });

  it('refuses a wrong passphrase, a readable key, an untrusted key and a bad keyring', async () => {
    writeDraft('second.prepub.json');
    const wrong = await run(
      ['file', 'second.prepub.json', '--confirm', '--no-input', '--key', 'Jane Reporter'],
      { PREPUB_PASSPHRASE: 'not-it' },
    );
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/wrong passphrase/);

    const keyFile = path.join(dir, 'config', 'prepub', 'keys', 'ed-itor.key.pem');
    chmodSync(keyFile, 0o644);
    const open = await run([
      'file',
      'second.prepub.json',
      '--confirm',
      '--no-input',
      '--key',
      'Ed Itor',
    ]);
    expect(open.code).toBe(2);
    expect(open.stderr).toContain(keyFile);
    expect(open.stderr).toContain('chmod 600');
    chmodSync(keyFile, 0o600);

    const untrusted = await run([
      'file',
      'second.prepub.json',
      '--confirm',
      '--no-input',
      '--key',
      'Ed Itor',
    ]);
    expect(untrusted.code).toBe(2);
    expect(untrusted.stderr).toContain('not trusted as a reporter');

    // A keyring that trusts only the reporter: the editor's signature is untrusted.
    const ring = JSON.parse(readFileSync(path.join(dir, 'keyring.json'), 'utf8')) as {
      keys: { role: string }[];
    };
    writeFileSync(
      path.join(dir, 'reporters.json'),
      JSON.stringify({ ...ring, keys: ring.keys.filter((k) => k.role === 'reporter') }, null, 2),
    );
    const r = await run(['verify', 'story.prepub.json', '--keyring', 'reporters.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ signature 2 .*not signed by any key in the keyring/);

    writeFileSync(
      path.join(dir, 'bad.json'),
      '{\n  "format": "prepub/keyring@1",\n  "keys": [,]\n}\n',
    );
    const bad = await run(['verify', 'story.prepub.json', '--keyring', 'bad.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.json:3:\d+: JSON syntax: unexpected ","/);
  });
});
