// The pure engine on a small pack: conditions, ordering, skipping, findings, risk, referrals.
import { describe, expect, it } from 'vitest';
import {
  assess,
  checkAnswer,
  dependents,
  type EngineState,
  type FindingRef,
  findQuestion,
  isApplicable,
  nextQuestion,
  notePrompt,
  outcomeOf,
  unmitigatedBlockers,
} from '../../src/core/checklist/engine.js';
import { evaluate, satisfiable } from '../../src/core/checklist/conditions.js';
import { loadPackFromFiles } from '../../src/core/checklist/loader.js';
import type { Pack } from '../../src/core/checklist/schema.js';
import { MINI } from '../fixtures/packs/mini.js';

function load(files: Record<string, string> = MINI): Pack {
  const result = loadPackFromFiles(
    'mini',
    Object.entries(files).map(([name, text]) => ({ name, display: `mini/${name}`, text })),
  );
  if (!result.value) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.value;
}

const pack = load();
const plate: FindingRef = { rule: 'mini.plate', section: 'safety', questions: ['safety.plates'] };

/** Answer with `script` until the engine has nothing more to ask; returns the ids asked. */
function walk(
  script: Record<string, string>,
  findings: FindingRef[] = [],
): { asked: string[]; state: EngineState } {
  const answers: Record<string, { value: string; note?: string }> = {};
  const asked: string[] = [];
  for (
    let q = nextQuestion(pack, { answers, findings });
    q;
    q = nextQuestion(pack, { answers, findings })
  ) {
    const value = script[q.question.id];
    if (value === undefined) throw new Error(`unscripted question ${q.question.id}`);
    asked.push(q.question.id);
    answers[q.question.id] = { value, note: 'noted' };
  }
  return { asked, state: { answers, findings } };
}

describe('engine: ordering and skipping', () => {
  it.each([
    [
      'harmless: screening only',
      { 'safety.at-risk': 'no', 'accuracy.quotes': 'none' },
      [],
      ['safety.at-risk', 'accuracy.quotes'],
    ],
    [
      '"yes" opens the follow-up',
      { 'safety.at-risk': 'yes', 'safety.address': 'no', 'accuracy.quotes': 'none' },
      [],
      ['safety.at-risk', 'safety.address', 'accuracy.quotes'],
    ],
    [
      '"unsure" opens it too',
      { 'safety.at-risk': 'unsure', 'safety.address': 'no', 'accuracy.quotes': 'none' },
      [],
      ['safety.at-risk', 'safety.address', 'accuracy.quotes'],
    ],
    [
      'all + not: recorded quotes and not "no" to risk',
      {
        'safety.at-risk': 'unsure',
        'safety.address': 'no',
        'accuracy.quotes': 'recorded',
        'accuracy.where': 'on the server',
      },
      [],
      ['safety.at-risk', 'safety.address', 'accuracy.quotes', 'accuracy.where'],
    ],
    [
      'not: "no" to risk closes accuracy.where',
      { 'safety.at-risk': 'no', 'accuracy.quotes': 'recorded' },
      [],
      ['safety.at-risk', 'accuracy.quotes'],
    ],
    [
      'any: notes opens the court question',
      { 'safety.at-risk': 'no', 'accuracy.quotes': 'notes', 'accuracy.court': 'no' },
      [],
      ['safety.at-risk', 'accuracy.quotes', 'accuracy.court'],
    ],
    [
      'a finding raises a question screening skipped',
      { 'safety.at-risk': 'no', 'safety.plates': 'yes', 'accuracy.quotes': 'none' },
      [plate],
      ['safety.at-risk', 'safety.plates', 'accuracy.quotes'],
    ],
    [
      'section findings satisfy a condition',
      { 'safety.at-risk': 'no', 'accuracy.quotes': 'none', 'accuracy.court': 'no' },
      [{ rule: 'x.y', section: 'accuracy', questions: [] }],
      ['safety.at-risk', 'accuracy.quotes', 'accuracy.court'],
    ],
    [
      'a suppressed finding raises nothing',
      { 'safety.at-risk': 'no', 'accuracy.quotes': 'none' },
      [{ ...plate, suppressed: { reason: 'police appeal' } }],
      ['safety.at-risk', 'accuracy.quotes'],
    ],
  ] as const)('%s', (_name, script, findings, expected) => {
    expect(walk(script, [...findings]).asked).toEqual(expected);
  });

  it('asks questions in pack order and none twice', () => {
    const { asked } = walk(
      {
        'safety.at-risk': 'yes',
        'safety.address': 'yes',
        'safety.plates': 'no',
        'accuracy.quotes': 'notes',
        'accuracy.court': 'yes',
      },
      [plate],
    );
    expect(asked).toEqual([
      'safety.at-risk',
      'safety.address',
      'safety.plates',
      'accuracy.quotes',
      'accuracy.court',
    ]);
  });
});

