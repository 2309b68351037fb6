// The 2.0 walk on a small pack: checkbox questions, includes, repeat groups, the relevance rule,
// dismiss prompts, progress, and the assessment (item labels, no duplicate actions, notes).
import { describe, expect, it } from 'vitest';
import {
  answerLabel,
  assess,
  checkAnswer,
  dependentKeys,
  type EngineState,
  type FindingRef,
  findQuestion,
  type GivenAnswer,
  nextQuestion,
  notePrompt,
  progressOf,
  suggestions,
} from '../../src/core/checklist/engine.js';
import { walk2Pack } from '../fixtures/packs/walk2.js';

const pack = walk2Pack();
const court: FindingRef = {
  rule: 'walk2.court-terms',
  section: 'restrictions',
  questions: ['restrictions.legal-terms'],
};
const suicide: FindingRef = {
  rule: 'walk2.suicide-terms',
  section: 'privacy',
  questions: ['privacy.suicide-method'],
};
const q = (key: string) => findQuestion(pack, key)!.question;

type Script = Record<string, string | string[] | number>;

/** Answer with `script` until the engine has nothing more to ask; a group's entry is its count. */
function walk(script: Script, findings: FindingRef[] = []) {
  const answers: Record<string, GivenAnswer> = {};
  const items: Record<string, number> = {};
  const asked: string[] = [];
  for (let i = 0; i < 100; i++) {
    const next = nextQuestion(pack, { answers, findings, items });
    if (!next) break;
    const value = script[next.key];
    if (value === undefined) throw new Error(`unscripted question ${next.key}`);
    if (typeof value === 'number') {
      const open = Math.max(items[next.key] ?? 1, 1);
      if (open < value) {
        items[next.key] = open + 1;
        continue;
      }
      asked.push(next.key);
      answers[next.key] = { value: String(value) };
      continue;
    }
    asked.push(next.key);
    answers[next.key] = { value, note: 'noted' };
  }
  return { asked, state: { answers, findings } as EngineState };
}

describe('a 2.0-format pack', () => {
  it('is recognised by its features', () => {
    expect(pack.format).toBe(2);
  });
});

describe('the walk: which questions are asked', () => {
  it.each<[string, Script, FindingRef[], string[]]>([
    [
      'harmless: two screening checkboxes',
      { 'restrictions.involves': ['none'], 'privacy.involves': ['none'] },
      [],
      ['restrictions.involves', 'privacy.involves'],
    ],
    [
      'a finding does not force a question whose own condition is false (relevance rule)',
      { 'restrictions.involves': ['none'], 'privacy.involves': ['health'] },
      [court, suicide],
      ['restrictions.involves', 'privacy.involves'],
    ],
    [
      'the condition holds: the raised question is asked',
      {
        'restrictions.involves': ['none'],
        'privacy.involves': ['suicide'],
        'privacy.suicide-method': 'no',
      },
      [suicide],
      ['restrictions.involves', 'privacy.involves', 'privacy.suicide-method'],
    ],
    [
      'two proceedings: stage asked per item, the order asked when any item is charged',
      {
        'restrictions.involves': ['criminal-case'],
        'restrictions.proceeding-kind#1': 'criminal',
        'restrictions.proceeding-stage#1': 'charged',
        'restrictions.proceeding-kind#2': 'misconduct',
        'restrictions.proceedings': 2,
        'restrictions.order': 'no',
        'restrictions.legal-terms': 'yes',
        'privacy.involves': ['none'],
      },
      [],
      [
        'restrictions.involves',
        'restrictions.proceeding-kind#1',
        'restrictions.proceeding-stage#1',
        'restrictions.proceeding-kind#2',
        'restrictions.proceedings',
        'restrictions.order',
        'restrictions.legal-terms',
        'privacy.involves',
      ],
    ],
    [
      '"not sure" about an option opens its follow-ups',
      {
        'restrictions.involves': ['unsure:inquest'],
        'restrictions.proceeding-kind#1': 'inquest',
        'restrictions.proceedings': 1,
        'privacy.involves': ['none'],
      },
      [],
      [
        'restrictions.involves',
        'restrictions.proceeding-kind#1',
        'restrictions.proceedings',
        'privacy.involves',
      ],
    ],
  ])('%s', (_name, script, findings, expected) => {
    expect(walk(script, findings).asked).toEqual(expected);
  });
});

