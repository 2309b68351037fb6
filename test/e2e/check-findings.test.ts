// prepub check with a risky draft: findings suggest screening options (with their evidence) and
// raise questions, a "none of these" or a "not applicable" to them needs a note, suppressions are
// recorded with their reasons, and every input kind works.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecordFile } from '../../src/core/record/schema.js';
import { SCREENING } from '../checklist/uk-ew-pack.js';
import { ROOT, runInProcess, tempDir } from '../helpers/run.js';

const story = 'story: { slug: s, headline: H, desk: news, reporter: Sam }\n';
const screeningNone = SCREENING.map((id) => `${id}: [none]\n`).join('');

interface Pending {
  id: string;
  raisedBy: string[];
  options: {
    value: string;
    suggested: boolean;
    evidence: { rule: string; line: number; excerpt: string }[];
  }[];
}

function setup(): string {
  const cwd = tempDir();
  copyFileSync(path.join(ROOT, 'examples', 'councillor-allegation.md'), path.join(cwd, 'story.md'));
  return cwd;
}

describe('check on a risky draft', () => {
  it('"none of these" where findings suggest an option stays pending, with the suggestion and its evidence', async () => {
    const cwd = setup();
    writeFileSync(path.join(cwd, 'a.yaml'), story + screeningNone);
    const r = await runInProcess(['check', 'story.md', '--answers', 'a.yaml', '--format', 'json'], {
      cwd,
    });
    expect(r.code).toBe(2);
    const pending = (JSON.parse(r.stdout) as { pending: Pending[] }).pending;
    expect(pending.map((p) => p.id)).toEqual(
      expect.arrayContaining(['safety.involves', 'restrictions.involves', 'sources.involves']),
    );
    const safety = pending.find((p) => p.id === 'safety.involves')!;
    expect(safety.raisedBy).toContain('uk-ew.vehicle-registration');
    expect(safety.options.find((o) => o.value === 'location')).toMatchObject({
      suggested: true,
      evidence: expect.arrayContaining([
        { rule: 'uk-ew.vehicle-registration', line: 22, excerpt: 'KX19 BHD' },
      ]) as unknown,
    });
    expect(safety.options.find((o) => o.value === 'none')).toMatchObject({ suggested: false });
    expect(r.stderr).toMatch(
      /a\.yaml:2:18: safety\.involves: a note is required: the draft triggered .*uk-ew\.vehicle-registration/,
    );
    const record = RecordFile.parse(
      JSON.parse(readFileSync(path.join(cwd, 'story.md.prepub.json'), 'utf8')),
    );
    expect(record.record.findings.length).toBeGreaterThan(10);
    expect(
      record.record.findings.find((f) => f.rule === 'uk-ew.vehicle-registration'),
    ).toMatchObject({ line: 22, excerpt: 'KX19 BHD', section: 'safety' });
  });

  it('"not applicable" to a question a finding raised needs a note, at the answer\'s position', async () => {
    const cwd = setup();
    writeFileSync(
      path.join(cwd, 'a.yaml'),
      `${story}safety.involves: [location]\nsafety.locating-details: not-applicable\n`,
    );
    const r = await runInProcess(['check', 'story.md', '--answers', 'a.yaml'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /a\.yaml:3:26: safety\.locating-details: a note is required: the draft triggered .*uk-ew\.vehicle-registration/,
    );
  });

  it('a suppression is recorded with its reason and raises nothing', async () => {
    const cwd = setup();
    writeFileSync(path.join(cwd, 'a.yaml'), story + screeningNone);
    const r = await runInProcess(
      [
        'check',
        'story.md',
        '--answers',
        'a.yaml',
        '--ignore',
        'uk-ew.vehicle-registration=The van belongs to the council depot',
        '--format',
        'json',
      ],
      { cwd },
    );
    expect(r.code).toBe(2);
    const safety = (JSON.parse(r.stdout) as { pending: Pending[] }).pending.find(
      (p) => p.id === 'safety.involves',
    )!;
    expect(safety.raisedBy).not.toContain('uk-ew.vehicle-registration');
    expect(
      safety.options.find((o) => o.value === 'location')?.evidence.map((e) => e.rule),
    ).not.toContain('uk-ew.vehicle-registration');
    const record = RecordFile.parse(
      JSON.parse(readFileSync(path.join(cwd, 'story.md.prepub.json'), 'utf8')),
    );
    const plate = record.record.findings.find((f) => f.rule === 'uk-ew.vehicle-registration');
    expect(plate?.suppressed).toEqual({
      reason: 'The van belongs to the council depot',
      by: 'flag',
    });
    const noReason = await runInProcess(
      ['check', 'story.md', '--answers', 'a.yaml', '--ignore', 'uk-ew.vehicle-registration'],
      { cwd },
    );
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toMatch(/a suppression needs a reason/);
  });
});

describe('check reads every kind of draft', () => {
  it.each([
    ['councillor-allegation.html', 'html'],
    ['whistleblower.docx', 'docx'],
  ])('%s', async (file) => {
    const cwd = tempDir();
    copyFileSync(path.join(ROOT, 'test', 'fixtures', 'articles', file), path.join(cwd, file));
    writeFileSync(path.join(cwd, 'a.yaml'), story + screeningNone);
    const r = await runInProcess(['check', file, '--answers', 'a.yaml', '--format', 'json'], {
      cwd,
    });
    expect([0, 2]).toContain(r.code);
    const record = RecordFile.parse(
      JSON.parse(readFileSync(path.join(cwd, `${file}.prepub.json`), 'utf8')),
    );
    expect(record.record.article?.path).toBe(file);
    expect(record.record.findings.length).toBeGreaterThan(0);
  });

  it('standard input, with the record named by the slug', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'a.yaml'), story + screeningNone);
    const text = readFileSync(path.join(ROOT, 'examples', 'community-fete.md'), 'utf8');
    const r = await runInProcess(['check', '-', '--answers', 'a.yaml'], { cwd, input: text });
    expect(r.code, r.stderr).toBe(0);
    const record = RecordFile.parse(
      JSON.parse(readFileSync(path.join(cwd, 's.prepub.json'), 'utf8')),
    );
    expect(record.record.article).toMatchObject({
      path: '(stdin)',
      bytes: Buffer.byteLength(text),
    });
  });
});