describe('engine: assessment', () => {
  it('none for a harmless walk', () => {
    const a = assess(pack, walk({ 'safety.at-risk': 'no', 'accuracy.quotes': 'none' }).state);
    expect(a).toEqual({
      overall: 'none',
      sections: { safety: 'none', accuracy: 'none' },
      actions: [],
      referrals: [],
      flagged: [],
      pending: 0,
    });
  });

  it('takes the highest risk per section and overall, with actions and referrals', () => {
    const a = assess(
      pack,
      walk({
        'safety.at-risk': 'yes',
        'safety.address': 'yes',
        'accuracy.quotes': 'notes',
        'accuracy.court': 'yes',
      }).state,
    );
    expect(a.overall).toBe('blocker');
    expect(a.sections).toEqual({ safety: 'blocker', accuracy: 'medium' });
    expect(a.actions.map((x) => x.text)).toEqual([
      'Talk to the person at risk.',
      'Check the notes.',
    ]);
    expect(a.referrals.map((r) => [r.question, r.risk])).toEqual([
      ['safety.at-risk', 'high'],
      ['safety.address', 'blocker'],
      ['accuracy.court', 'medium'],
    ]);
    expect(a.flagged.map((f) => [f.question, f.reasons])).toEqual([
      ['safety.at-risk', ['risk', 'lawyer']],
      ['safety.address', ['risk', 'lawyer']],
      ['accuracy.court', ['risk', 'lawyer']],
    ]);
    expect(a.pending).toBe(0);
  });

  it('counts pending questions and ignores answers no longer in force', () => {
    const state: EngineState = {
      answers: { 'safety.at-risk': { value: 'no' }, 'safety.address': { value: 'yes' } },
      findings: [],
    };
    const a = assess(pack, state);
    expect(a.overall).toBe('none'); // safety.address is not asked when at-risk is "no"
    expect(a.pending).toBe(1); // accuracy.quotes
  });

  it('flags a "no" to a question a finding raised', () => {
    const a = assess(
      pack,
      walk({ 'safety.at-risk': 'no', 'safety.plates': 'no', 'accuracy.quotes': 'none' }, [plate])
        .state,
    );
    expect(a.flagged).toEqual([
      expect.objectContaining({
        question: 'safety.plates',
        reasons: ['finding'],
        raisedBy: ['mini.plate'],
        note: 'noted',
      }),
    ]);
  });

  it('blocks filing on a blocker with neither referral nor note', () => {
    const a = assess(
      pack,
      walk({ 'safety.at-risk': 'yes', 'safety.address': 'yes', 'accuracy.quotes': 'none' }).state,
    );
    expect(unmitigatedBlockers(a)).toEqual([]); // the blocker refers to a lawyer
    expect(
      unmitigatedBlockers({
        ...a,
        flagged: a.flagged.map((f) => ({ ...f, lawyer: false, note: undefined })),
      }).map((f) => f.question),
    ).toEqual(['safety.address']);
  });
});

describe('engine: answers and notes', () => {
  const q = (id: string) => findQuestion(pack, id)!.question;
  it.each([
    ['safety.at-risk', { value: 'maybe' }, [], /not an answer/],
    ['safety.at-risk', { value: 'yes' }, [], /note is required/],
    ['safety.at-risk', { value: 'yes', note: '  ' }, [], /note is required/],
    ['safety.at-risk', { value: 'yes', note: 'Spoke to police.' }, [], undefined],
    ['safety.at-risk', { value: 'no' }, [], undefined],
    ['safety.plates', { value: 'no' }, [plate], /triggered mini.plate/],
    ['safety.plates', { value: 'not-applicable' }, [plate], /triggered mini.plate/],
    ['safety.plates', { value: 'no', note: 'It is the police appeal van.' }, [plate], undefined],
    ['accuracy.where', { value: '' }, [], /required/],
  ] as const)('%s %j', (id, answer, findings, problem) => {
    const result = checkAnswer(q(id), answer, [...findings]);
    if (problem === undefined) expect(result).toBeUndefined();
    else expect(result).toMatch(problem);
  });

  it('uses the pack note prompt, else a finding prompt', () => {
    expect(notePrompt(q('safety.at-risk'), 'unsure', [])).toBe('Why are you unsure?');
    expect(notePrompt(q('safety.plates'), 'no', [plate])).toBe(
      'What did you check, and what did you find?',
    );
    expect(notePrompt(q('safety.plates'), 'no', [])).toBeUndefined();
  });

  it('finds dependents transitively', () => {
    expect(dependents(pack, 'safety.at-risk')).toEqual(['safety.address', 'accuracy.where']);
    expect(dependents(pack, 'accuracy.quotes')).toEqual(['accuracy.where', 'accuracy.court']);
    expect(dependents(pack, 'accuracy.court')).toEqual([]);
  });

  it('a finding makes a question applicable whatever its condition says', () => {
    expect(isApplicable(q('safety.plates'), { answers: {}, findings: [] })).toBe(false);
    expect(isApplicable(q('safety.plates'), { answers: {}, findings: [plate] })).toBe(true);
  });
});

