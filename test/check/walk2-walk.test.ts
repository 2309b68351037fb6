// The walk loop (core/record/walk.ts) on the 2.0 test pack with a scripted source: repeat groups
// grow by "Another proceeding?", progress reads "question n of about m" and survives a resume,
// and changing the number of items drops the answers of the items no longer counted.
import { describe, expect, it } from 'vitest';
import { findQuestion, type GivenAnswer, type Located } from '../../src/core/checklist/engine.js';
import { reviewItems } from '../../src/prompts/review.js';
import { questionBlock } from '../../src/render/walk.js';
import { createTheme } from '../../src/render/theme.js';
import { applyAnswer, newRecord } from '../../src/core/record/build.js';
import type { RecordFile } from '../../src/core/record/schema.js';
import { ANOTHER, walk, type AskContext } from '../../src/core/record/walk.js';
import { walk2Pack } from '../fixtures/packs/walk2.js';

const pack = walk2Pack();
const AT = '2026-01-02T03:04:05.000Z';

function fresh(): RecordFile {
  return newRecord({
    id: '00000000-0000-4000-8000-000000000002',
    pack,
    story: { slug: 's', headline: 'h', desk: 'd', reporter: 'r' },
    article: null,
    findings: [],
    by: 'r',
    now: AT,
  });
}

/** A source that answers from a script; a group's entry: how many items in all. */
function scripted(script: Record<string, GivenAnswer['value'] | number>) {
  const seen: { key: string; number?: number; total?: number }[] = [];
  return {
    seen,
    source: {
      answer(located: Located, ask: AskContext): Promise<GivenAnswer | undefined> {
        seen.push({ key: located.key, number: ask.progress.number, total: ask.progress.total });
        const v = script[located.key];
        if (v === undefined) return Promise.resolve(undefined);
        if (typeof v === 'number')
          return Promise.resolve({ value: (ask.items ?? 1) < v ? ANOTHER : String(v) });
        return Promise.resolve({ value: v, note: 'noted' });
      },
    },
  };
}

const SCRIPT = {
  'restrictions.involves': ['criminal-case'],
  'restrictions.proceeding-kind#1': 'criminal',
  'restrictions.proceeding-stage#1': 'verdict',
  'restrictions.proceeding-kind#2': 'criminal',
  'restrictions.proceeding-stage#2': 'charged',
  'restrictions.proceedings': 2,
  'restrictions.order': 'no',
  'restrictions.legal-terms': 'yes',
  'privacy.involves': ['none'],
} as const;

const run = (record: RecordFile, script: Record<string, GivenAnswer['value'] | number>) => {
  const s = scripted(script);
  return walk({
    pack,
    record,
    source: s.source,
    by: 'r',
    now: () => AT,
    save: () => Promise.resolve(),
  }).then((result) => ({ ...result, seen: s.seen }));
};

describe('the walk on a 2.0 pack', () => {
  it('asks each item, "another?" after each, and numbers the questions', async () => {
    const { record, pending, seen } = await run(fresh(), SCRIPT);
    expect(pending).toEqual([]);
    expect(seen.map((s) => s.key)).toEqual([
      'restrictions.involves',
      'restrictions.proceeding-kind#1',
      'restrictions.proceeding-stage#1',
      'restrictions.proceedings',
      'restrictions.proceeding-kind#2',
      'restrictions.proceeding-stage#2',
      'restrictions.proceedings',
      'restrictions.order',
      'restrictions.legal-terms',
      'privacy.involves',
    ]);
    const numbered = seen.filter((s) => s.key !== 'restrictions.proceedings');
    expect(numbered.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // At the last question the suicide follow-up could still open: "8 of about 9".
    expect(numbered.at(-1)).toMatchObject({ number: 8, total: 9 });
    for (const s of numbered) expect(s.total!).toBeGreaterThanOrEqual(s.number!);
    expect(record.record.answers['restrictions.proceedings']!.value).toBe('2');
    expect(record.record.assessment.pending).toBe(0);
  });

  it('a resumed walk carries on numbering from the answers in the record', async () => {
    const first = await run(fresh(), {
      'restrictions.involves': ['criminal-case'],
      'restrictions.proceeding-kind#1': 'criminal',
    });
    expect(first.pending[0]!.key).toBe('restrictions.proceeding-stage#1');
    const second = await run(first.record, SCRIPT);
    expect(second.seen[0]).toMatchObject({ key: 'restrictions.proceeding-stage#1', number: 3 });
  });

  it('fewer items drops the answers of the items no longer counted', async () => {
    const { record } = await run(fresh(), SCRIPT);
    const applied = applyAnswer(record, pack, 'restrictions.proceedings', { value: '1' }, 'r', AT);
    expect(applied.cleared).toEqual([
      'restrictions.proceeding-kind#2',
      'restrictions.proceeding-stage#2',
    ]);
    expect(applied.record.record.assessment.referrals).toEqual([]);
  });
});

describe('what the reporter sees', () => {
  it('the review screen lists lists and items, labelled, in walk order', async () => {
    const { record } = await run(fresh(), SCRIPT);
    const lines = reviewItems(pack, record).map((i) => `${i.id} | ${i.line}`);
    expect(lines.slice(0, 6)).toEqual([
      'restrictions.involves | Reporting restrictions: Which of these does the story involve? → A criminal case',
      'restrictions.proceeding-kind#1 | Reporting restrictions: Proceeding 1: What kind of proceeding is it? → Criminal',
      'restrictions.proceeding-stage#1 | Reporting restrictions: Proceeding 1: What stage has it reached? → Verdict given',
      'restrictions.proceeding-kind#2 | Reporting restrictions: Proceeding 2: What kind of proceeding is it? → Criminal',
      'restrictions.proceeding-stage#2 | Reporting restrictions: Proceeding 2: What stage has it reached? → Charged, awaiting trial',
      'restrictions.proceedings | Reporting restrictions: Take each legal proceeding in the story in turn. → 2 proceedings',
    ]);
  });

  it('each question shows "Question n of about m" and its item', () => {
    const located = findQuestion(pack, 'restrictions.proceeding-kind#2')!;
    const block = questionBlock(
      located,
      { section: 1, sections: 2, question: 4, number: 4, total: 8 },
      [],
      undefined,
      createTheme(false),
    );
    expect(block).toContain('Question 4 of about 8 · Section 1 of 2');
    expect(block).toContain('Proceeding 2 · Take each legal proceeding in the story in turn.');
    expect(block).toContain('Proceeding 2: What kind of proceeding is it?');
  });
});
