// What `prepub check` prints around the walk, from data: the pending list and the last word.
import { describe, expect, it } from 'vitest';
import { checkDone, pendingLines, pendingMessage, resumeWarnings } from '../../src/render/check.js';
import { createTheme } from '../../src/render/theme.js';

const t = createTheme(false);

describe('check output', () => {
  it('lists pending items one a line, refused answers first', () => {
    const items = [
      { id: 'story.slug', section: 'story', ask: "The story's slug", type: 'text', choices: [] },
      {
        id: 'a.q',
        section: 'accuracy',
        ask: 'Quotes,\n  any?',
        type: 'choice',
        choices: ['x', 'y'],
      },
    ];
    expect(pendingLines(items, ['answers.yaml:2:1: a.q: a note is required'])).toEqual([
      'answers.yaml:2:1: a.q: a note is required',
      "story.slug  text  The story's slug",
      'a.q  choice (x | y)  Quotes, any?',
    ]);
    expect(pendingMessage(2, 1, 'x.prepub.json')).toBe(
      '1 answer refused; 2 questions still to answer; draft saved to x.prepub.json',
    );
    expect(pendingMessage(1, 0, undefined)).toBe('1 question still to answer');
  });

  it('says what changed under a continued record, and nothing when nothing did', () => {
    expect(resumeWarnings({}, t)).toBe('');
    const text = resumeWarnings(
      {
        article: { from: undefined, to: 'b'.repeat(64) },
        checklist: { from: 'mini 0.9', to: 'mini 1.0' },
      },
      t,
    );
    expect(text).toContain('SHA-256 none… → bbbbbbbbbbbb…');
    expect(text).toContain('(mini 0.9 → mini 1.0)');
  });

  it('ends with the next step for the record', () => {
    const base = { shown: 'x.prepub.json', status: 'draft', answers: 3, changed: true };
    expect(checkDone({ ...base, filed: true, fileable: true })).toContain(
      'Next: the desk editor runs prepub review x.prepub.json',
    );
    expect(checkDone({ ...base, filed: false, fileable: true })).toContain(
      '(3 answers; status: draft)',
    );
    expect(
      checkDone({ ...base, status: 'approved', changed: false, filed: false, fileable: false }),
    ).toContain('is approved; nothing changed. Check it with: prepub verify x.prepub.json');
  });
});
