// The program itself: version, help, usage errors and exit codes, as a user meets them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runInProcess, tempDir } from '../helpers/run.js';

const version = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

describe('prepub', () => {
  it('--version prints the version and nothing else', async () => {
    const r = await runInProcess(['--version'], { cwd: tempDir() });
    expect(r).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('--help lists every command with examples', async () => {
    const r = await runInProcess(['--help'], { cwd: tempDir() });
    expect(r.code).toBe(0);
    for (const c of [
      'check',
      'scan',
      'file',
      'review',
      'verify',
      'status',
      'export',
      'checklists',
      'keys',
    ]) {
      expect(r.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
    }
    expect(r.stdout).toContain('Examples:');
    expect(r.stderr).toBe('');
  });

  it.each([
    ['check'],
    ['scan'],
    ['file'],
    ['review'],
    ['verify'],
    ['status'],
    ['export'],
    ['checklists', 'validate'],
    ['keys', 'trust'],
  ])('%s --help has an example', async (...cmd) => {
    const r = await runInProcess([...cmd, '--help'], { cwd: tempDir() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:\n {2}\$ prepub /);
  });

  it.each([
    [['bogus'], /unknown command 'bogus'/],
    [['scan'], /missing required argument 'article'/],
    [['scan', 'x.md', '--format', 'xml'], /argument 'xml' is invalid/],
    [['check', '--nope'], /unknown option '--nope'/],
    [['keys', 'trust', 'k.pem', '--name', 'A', '--role', 'boss'], /argument 'boss' is invalid/],
  ])('usage error %j → exit 2, one message, no stack', async (args, message) => {
    const r = await runInProcess(args, { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('no command, or a group without its subcommand, shows the help as a usage error', async () => {
    for (const args of [[], ['keys'], ['checklists']]) {
      const r = await runInProcess(args, { cwd: tempDir() });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/Usage: prepub/);
    }
  });

  it('--json is --format json', async () => {
    const r = await runInProcess(['checklists', 'list', '--json'], { cwd: tempDir() });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { packs: { id: string }[] }).packs.map((p) => p.id)).toContain(
      'uk-ew',
    );
  });

  it('an input error is one line and exit 2; colour is off without a terminal', async () => {
    const r = await runInProcess(['scan', 'missing.md'], { cwd: tempDir(), env: { NO_COLOR: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toContain(String.fromCharCode(27));
  });
});
