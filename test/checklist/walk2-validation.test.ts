// Misuses of the 2.0 pack format (checkbox, includes, repeat, dismiss): each an error (or a
// warning) at its exact file:line:column.
import { describe, expect, it } from 'vitest';
import { loadWalk2, WALK2 } from '../fixtures/packs/walk2.js';
import { positionOf } from '../helpers/cli.js';
import { runInProcess, ROOT } from '../helpers/run.js';

function mutate(file: string, from: string, to: string): Record<string, string> {
  const text = WALK2[file]!;
  if (!text.includes(from)) throw new Error(`fixture ${file} lacks ${JSON.stringify(from)}`);
  return { ...WALK2, [file]: text.replace(from, to) };
}

const R = 'restrictions.yaml';
const P = 'privacy.yaml';

const cases: [string, Record<string, string>, string, string, RegExp][] = [
  [
    '"includes" on a question that is not a checkbox',
    mutate(R, 'is: charged }', 'includes: charged }'),
    R,
    'includes: charged',
    /"includes" is for checkbox questions; "restrictions.proceeding-stage" is a choice question/,
  ],
  [
    '"is" on a checkbox question',
    mutate(P, 'includes: suicide }', 'is: suicide }'),
    P,
    'is: suicide',
    /checkbox question: test it with "includes", not "is"/,
  ],
  [
    '"includes" naming an option the question does not offer',
    mutate(P, 'includes: suicide }', 'includes: murder }'),
    P,
    'murder',
    /"murder" is not an option of "privacy.involves"/,
  ],
  [
    '"includes" naming "none"',
    mutate(P, 'includes: suicide }', 'includes: none }'),
    P,
    'none }',
    /"includes" cannot test "none"/,
  ],
  [
    'a checkbox without "none"',
    mutate(P, '      none:\n        label: None of these\n        risk: none\n', ''),
    P,
    '      suicide:',
    /needs a "none" option/,
  ],
  [
    'a checkbox option without a label',
    mutate(P, '        label: A death by suicide\n', ''),
    P,
    'risk: low\n        rules: [walk2.suicide',
    /option "suicide" needs a "label"/,
  ],
  [
    'an option pre-ticked by a rule that does not exist',
    mutate(P, 'rules: [walk2.suicide-terms]\n      health', 'rules: [walk2.nothing]\n      health'),
    P,
    'walk2.nothing',
    /rule "walk2.nothing" is not in rules.yaml/,
  ],
  [
    '"rules" on an answer of a yes-no question',
    mutate(
      R,
      'yes: { risk: none }\n      no: { risk: medium',
      'yes: { risk: none, rules: [walk2.court-terms] }\n      no: { risk: medium',
    ),
    R,
    'rules: [walk2.court-terms] }',
    /"rules" on an answer is only for checkbox options/,
  ],
  [
    'a group nesting a group',
    mutate(
      R,
      '      - id: restrictions.proceeding-kind\n',
      '      - id: restrictions.inner\n        type: repeat\n        ask: Inner.\n        guidance: Inner.\n        citations: [X]\n        item: thing\n      - id: restrictions.proceeding-kind\n',
    ),
    R,
    'type: repeat\n        ask: Inner.',
    /cannot hold another repeat group/,
  ],
  [
    'a repeat group without "item"',
    mutate(R, '    item: proceeding\n', ''),
    R,
    'type: repeat',
    /needs "item"/,
  ],
  [
    'a group with answers',
    mutate(
      R,
      '    item: proceeding\n',
      '    item: proceeding\n    answers: { yes: { risk: none } }\n',
    ),
    R,
    'answers: { yes',
    /a repeat group has no "answers"/,
  ],
  [
    '"item" on an ordinary question',
    mutate(R, '    dismiss: What', '    item: thing\n    dismiss: What'),
    R,
    'item: thing',
    /"item" is only for repeat groups/,
  ],
  [
    'a condition naming a later question',
    mutate(
      R,
      'when: { answer: restrictions.involves, includes: [criminal-case, youth-case, inquest] }',
      'when: { answer: restrictions.order, is: yes }',
    ),
    R,
    'restrictions.order, is',
    /which is asked later/,
  ],
  [
    'a condition on the group itself',
    mutate(
      R,
      'when: { answer: restrictions.proceeding-stage, is: charged }',
      'when: { answer: restrictions.proceedings, is: charged }',
    ),
    R,
    'restrictions.proceedings, is',
    /is a repeat group; a condition tests one of its questions/,
  ],
  [
    'a question id in a group outside its section',
    mutate(R, 'id: restrictions.proceeding-kind', 'id: privacy.proceeding-kind'),
    R,
    'privacy.proceeding-kind',
    /must start with "restrictions."/,
  ],
  [
    '"unsure" on a yes-no question',
    mutate(R, '    dismiss: What', '    unsure: { risk: low }\n    dismiss: What'),
    R,
    'unsure: { risk',
    /"unsure" is only for checkbox questions/,
  ],
];

describe('2.0 format misuse', () => {
  it.each(cases)('%s → an error at its position', (_name, files, file, at, message) => {
    const result = loadWalk2(files);
    expect(result.value).toBeUndefined();
    const { line, column } = positionOf(files[file]!, at);
    const error = result.errors.find((e) => message.test(e.message));
    expect(
      error,
      result.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('\n'),
    ).toBeDefined();
    expect(error).toMatchObject({ file: `walk2/${file}`, line });
    expect(error!.column).toBeLessThanOrEqual(column + at.length);
  });

  it('warns when a question a finding raises offers no "not applicable"', () => {
    const result = loadWalk2(mutate(P, '      not-applicable: { risk: none }\n', ''));
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(
        /"privacy.suicide-method" is raised by scan findings but offers no "not-applicable"/,
      ),
    ]);
  });

  it('warns, at its line, of a pattern that ignores case but names a capital letter', () => {
    // Under the `i` flag \p{Lu} and [A-Z] match small letters too: "at his \p{Lu}..." finds
    // "at his own" as well as "at his London".
    const rule = (id: string, match: string) =>
      `  - id: walk2.${id}\n    section: privacy\n    severity: low\n    message: A home.\n    questions: [privacy.suicide-method]\n    match: ${match}\n`;
    const files = {
      ...WALK2,
      'rules.yaml':
        WALK2['rules.yaml']! +
        rule('named-home', '{ pattern: "at his \\\\p{Lu}\\\\p{L}+ home" }') +
        rule(
          'named-home-cs',
          '{ pattern: "at his \\\\p{Lu}\\\\p{L}+ home", case-sensitive: true }',
        ) +
        rule('initial', '{ terms: [home], only-if: { pattern: "Mr [A-Z]\\\\b" } }') +
        rule('any-home', '{ pattern: "at his \\\\p{L}+ home" }'),
    };
    const result = loadWalk2(files);
    expect(result.errors).toEqual([]);
    const warned = result.warnings.map((w) => `${w.line} ${w.message}`);
    const text = files['rules.yaml'];
    expect(warned).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${positionOf(text, 'named-home').line + 5} \\S*pattern: "\\\\p\\{Lu\\}" matches letters of either case`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^${positionOf(text, 'walk2.initial').line + 5} \\S*only-if\\.pattern: "\\[A-Z\\]" matches letters of either case`,
        ),
      ),
    ]);
  });

  it('checklists validate: the test pack is valid', async () => {
    const result = await runInProcess(['checklists', 'validate', 'test/fixtures/packs/walk2'], {
      cwd: ROOT,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