describe('engine: answers named after JavaScript built-ins', () => {
  const q = (id: string) => findQuestion(pack, id)!.question;
  const BUILT_INS = ['toString', 'constructor', 'valueOf', 'hasOwnProperty', '__proto__'];

  it.each(BUILT_INS)('"%s" is not an answer to a yes-no or choice question', (value) => {
    expect(checkAnswer(q('safety.at-risk'), { value }, [])).toMatch(/is not an answer/);
    expect(checkAnswer(q('accuracy.quotes'), { value }, [])).toMatch(/is not an answer/);
    expect(outcomeOf(q('safety.at-risk'), value)).toBeUndefined();
  });

  it.each(BUILT_INS)('a record holding "%s" is still to answer, never "no risk"', (value) => {
    const state: EngineState = {
      answers: { 'safety.at-risk': { value }, 'accuracy.quotes': { value: 'none' } },
      findings: [],
    };
    expect(assess(pack, state)).toMatchObject({ overall: 'none', pending: 1, flagged: [] });
    // The question it names is not asked again by mistake as something else: the answer is there.
    expect(nextQuestion(pack, state)).toBeUndefined();
  });
});

describe('conditions', () => {
  const facts = {
    answer: (id: string) => {
      const v = ({ a: 'yes', b: 'no' } as Record<string, string>)[id];
      return v === undefined ? [] : [v];
    },
    finding: (r: string) => r === 'r.x',
    sectionFindings: (s: string) => s === 'safety',
  };
  it.each([
    [{ answer: 'a', is: 'yes' }, true],
    [{ answer: 'a', is: ['no', 'unsure'] }, false],
    [{ answer: 'c', is: 'yes' }, false],
    [{ not: { answer: 'c', is: 'yes' } }, true],
    [{ finding: 'r.x' }, true],
    [{ finding: 'r.y' }, false],
    [{ 'section-findings': 'safety' }, true],
    [
      {
        all: [
          { answer: 'a', is: 'yes' },
          { answer: 'b', is: 'no' },
        ],
      },
      true,
    ],
    [
      {
        all: [
          { answer: 'a', is: 'yes' },
          { answer: 'b', is: 'yes' },
        ],
      },
      false,
    ],
    [{ any: [{ answer: 'a', is: 'no' }, { finding: 'r.x' }] }, true],
    [{ not: { any: [{ answer: 'a', is: 'no' }, { finding: 'r.y' }] } }, true],
  ] as const)('%j → %s', (c, expected) => {
    expect(evaluate(c as never, facts as never)).toBe(expected);
  });

  const domain = {
    values: () => ['yes', 'no', 'unsure'],
    reachable: (id: string) => id !== 'gone',
  };
  it.each([
    [{ answer: 'a', is: 'yes' }, true],
    [
      {
        all: [
          { answer: 'a', is: 'yes' },
          { answer: 'a', is: 'no' },
        ],
      },
      false,
    ],
    [{ all: [{ answer: 'a', is: ['yes', 'no'] }, { not: { answer: 'a', is: 'yes' } }] }, true],
    [{ all: [{ answer: 'a', is: 'yes' }, { not: { answer: 'a', is: 'yes' } }] }, false],
    [{ answer: 'gone', is: 'yes' }, false],
    [{ not: { answer: 'gone', is: 'yes' } }, true],
    [{ all: [{ finding: 'r' }, { not: { finding: 'r' } }] }, false],
    [{ answer: 'a', is: 'maybe' }, false],
  ] as const)('satisfiable %j → %s', (c, expected) => {
    expect(satisfiable(c as never, domain)).toBe(expected);
  });
});
