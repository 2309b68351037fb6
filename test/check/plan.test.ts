// The check's plan, called directly: the story from its sources, what is pending, the carry-over
// when a record is continued, and an answers file that changes earlier answers.
import { describe, expect, it } from 'vitest';
import { findQuestion } from '../../src/core/checklist/engine.js';
import { parseAnswers } from '../../src/core/record/answers-file.js';
import {
  fillFromConfig,
  pendingItems,
  reconcileAnswersFile,
  resumeRecord,
  storyDefaults,
  storyFrom,
} from '../../src/core/record/check-plan.js';
import { AT, draftWith, pack, plate, SHA_A, SHA_B, story } from './fixtures.js';

const now = () => AT;

describe('the story', () => {
  it('comes from the flags, then the answers file, then the record; the rest is missing', () => {
    const found = storyFrom(
      { slug: 'from-flag' },
      { slug: 'from-file', headline: 'From the file' },
      { slug: 'from-record', headline: 'From the record', desk: '', reporter: 'Jane' },
    );
    expect(found.story).toEqual({
      slug: 'from-flag',
      headline: 'From the file',
      reporter: 'Jane',
    });
    expect(found.missing).toEqual(['desk']);
  });

  it('without a terminal, config fills only the reporter and desk', () => {
    const defaults = storyDefaults({
      article: 'drafts/Village Fete!.md',
      baseName: 'Village Fete!.md',
      firstLine: 'Fete raises £300',
      user: { name: 'Jane', desk: 'news' },
    });
    expect(defaults).toEqual({
      slug: 'village-fete',
      headline: 'Fete raises £300',
      desk: 'news',
      reporter: 'Jane',
    });
    expect(fillFromConfig({}, ['slug', 'headline', 'desk', 'reporter'], defaults)).toEqual({
      desk: 'news',
      reporter: 'Jane',
    });
  });

  it('a draft from standard input offers no slug', () => {
    const defaults = storyDefaults({ article: '-', baseName: '-', firstLine: '', user: {} });
    expect(defaults.slug).toBeUndefined();
    expect(defaults.headline).toBeUndefined();
  });
});

describe('what is pending', () => {
  it('lists the story fields first, then the questions with their answer values', () => {
    const items = pendingItems(['slug'], [findQuestion(pack, 'accuracy.quotes')!]);
    expect(items).toEqual([
      {
        id: 'story.slug',
        section: 'story',
        ask: "The story's slug (--slug)",
        type: 'text',
        choices: [],
      },
      {
        id: 'accuracy.quotes',
        section: 'accuracy',
        ask: 'Does the story quote anyone?',
        type: 'choice',
        choices: ['recorded', 'notes', 'none'],
        notes: [],
        lawyer: [],
        raisedBy: [],
      },
    ]);
  });
});

describe('continuing a record', () => {
  const existing = draftWith({
    'safety.at-risk': { value: 'no' },
    'safety.plates': { value: 'no' },
    'gone.question': { value: 'yes' },
  });

  it('an unchanged article keeps the answers that still hold, and offers all of them again', () => {
    const { record, carried, changes } = resumeRecord({
      existing,
      pack,
      story,
      article: existing.record.article!,
      findings: [],
      by: 'Jane',
      now: AT,
    });
    expect(changes).toEqual({});
    expect(Object.keys(record.record.answers)).toEqual(['safety.at-risk', 'safety.plates']);
    expect([...carried.keys()].sort()).toEqual([
      'gone.question',
      'safety.at-risk',
      'safety.plates',
    ]);
    expect(record.record.history.map((h) => h.event)).toEqual(['created']);
  });

  it('a changed article is noted, and a "no" the new finding needs a note for is asked again', () => {
    const article = { path: 'fete.md', sha256: SHA_B, bytes: 12 };
    const { record, carried, changes } = resumeRecord({
      existing,
      pack,
      story: { ...story, headline: 'New headline' },
      article,
      findings: [plate],
      by: 'Jane',
      now: AT,
    });
    expect(changes.article).toEqual({ from: SHA_A, to: SHA_B });
    expect(record.record.answers['safety.plates']).toBeUndefined();
    expect(carried.get('safety.plates')).toMatchObject({ value: 'no' });
    expect(record.record.answers['safety.at-risk']).toMatchObject({ value: 'no' });
    expect(record.record.article).toEqual(article);
    expect(record.record.findings).toEqual([plate]);
    expect(record.record.story.headline).toBe('New headline');
    expect(record.record.history.at(-1)).toMatchObject({
      event: 'rescanned',
      detail: `article ${SHA_A} → ${SHA_B}`,
    });
    expect(record.record.assessment.pending).toBeGreaterThan(0);
  });

  it('a changed checklist is noted', () => {
    const older = {
      ...existing,
      record: {
        ...existing.record,
        checklist: { id: 'mini', version: '0.9.0', sha256: SHA_A },
      },
    };
    const { changes } = resumeRecord({
      existing: older,
      pack,
      story,
      article: existing.record.article!,
      findings: [],
      by: 'Jane',
      now: AT,
    });
    expect(changes.checklist).toEqual({ from: 'mini 0.9.0', to: 'mini 1.0.0' });
  });
});

describe('an answers file against the record', () => {
  const record = draftWith({
    'safety.at-risk': { value: 'unsure', note: 'Checking with police' },
    'safety.address': { value: 'no' },
    'accuracy.quotes': { value: 'none' },
  });
  const answers = (text: string) => parseAnswers('answers.yaml', text, pack);

  it('changes an answer it gives differently, and clears the questions that depend on it', () => {
    const out = reconcileAnswersFile(
      record,
      pack,
      answers('safety.at-risk: "no"\naccuracy.quotes: none\n'),
      'Jane',
      now,
    );
    expect(out.record.answers['safety.at-risk']).toMatchObject({ value: 'no' });
    expect(out.record.answers['safety.address']).toBeUndefined();
    expect(out.record.answers['accuracy.quotes']).toMatchObject({ value: 'none' });
  });

  it('keeps the earlier note when the file gives none, and ignores answers it refuses', () => {
    const out = reconcileAnswersFile(record, pack, answers('safety.at-risk: "no"\n'), 'Jane', now);
    expect(out.record.answers['safety.at-risk']).toMatchObject({
      value: 'no',
      note: 'Checking with police',
    });
    // "yes" needs a note of its own, and "nonsense" is no answer: the record keeps its answers.
    for (const text of ['safety.at-risk: "yes"\n', 'accuracy.quotes: nonsense\n']) {
      const kept = reconcileAnswersFile(record, pack, answers(text), 'Jane', now);
      expect(kept.record.answers).toEqual(record.record.answers);
    }
  });

  it('leaves the record as it is without an answers file', () => {
    expect(reconcileAnswersFile(record, pack, undefined, 'Jane', now)).toBe(record);
  });
});
