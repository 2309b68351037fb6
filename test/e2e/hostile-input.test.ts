// Hostile input, end to end (issue #10): devices and pipes that never end, zip bombs, and texts
// shaped to make a scanner quadratic. Each must end quickly with exit 2 and one clear line, or
// be scanned in linear time. The shapes are big enough that the old code took many seconds (or
// grew without bound); the timeouts are generous, so a slow shared machine does not flake.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli, tempDir, type RunResult } from '../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = tempDir('prepub-hostile-');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run a shell pipeline in `dir` (for `yes | prepub …`), killed after `timeoutMs`. */
function sh(script: string, timeoutMs = 20_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', script], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: dir, NO_COLOR: '1', PREPUB: BIN },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    // Kill the whole pipeline (its own process group), not only the shell.
    const timer = setTimeout(() => process.kill(-(child.pid as number), 'SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

const prepub = (args: string[], timeoutMs = 20_000) => runCli(args, { cwd: dir, timeoutMs });

const OVER_CAP = (name: string, cap = 10000000) =>
  new RegExp(
    `^prepub: ${name.replace(/[/.]/g, '\\$&')}: is larger than ${cap} bytes \\(stopped reading there\\); raise the limit with --max-bytes\\n$`,
  );

describe('devices and pipes stop at the byte cap (item 10)', () => {
  it.each(['/dev/zero', '/dev/urandom'])('prepub scan %s: exit 2 at the cap', async (device) => {
    const r = await prepub(['scan', device]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(OVER_CAP(device));
    expect(r.stdout).toBe('');
  });

  it('honours --max-bytes on a device', async () => {
    const r = await prepub(['scan', '/dev/zero', '--max-bytes', '1000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(OVER_CAP('/dev/zero', 1000));
  });

  it('yes | prepub scan - stops at the cap', async () => {
    const r = await sh('yes | node "$PREPUB" scan -');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(OVER_CAP('standard input'));
  });

  it('yes | prepub scan /dev/stdin stops at the cap', async () => {
    const r = await sh('yes | node "$PREPUB" scan /dev/stdin');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(OVER_CAP('/dev/stdin'));
  });

  it('a FIFO with an endless writer stops at the cap', async () => {
    execFileSync('mkfifo', [path.join(dir, 'draft.fifo')]);
    const r = await sh('(yes > draft.fifo 2>/dev/null &); node "$PREPUB" scan draft.fifo');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(OVER_CAP('draft.fifo'));
  });

  it('verify --article /dev/zero stops at the cap', async () => {
    const fixtures = path.join(ROOT, 'test/fixtures/records');
    for (const f of ['care-home-contracts.prepub.json', 'keyring.json'])
      copyFileSync(path.join(fixtures, f), path.join(dir, f));
    const r = await prepub([
      'verify',
      'care-home-contracts.prepub.json',
      '--keyring',
      'keyring.json',
      '--article',
      '/dev/zero',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^prepub: \/dev\/zero: is larger than 10000000 bytes /);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('a regular file over the cap is refused before it is read, with its size', async () => {
    writeFileSync(path.join(dir, 'big.txt'), 'x'.repeat(2000));
    const r = await prepub(['scan', 'big.txt', '--max-bytes', '1999']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'prepub: big.txt: is larger than 1999 bytes (2000); raise the limit with --max-bytes\n',
    );
  });
});