describe('checkbox answers', () => {
  it.each<[string, GivenAnswer, RegExp | undefined]>([
    ['a list of options', { value: ['criminal-case', 'inquest'] }, undefined],
    ['none alone', { value: ['none'] }, undefined],
    ['none with others', { value: ['none', 'inquest'] }, /cannot be ticked with other options/],
    ['an empty list', { value: [] }, /tick at least one option/],
    ['a single string', { value: 'inquest' }, /give a list of options/],
    ['an unknown option', { value: ['murder'] }, /"murder" is not an option/],
    ['"not sure" about none', { value: ['unsure:none'] }, /is not an option/],
    ['an option twice', { value: ['inquest', 'unsure:inquest'] }, /given twice/],
    ['an option that needs a note, without one', { value: ['youth-case'] }, /a note is required/],
    ['"not sure" without a note', { value: ['unsure:inquest'] }, /a note is required/],
    [
      '"not sure" with a note',
      { value: ['unsure:inquest'], note: 'Asking the coroner.' },
      undefined,
    ],
  ])('%s', (_name, answer, problem) => {
    const result = checkAnswer(q('restrictions.involves'), answer, []);
    if (problem) expect(result).toMatch(problem);
    else expect(result).toBeUndefined();
  });

  it('reads as "A, B; not sure: C"', () => {
    expect(answerLabel(q('restrictions.involves'), ['criminal-case', 'unsure:inquest'])).toBe(
      'A criminal case; not sure: An inquest',
    );
  });

  it('asks for the option\'s own note, else the "not sure" note', () => {
    const involves = q('restrictions.involves');
    expect(notePrompt(involves, ['inquest', 'youth-case'], [])).toBe(
      'Which order applies, and who made it?',
    );
    expect(notePrompt(involves, ['unsure:inquest'], [])).toBe(
      'What might be going on, and whom will you ask?',
    );
    expect(notePrompt(involves, ['inquest'], [])).toBeUndefined();
  });

  it('suggests the options whose rules fired, with the findings as evidence', () => {
    expect(suggestions(q('restrictions.involves'), [court])).toEqual([
      { value: 'criminal-case', label: 'A criminal case', findings: [court] },
    ]);
    expect(suggestions(q('restrictions.involves'), [{ ...court, suppressed: true }])).toEqual([]);
  });
});

describe('inverted prompts', () => {
  it('a "no" to a question a finding raised asks the pack\'s dismiss prompt, else a neutral one', () => {
    expect(notePrompt(q('restrictions.legal-terms'), 'no', [court])).toBe(
      'What will you check, against what, and by when?',
    );
    expect(notePrompt(q('privacy.suicide-method'), 'not-applicable', [suicide])).toBe(
      'What did you check, and what did you find?',
    );
    expect(notePrompt(q('restrictions.legal-terms'), 'no', [])).toBeUndefined();
  });
});

describe('the assessment', () => {
  const { state } = walk(
    {
      'restrictions.involves': ['criminal-case'],
      'restrictions.proceeding-kind#1': 'criminal',
      'restrictions.proceeding-stage#1': 'charged',
      'restrictions.proceeding-kind#2': 'misconduct',
      'restrictions.proceedings': 2,
      'restrictions.order': 'yes',
      'restrictions.legal-terms': 'no',
      'privacy.involves': ['health'],
    },
    [court],
  );
  const a = assess(pack, state);

  it('is complete, and its risk is the highest answer', () => {
    expect(a.pending).toBe(0);
    expect(a.overall).toBe('high');
    expect(a.sections).toEqual({ restrictions: 'high', privacy: 'medium' });
  });

  it("labels each item's answers, and lists an identical action once", () => {
    expect(a.actions.map((x) => [x.question, x.text])).toEqual([
      ['restrictions.proceeding-stage#1', 'Proceeding 1: Check the stage with the court list.'],
      ['restrictions.proceeding-kind#2', 'Proceeding 2: Check whether the hearing is in public.'],
      ['restrictions.order', 'Get the written order.'],
      ['restrictions.legal-terms', 'Check every legal term against the charge sheet.'],
    ]);
  });

  it("refers per item, with the reporter's note", () => {
    expect(a.referrals.map((r) => [r.question, r.ask, r.note])).toEqual([
      ['restrictions.proceeding-stage#1', 'Proceeding 1: What stage has it reached?', 'noted'],
      ['restrictions.order', 'Is there a reporting restriction order?', 'noted'],
    ]);
  });

  it('flags a checkbox answer with its list', () => {
    const health = a.flagged.find((f) => f.question === 'privacy.involves');
    expect(health).toMatchObject({ value: ['health'], answer: "Someone's health", risk: 'medium' });
  });
});

describe('changing an answer', () => {
  const { state } = walk({
    'restrictions.involves': ['criminal-case'],
    'restrictions.proceeding-kind#1': 'criminal',
    'restrictions.proceeding-stage#1': 'charged',
    'restrictions.proceeding-kind#2': 'criminal',
    'restrictions.proceeding-stage#2': 'verdict',
    'restrictions.proceedings': 2,
    'restrictions.order': 'no',
    'restrictions.legal-terms': 'yes',
    'privacy.involves': ['none'],
  });

  it('clears the follow-ups within the same item, and those outside that depend on it', () => {
    expect(
      dependentKeys(pack, 'restrictions.proceeding-kind#1', 'misconduct', state.answers),
    ).toEqual(['restrictions.proceeding-stage#1', 'restrictions.order']);
  });

  it('drops the answers of items no longer counted', () => {
    expect(dependentKeys(pack, 'restrictions.proceedings', '1', state.answers)).toEqual([
      'restrictions.proceeding-kind#2',
      'restrictions.proceeding-stage#2',
    ]);
  });
});

describe('progress', () => {
  it('counts the questions in force and those that could still open', () => {
    const start = progressOf(pack, { answers: {}, findings: [] });
    expect(start.number).toBe(1);
    // Screening, then the group's kind (stage could follow), order, legal terms, and privacy's two.
    expect(start.total).toBeGreaterThanOrEqual(6);
    const harmless = progressOf(pack, {
      answers: { 'restrictions.involves': { value: ['none'] } },
      findings: [],
    });
    expect(harmless).toEqual({ number: 2, total: 3 });
  });
});
