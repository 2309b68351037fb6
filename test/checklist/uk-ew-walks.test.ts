// The pinned walks through uk-ew 2.0.0 (test/fixtures/walks/expected.yaml): each story's answers
// file, given to `prepub check --answers --no-input` with its article, completes the walk; the
// record holds exactly the answers the walk asks for (no more, no fewer than the file gives),
// within the target, with the expected overall risk, lawyer referrals and blockers.
// The answers files say, in their header, which question reaches each problem a lawyer would flag.
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { findQuestion } from '../../src/core/checklist/engine.js';
import { Risk } from '../../src/core/checklist/schema.js';
import { RecordFile } from '../../src/core/record/schema.js';
import { ROOT, runInProcess, tempDir } from '../helpers/run.js';
import { ukEw } from './uk-ew-pack.js';

const Path = z.strictObject({
  article: z.string(),
  answers: z.string(),
  'max-answers': z.number().int(),
  'answers-2-0-0': z.number().int(),
  'answers-1-0-0': z.number().int(),
  overall: Risk,
  referrals: z.array(z.string()),
  blockers: z.array(z.string()),
});
const Expected = z.strictObject({ paths: z.record(z.string(), Path) });

const expected = Expected.parse(
  parse(readFileSync(path.join(ROOT, 'test/fixtures/walks/expected.yaml'), 'utf8')),
);

const unique = (xs: readonly string[]) => [...new Set(xs)];

describe('uk-ew 2.0.0 pinned walks', () => {
  it.each(Object.entries(expected.paths))('%s', async (_name, p) => {
    const cwd = tempDir();
    copyFileSync(path.join(ROOT, p.article), path.join(cwd, 'article.md'));
    copyFileSync(path.join(ROOT, p.answers), path.join(cwd, 'answers.yaml'));
    const r = await runInProcess(
      ['check', 'article.md', '--answers', 'answers.yaml', '--no-input', '--out', 'x.prepub.json'],
      { cwd, env: { PREPUB_NO_CACHE: '1' } },
    );
    expect(r.stderr).not.toMatch(/refused|still to answer/);
    expect(r.code).toBe(0);

    const { record } = RecordFile.parse(
      JSON.parse(readFileSync(path.join(cwd, 'x.prepub.json'), 'utf8')),
    );
    const pack = await ukEw();
    // One answer per question asked; a repeat group's item count is not an answer.
    const typeOf = (key: string): string | undefined =>
      findQuestion(pack, key.replace(/#\d+$/, ''))?.question.type;
    const answered = Object.keys(record.answers).filter((key) => typeOf(key) !== 'repeat');
    expect(answered.length).toBe(p['answers-2-0-0']);
    expect(answered.length).toBeLessThanOrEqual(p['max-answers']);
    expect(answered.length).toBeLessThan(p['answers-1-0-0']);

    const a = record.assessment;
    expect(a.pending).toBe(0);
    expect(a.overall).toBe(p.overall);
    expect(unique(a.referrals.map((x) => x.question))).toEqual(p.referrals);
    expect(unique(a.flagged.filter((x) => x.risk === 'blocker').map((x) => x.question))).toEqual(
      p.blockers,
    );
  });
});
