// Hostile input, end to end (issue #10): devices and pipes that never end, zip bombs, and texts
// shaped to make a scanner quadratic. Each must end quickly with exit 2 and one clear line, or
// be scanned in linear time. The shapes are big enough that the old code took many seconds (or
// grew without bound); the timeouts are generous, so a slow shared machine does not flake.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runInProcess, tempDir, type RunResult } from '../helpers/run.js';
import { deflatedDocx, documentXml } from '../helpers/zip.js';

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

const prepub = (args: string[], timeoutMs = 20_000) => runInProcess(args, { cwd: dir, timeoutMs });

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

  it('verify --article /dev/zero is refused at once: an article is a file', async () => {
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
    expect(r.stderr).toMatch(
      /^prepub: \/dev\/zero: is not a regular file \(a device, pipe or socket\)/,
    );
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

describe('a .docx is checked before it is unpacked (item 9)', () => {
  const PARA = 'The council said in a statement that it had commissioned an internal audit.';
  const write = (name: string, bytes: Uint8Array) => {
    writeFileSync(path.join(dir, name), bytes);
    return name;
  };

  it('reads a deflated .docx as Word writes it', async () => {
    const file = write(
      'ok.docx',
      deflatedDocx({
        data: documentXml(['Gregory Tanner, 52, of 14 Elm Grove, was there.', PARA]),
      }),
    );
    const r = await prepub(['scan', file, '--format', 'json']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { findings: { rule: string; excerpt: string }[] };
    expect(out.findings).toContainEqual(
      expect.objectContaining({ rule: 'uk-ew.street-address', excerpt: '14 Elm Grove' }),
    );
  });

  it('refuses a small file that unpacks past --max-bytes (a zip bomb), quickly', async () => {
    // 25 MB of XML in about 25 KB: mammoth took half a minute and 2 GB on it.
    const bomb = deflatedDocx({ data: documentXml(new Array<string>(320_000).fill(PARA)) });
    expect(bomb.length).toBeLessThan(200_000);
    const r = await prepub(['scan', write('bomb.docx', bomb)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^prepub: bomb\.docx: unpacks to more than 10000000 bytes \(\d{8} declared\); raise the limit with --max-bytes\n$/,
    );
  });

  it('the unpacked limit follows --max-bytes', async () => {
    const file = write(
      'long.docx',
      deflatedDocx({ data: documentXml(new Array<string>(3000).fill(PARA)) }),
    );
    const low = await prepub(['scan', file, '--max-bytes', '100000']);
    expect(low.code).toBe(2);
    expect(low.stderr).toMatch(/^prepub: long\.docx: unpacks to more than 100000 bytes \(/);
    const high = await prepub(['scan', file, '--max-bytes', '1000000']);
    expect(high.code).toBe(0);
  });

  it('refuses an entry that unpacks to more than it declares', async () => {
    const liar = deflatedDocx({
      data: documentXml(new Array<string>(250_000).fill(PARA)),
      declaredSize: 2000,
    });
    const r = await prepub(['scan', write('liar.docx', liar)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'prepub: liar.docx: word/document.xml unpacks to more than the 2000 bytes it declares; is it a zip bomb?\n',
    );
  });

  it('refuses an archive with too many entries before reading them', async () => {
    const many = deflatedDocx(
      { data: documentXml([PARA]) },
      Array.from({ length: 2500 }, (_, i) => ({
        name: `word/media/x${i}.bin`,
        data: '',
        stored: true,
      })),
    );
    const r = await prepub(['scan', write('many.docx', many)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'prepub: many.docx: holds 2503 files, more than the 2000 a .docx may have; is it a zip bomb?\n',
    );
  });
});

describe('hostile shapes scan in linear time (item 8)', () => {
  // Each took 20 to 40 s (or 1 GB) before; linear, each takes about a second. The kill after 10 s
  // leaves room for a busy machine and still fails the quadratic code.
  const scan = (name: string, content: string, args: string[] = []) => {
    writeFileSync(path.join(dir, name), content);
    return prepub(['scan', name, ...args], 10_000);
  };

  it('a prepub-ignore comment that never closes, repeated (2 MB)', async () => {
    const r = await scan('open.md', '<!-- prepub-ignore x '.repeat(100_000));
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'open.md: no findings\n', '']);
  });

  it('suppression comments without a blank line, repeated (2.8 MB)', async () => {
    const r = await scan(
      'many.md',
      '<!-- prepub-ignore uk-ew.postcode: a public building -->\nLS1 1UR\n'.repeat(45_000),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^ {2}… and 44900 more uk-ew\.postcode findings, not listed \(all suppressed\)$/m,
    );
    expect(r.stdout).toMatch(
      /^0 findings in 1 section, 45000 suppressed; none at or above blocker$/m,
    );
  });

  it('"<a" repeated in an .html file (3 MB)', async () => {
    const r = await scan('tags.html', '<a'.repeat(1_500_000));
    expect([r.code, r.stdout, r.stderr]).toEqual([0, 'tags.html: no findings\n', '']);
  });

  it('a 3 MB line of triggers: findings listed up to 100 per rule, the rest counted', async () => {
    // Half a million findings and 1 GB for 5 MB before; this asserts counts, not time.
    writeFileSync(path.join(dir, 'triggers.md'), 'arrested fraud court LS6 2QT '.repeat(103_449));
    const r = await prepub(['scan', 'triggers.md', '--format', 'json'], 20_000);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      findings: unknown[];
      omitted: { rule: string; open: number; suppressed: number }[];
    };
    expect(out.findings.length).toBeLessThanOrEqual(400);
    expect(out.omitted).toContainEqual(
      expect.objectContaining({ rule: 'uk-ew.postcode', open: 103_349, suppressed: 0 }),
    );
    const text = await prepub(['scan', 'triggers.md', '--fail-on', 'medium'], 20_000);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^ {2}… and 103349 more uk-ew\.postcode findings, not listed$/m);
    expect(text.stderr).toMatch(
      /^prepub: \d{6} findings at or above medium \(--fail-on medium\)\n$/,
    );
  });

  it('a .docx paragraph of 300,000 spaces', async () => {
    const file = 'spaces.docx';
    writeFileSync(
      path.join(dir, file),
      deflatedDocx({ data: documentXml([`${' '.repeat(300_000)}fraud`, 'Second paragraph.']) }),
    );
    const r = await prepub(['scan', file, '--format', 'json'], 10_000);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      findings: [{ rule: 'uk-ew.crime-accusation', line: 1, column: 300_001, excerpt: 'fraud' }],
    });
  });
});
