// The sign-off sheet for a record on a 2.0 pack: checkbox answers read "A, B; not sure: C", and
// the questions of a repeat group sit under their group, item by item, labelled with the item.
import { describe, expect, it } from 'vitest';
import { applyAnswer, newRecord } from '../../src/core/record/build.js';
import { buildSheet } from '../../src/render/sheet-model.js';
import { walk2Pack } from '../fixtures/packs/walk2.js';

const pack = walk2Pack();
const AT = '2026-01-02T03:04:05.000Z';

function record() {
  let r = newRecord({
    id: '00000000-0000-4000-8000-000000000003',
    pack,
    story: { slug: 's', headline: 'h', desk: 'd', reporter: 'r' },
    article: null,
    findings: [],
    by: 'r',
    now: AT,
  });
  const answers: [string, string | string[], string?][] = [
    ['restrictions.involves', ['criminal-case', 'unsure:inquest'], 'Asking the coroner.'],
    ['restrictions.proceeding-kind#2', 'misconduct'],
    ['restrictions.proceeding-kind#1', 'criminal'],
    ['restrictions.proceeding-stage#1', 'verdict'],
    ['restrictions.proceedings', '2'],
  ];
  for (const [key, value, note] of answers)
    r = applyAnswer(r, pack, key, { value, note }, 'r', AT).record;
  return r;
}

describe('the sheet on a 2.0 pack', () => {
  const sheet = buildSheet({ record: record(), pack, signoffs: [], keyring: null });
  const rows = sheet.sections.find((s) => s.id === 'restrictions')!.answers;

  it('reads a checkbox answer as a list, with "not sure"', () => {
    expect(rows[0]).toMatchObject({
      question: 'restrictions.involves',
      value: ['criminal-case', 'unsure:inquest'],
      answer: 'A criminal case; not sure: An inquest',
      risk: 'medium',
      note: 'Asking the coroner.',
    });
  });

  it("lists a group's questions item by item, labelled", () => {
    expect(rows.map((r) => [r.question, r.ask, r.answer])).toEqual([
      [
        'restrictions.involves',
        'Which of these does the story involve?',
        'A criminal case; not sure: An inquest',
      ],
      [
        'restrictions.proceedings',
        'Take each legal proceeding in the story in turn.',
        '2 proceedings',
      ],
      [
        'restrictions.proceeding-kind#1',
        'Proceeding 1: What kind of proceeding is it?',
        'Criminal',
      ],
      [
        'restrictions.proceeding-stage#1',
        'Proceeding 1: What stage has it reached?',
        'Verdict given',
      ],
      [
        'restrictions.proceeding-kind#2',
        'Proceeding 2: What kind of proceeding is it?',
        'A misconduct hearing',
      ],
    ]);
  });
});
