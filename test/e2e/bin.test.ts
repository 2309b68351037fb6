// The built bin itself, one real process per command (and per exit code it has to show): most
// command tests run the CLI in process (helpers/run.ts), so these check that the bin reaches each
// command with the same exit codes and output. Set-up steps a command has already shown through
// the bin (the editor's key, an early verify) run in process: each spawn costs a second of CPU.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { runInProcess } from '../helpers/run.js';

let cwd: string;
const run = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, { cwd, env });
const inProcess = (args: string[]) => runInProcess(args, { cwd });

beforeAll(() => {
  cwd = tempDir('prepub-bin-');
  copyFileSync(path.join(ROOT, 'examples', 'community-fete.md'), path.join(cwd, 'fete.md'));
  copyFileSync(
    path.join(ROOT, 'examples', 'community-fete.answers.yaml'),
    path.join(cwd, 'answers.yaml'),
  );
});

describe('the bin', () => {
  it('scan: findings and exit 1 on a blocker, exit 2 on a missing file', async () => {
    writeFileSync(
      path.join(cwd, 'court.md'),
      'Gregory Tanner, 52, appeared at Marston Crown Court.\n\nDuring a hearing in the absence of the jury, lawyers argued.\n',
    );
    const r = await run(['scan', 'court.md', '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    expect(JSON.parse(r.stdout)).toHaveProperty('findings');
    const missing = await run(['scan', 'nope.md']);
    expect([missing.code, missing.stdout]).toEqual([2, '']);
    expect(missing.stderr).toMatch(/^prepub: nope\.md/);
  });

  it('checklists list, show and validate', async () => {
    const list = await run(['checklists', 'list', '--format', 'json']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain('"uk-ew"');
    const show = await run(['checklists', 'show', 'uk-ew']);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout.length).toBeGreaterThan(100);
    const valid = await run(['checklists', 'validate', path.join(ROOT, 'checklists', 'uk-ew')]);
    expect(valid.code, valid.stderr).toBe(0);
    const invalid = await inProcess(['checklists', 'validate', cwd]);
    expect(invalid.code).toBe(2);
  }, 60_000);

  it('keys, check, file, verify, review, status, export and revoke', async () => {
    const g = await run(['keys', 'generate', '--name', 'Sam Reporter', '--no-passphrase']);
    expect(g.code, g.stderr).toBe(0);
    const list = await run(['keys', 'list', '--format', 'json']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain('Sam Reporter');
    expect((await run(['keys', 'export', 'Sam Reporter', '--out', 'sam.pem'])).code).toBe(0);
    const t = await run([
      'keys',
      'trust',
      'sam.pem',
      '--name',
      'Sam Reporter',
      '--role',
      'reporter',
      '--keyring',
      'keyring.json',
    ]);
    expect(t.code, t.stderr).toBe(0);

    const checked = await run(['check', 'fete.md', '--answers', 'answers.yaml', '--no-input']);
    expect(checked.code, checked.stderr).toBe(0);
    const filed = await run([
      'file',
      'fete.md.prepub.json',
      '--confirm',
      '--no-input',
      '--key',
      'Sam Reporter',
    ]);
    expect(filed.code, filed.stderr).toBe(0);
    expect(filed.stdout).toContain('Filed fete.md.prepub.json');

    const early = await inProcess(['verify', 'fete.md.prepub.json', '--trust', 'keyring.json']);
    expect(early.code).toBe(1); // filed, not yet approved
    expect(early.stdout + early.stderr).toMatch(/policy/);
    const ed = await inProcess(['keys', 'generate', '--name', 'Ed Itor', '--no-passphrase']);
    expect(ed.code, ed.stderr).toBe(0);
    expect((await inProcess(['keys', 'export', 'Ed Itor', '--out', 'ed.pem'])).code).toBe(0);
    const trusted = await inProcess([
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
    expect(trusted.code, trusted.stderr).toBe(0);
    const reviewed = await run([
      'review',
      'fete.md.prepub.json',
      '--decision',
      'approve',
      '--no-input',
      '--key',
      'Ed Itor',
      '--keyring',
      'keyring.json',
    ]);
    expect(reviewed.code, reviewed.stderr).toBe(0);
    const passed = await run(['verify', 'fete.md.prepub.json', '--trust', 'keyring.json']);
    expect(passed.code, passed.stdout + passed.stderr).toBe(0);
    const status = await run(['status', '.', '--keyring', 'keyring.json']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/village-fete-playground .* approved .* ✓ yes/);
    const sheet = await run(['export', 'fete.md.prepub.json', '--format', 'html']);
    expect(sheet.code, sheet.stderr).toBe(0);
    expect(sheet.stdout).toContain('<html');

    const revoked = await run(['keys', 'revoke', 'Sam Reporter', '--keyring', 'keyring.json']);
    expect(revoked.code, revoked.stderr).toBe(0);
    const keyring = JSON.parse(readFileSync(path.join(cwd, 'keyring.json'), 'utf8')) as {
      keys: { revoked?: unknown }[];
    };
    expect(keyring.keys[0]?.revoked).toBeDefined();
  }, 120_000);
});
