// prepub scan, end to end: the CLI in process, in a fresh temp folder with NO_COLOR=1 (standard
// input through the built bin).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Finding } from '../../src/core/scan/finding.js';
import { makeDocx } from '../fixtures/articles/make-docx.mjs';
import { runInProcess } from '../helpers/run.js';

let dir: string;

function prepub(args: string[], input?: string) {
  return runInProcess(args, {
    cwd: dir,
    ...(input === undefined ? {} : { input }),
    env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: path.join(dir, '.cache') },
  });
}

function write(name: string, content: string | Uint8Array): string {
  writeFileSync(path.join(dir, name), content);
  return name;
}

const COURT = [
  '# Man in court',
  '',
  'Gregory Tanner, 52, of 14 Elm Grove appeared at Marston Crown Court.',
  '',
  'During a hearing in the absence of the jury, lawyers argued.',
  '',
].join('\n');

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'prepub-scan-e2e-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('prepub scan', () => {
  it('prints findings like a linter, grouped by section, with a summary; exit 1 on a blocker', async () => {
    write('court.md', COURT);
    const r = await prepub(['scan', 'court.md']);
    expect(r.code).toBe(1);
    // The story reading comes first; rules with a title show it instead of their id.
    expect(r.stdout).toMatch(
      /^Reads as: court report, trial under way — line 3: 'appeared at'\n\n/,
    );
    expect(r.stdout).toMatch(/^safety \(\d+\)$/m);
    expect(r.stdout).toMatch(
      /^ {2}court\.md:3:24 +high +safety +Home address: A house number .* "14 Elm Grove"$/m,
    );
    expect(r.stdout).toMatch(
      /^ {2}court\.md:5:25 +blocker +restrictions +Heard without the jury: .*"absence of the jury"$/m,
    );
    // The blocker names what corroborates it.
    expect(r.stdout).toMatch(/^ +because: a trial \(3:\d+ "Court"\)/m);
    expect((await prepub(['scan', 'court.md', '--verbose'])).stdout).toMatch(
      /"14 Elm Grove" +uk-ew\.street-address$/m,
    );
    expect(r.stdout).toMatch(
      /^\d+ findings \(1 blocker, .*\) in \d sections; 1 at or above blocker$/m,
    );
    expect(r.stdout.indexOf('safety (')).toBeLessThan(r.stdout.indexOf('restrictions ('));
    expect(r.stderr).toBe('prepub: 1 finding at or above blocker (--fail-on blocker)\n');
  });

  it('prints exactly { article, reading, findings } as JSON on stdout', async () => {
    const r = await prepub(['scan', 'court.md', '--format', 'json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { article: unknown; reading: unknown; findings: unknown[] };
    expect(Object.keys(out)).toEqual(['article', 'reading', 'findings']);
    expect(out.reading).toMatchObject({ kind: 'court-report', stage: 'trial' });
    const article = out.article as { path: string; sha256: string; bytes: number };
    expect(Object.keys(article)).toEqual(['path', 'sha256', 'bytes']);
    expect([article.path, article.bytes]).toEqual(['court.md', Buffer.byteLength(COURT)]);
    expect(article.sha256).toMatch(/^[0-9a-f]{64}$/);
    for (const f of out.findings) expect(Finding.parse(f)).toEqual(f);
    expect(out.findings).toContainEqual(
      expect.objectContaining({
        rule: 'uk-ew.street-address',
        line: 3,
        column: 24,
        endLine: 3,
        endColumn: 36,
        excerpt: '14 Elm Grove',
      }),
    );
  });

  it('--fail-on sets the threshold; a harmless story passes', async () => {
    expect((await prepub(['scan', 'court.md', '--fail-on', 'high'])).stderr).toMatch(
      /at or above high/,
    );
    write('fete.md', 'The village fete raised £4,000 for the church bells.\n');
    const fete = await prepub(['scan', 'fete.md', '--fail-on', 'low']);
    expect([fete.code, fete.stdout, fete.stderr]).toEqual([0, 'fete.md: no findings\n', '']);
    expect((await prepub(['scan', 'fete.md', '--fail-on', 'severe'])).code).toBe(2);
  });

  it('--section filters', async () => {
    const r = await prepub(['scan', 'court.md', '--section', 'safety', '--format', 'json']);
    const out = JSON.parse(r.stdout) as { findings: { section: string }[] };
    expect(out.findings.length).toBeGreaterThan(0);
    expect(new Set(out.findings.map((f) => f.section))).toEqual(new Set(['safety']));
    expect(r.code).toBe(0);
    expect((await prepub(['scan', 'court.md', '--section', 'gossip'])).code).toBe(2);
  });

  it('a suppression comment marks the finding, keeps it, and stops it failing', async () => {
    write(
      'ok.md',
      COURT.replace(
        'During',
        '<!-- prepub-ignore uk-ew.jury-absent-material: heard in open court, checked with legal -->\nDuring',
      ),
    );
    const r = await prepub(['scan', 'ok.md', '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { findings: Finding[] };
    expect(out.findings.find((f) => f.rule === 'uk-ew.jury-absent-material')?.suppressed).toEqual({
      reason: 'heard in open court, checked with legal',
      by: 'comment',
    });
    expect((await prepub(['scan', 'ok.md'])).stdout).toMatch(
      /\(suppressed by comment: heard in open court, checked with legal\)/,
    );
  });

  it('--ignore rule=reason suppresses by flag; without a reason it is a usage error', async () => {
    const r = await prepub([
      'scan',
      'court.md',
      '--ignore',
      'uk-ew.jury-absent-material=legal cleared it',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { findings: Finding[] };
    expect(out.findings.find((f) => f.rule === 'uk-ew.jury-absent-material')?.suppressed).toEqual({
      reason: 'legal cleared it',
      by: 'flag',
    });
    const bad = await prepub(['scan', 'court.md', '--ignore', 'uk-ew.jury-absent-material']);
    expect([bad.code, bad.stdout]).toEqual([2, '']);
    expect(bad.stderr).toMatch(
      /^prepub: --ignore uk-ew\.jury-absent-material: a suppression needs a reason/,
    );
    expect((await prepub(['scan', 'court.md', '--ignore', 'uk-ew.nope=why'])).code).toBe(2);
  });

  it('a suppression comment without a reason is exit 2 naming its position', async () => {
    write('noreason.md', 'Intro.\n\n  <!-- prepub-ignore uk-ew.postcode -->\nHF3 8LP\n');
    const r = await prepub(['scan', 'noreason.md']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^prepub: noreason\.md:3:3: prepub-ignore uk-ew\.postcode has no reason/,
    );
  });

  it.each([
    ['missing file', () => 'nope.md', /^prepub: nope\.md: no such file\n$/],
    [
      'binary file',
      () => write('photo.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2])),
      /^prepub: photo\.txt: looks like a binary file/,
    ],
    [
      'non-UTF-8 text',
      () => write('latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a])),
      /^prepub: latin1\.txt: is not valid UTF-8 text\n$/,
    ],
    [
      'a folder',
      () => (mkdirSync(path.join(dir, 'sub'), { recursive: true }), 'sub'),
      /^prepub: sub: is a folder/,
    ],
  ])('%s → exit 2 with one clear line', async (_what, make, message) => {
    const r = await prepub(['scan', make()]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a file over --max-bytes is exit 2; raising the limit reads it', async () => {
    write('big.txt', 'x'.repeat(2_000));
    const r = await prepub(['scan', 'big.txt', '--max-bytes', '1000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^prepub: big\.txt: is larger than 1000 bytes \(2000\); raise the limit with --max-bytes\n$/,
    );
    expect((await prepub(['scan', 'big.txt', '--max-bytes', '5000'])).code).toBe(0);
    expect((await prepub(['scan', '-', '--max-bytes', '10'], 'x'.repeat(50))).code).toBe(2);
  });

  it('reads standard input from -', async () => {
    const r = await prepub(
      ['scan', '-', '--format', 'json', '--fail-on', 'high'],
      'Call 07700 900123 today.\n',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { article: { path: string }; findings: Finding[] };
    expect(out.article.path).toBe('-');
    expect(out.findings.map((f) => [f.rule, f.line, f.column, f.excerpt])).toEqual([
      ['uk-ew.phone-number', 1, 6, '07700 900123'],
    ]);
  });

  it('.html positions point into the source', async () => {
    const html =
      '<html><body>\n<p>The car, <b>HF19&nbsp;KRW</b>, was sold.</p>\n<p>Contact: <a href="mailto:a@b.example">a@b.example</a></p>\n</body></html>\n';
    write('story.html', html);
    const out = JSON.parse((await prepub(['scan', 'story.html', '--format', 'json'])).stdout) as {
      findings: Finding[];
    };
    const lines = html.split('\n');
    const at = (f: Finding) => lines[f.line - 1]?.slice(f.column - 1, f.endColumn - 1);
    const plate = out.findings.find((f) => f.rule === 'uk-ew.vehicle-registration');
    expect(plate && [plate.line, plate.column, at(plate)]).toEqual([2, 16, 'HF19&nbsp;KRW']);
    const email = out.findings.find((f) => f.rule === 'uk-ew.email-address');
    expect(email && at(email)).toBe('a@b.example');
  });

  it('.docx positions count paragraphs, and the text output says so', async () => {
    write('story.docx', makeDocx(['Headline', '', 'Her car, HF19 KRW, was outside.']));
    const json = JSON.parse((await prepub(['scan', 'story.docx', '--format', 'json'])).stdout) as {
      findings: Finding[];
    };
    expect(json.findings.map((f) => [f.rule, f.line, f.column])).toEqual([
      ['uk-ew.vehicle-registration', 2, 10],
    ]);
    const text = await prepub(['scan', 'story.docx']);
    expect(text.stdout).toMatch(/positions are paragraph:column/);
    expect(text.stdout).toMatch(/story\.docx:¶2:10 +high/);
    write('fake.docx', 'not a zip');
    expect((await prepub(['scan', 'fake.docx'])).stderr).toMatch(
      /^prepub: fake\.docx: is not a \.docx file/,
    );
  });

  it('a malformed rules.yaml is exit 2 with file:line:column', async () => {
    mkdirSync(path.join(dir, 'pack'), { recursive: true });
    write(
      'pack/rules.yaml',
      'rules:\n  - id: uk-ew.x\n    section: safety\n    severity: urgent\n    message: m\n    questions: [safety.a]\n    match: { terms: [a] }\n',
    );
    const r = await prepub(['scan', 'fete.md', '--checklist', './pack']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(
      /^prepub: pack\/rules\.yaml:4:15: rules\[0\]\.severity: must be one of "low", "medium", "high", "blocker"\n$/,
    );
    expect((await prepub(['scan', 'fete.md', '--checklist', 'no-such-pack'])).code).toBe(2);
  });

  it('uses the rules cache on a second run with the same result', async () => {
    const first = await prepub(['scan', 'court.md', '--format', 'json']);
    const second = await prepub(['scan', 'court.md', '--format', 'json']);
    expect(second.stdout).toBe(first.stdout);
  });
});
