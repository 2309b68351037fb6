// Malformed packs through the CLI in process: exit 2, and every error at its exact file:line:column.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINI } from '../fixtures/packs/mini.js';
import { positionOf, runInProcess, tempDir } from '../helpers/run.js';

type Files = Record<string, string>;

function writePack(files: Files): { cwd: string; dir: string } {
  const cwd = tempDir();
  const dir = path.join(cwd, 'mini');
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return { cwd, dir };
}

function mutate(file: string, from: string, to: string): Files {
  const text = MINI[file]!;
  if (!text.includes(from)) throw new Error(`fixture ${file} lacks ${JSON.stringify(from)}`);
  return { ...MINI, [file]: text.replace(from, to) };
}

interface Case {
  name: string;
  files: Files;
  file: string;
  /** Where the error must point: the nth occurrence of this text in the mutated file. */
  at: string;
  occurrence?: number;
  message: RegExp;
}

const cases: Case[] = [
  {
    name: 'YAML syntax error',
    files: mutate('safety.yaml', 'title: Safety', 'title: [Safety'),
    file: 'safety.yaml',
    at: 'why:',
    message: /YAML syntax/,
  },
  {
    name: 'wrong type (citations not a list)',
    files: mutate('safety.yaml', 'citations: [Test Act 2000 s1]', 'citations: Test Act 2000 s1'),
    file: 'safety.yaml',
    at: 'Test Act 2000 s1',
    message: /expected array/,
  },
  {
    name: 'unknown key',
    files: mutate(
      'safety.yaml',
      '    type: yes-no\n    answers:\n      yes: { risk: high',
      '    colour: red\n    type: yes-no\n    answers:\n      yes: { risk: high',
    ),
    file: 'safety.yaml',
    at: 'colour',
    message: /unknown key "colour"/,
  },
  {
    name: 'duplicate question id',
    files: mutate('safety.yaml', 'id: safety.address', 'id: safety.at-risk'),
    file: 'safety.yaml',
    at: 'safety.at-risk',
    occurrence: 2,
    message: /duplicate question id "safety.at-risk"/,
  },
  {
    name: 'dangling when',
    files: mutate(
      'safety.yaml',
      'answer: safety.at-risk, is: [yes, unsure]',
      'answer: safety.nothing, is: [yes, unsure]',
    ),
    file: 'safety.yaml',
    at: 'safety.nothing',
    message: /not a question of this pack/,
  },
  {
    name: 'dangling rule on a question',
    files: mutate('safety.yaml', '    when: { finding: mini.plate }', '    rules: [mini.nope]'),
    file: 'safety.yaml',
    at: 'mini.nope',
    message: /rule "mini.nope" is not in rules.yaml/,
  },
  {
    name: 'dangling rule in a condition',
    files: mutate('safety.yaml', 'when: { finding: mini.plate }', 'when: { finding: mini.nope }'),
    file: 'safety.yaml',
    at: 'mini.nope',
    message: /not in rules.yaml/,
  },
  {
    name: 'rule raising a missing question',
    files: mutate('rules.yaml', 'questions: [safety.plates]', 'questions: [safety.plated]'),
    file: 'rules.yaml',
    at: 'safety.plated',
    message: /not a question of this pack/,
  },
  {
    name: 'cycle',
    files: mutate(
      'safety.yaml',
      '    type: yes-no\n    answers:\n      yes: { risk: high',
      '    when: { answer: safety.address, is: yes }\n    type: yes-no\n    answers:\n      yes: { risk: high',
    ),
    file: 'safety.yaml',
    at: '{ answer: safety.at-risk, is: [yes, unsure] }',
    message: /cycle: safety.at-risk → safety.address → safety.at-risk/,
  },
  {
    name: 'empty section',
    files: mutate(
      'accuracy.yaml',
      MINI['accuracy.yaml']!.slice(MINI['accuracy.yaml']!.indexOf('questions:')),
      'questions: []\n',
    ),
    file: 'accuracy.yaml',
    at: '[]',
    message: /has no questions/,
  },
  {
    name: 'bad risk level',
    files: mutate(
      'safety.yaml',
      'yes: { risk: blocker, lawyer: true }',
      'yes: { risk: severe, lawyer: true }',
    ),
    file: 'safety.yaml',
    at: 'severe',
    message: /must be one of "none", "low", "medium", "high", "blocker"/,
  },
  {
    name: 'condition on a later question',
    files: mutate(
      'accuracy.yaml',
      '{ answer: accuracy.quotes, is: recorded }',
      '{ answer: accuracy.court, is: yes }',
    ),
    file: 'accuracy.yaml',
    at: 'accuracy.court, is: yes',
    message: /asked later/,
  },
  {
    name: 'condition value the question does not offer',
    files: mutate('safety.yaml', 'is: [yes, unsure]', 'is: [yes, maybe]'),
    file: 'safety.yaml',
    at: 'maybe',
    message: /"maybe" is not an answer of "safety.at-risk"/,
  },
  {
    name: 'section without a file',
    files: mutate(
      'pack.yaml',
      'sections: [safety, accuracy]',
      'sections: [safety, privacy, accuracy]',
    ),
    file: 'pack.yaml',
    at: 'privacy',
    message: /has no file privacy.yaml/,
  },
  {
    name: 'section file holding another section',
    files: mutate('accuracy.yaml', 'id: accuracy\n', 'id: privacy\n'),
    file: 'accuracy.yaml',
    at: 'privacy',
    message: /must hold section "accuracy"/,
  },
  {
    name: 'question id with the wrong section',
    files: mutate('safety.yaml', 'id: safety.plates', 'id: accuracy.plates'),
    file: 'safety.yaml',
    at: 'accuracy.plates',
    message: /must start with "safety\."/,
  },
  {
    name: 'yes-no without "no"',
    files: mutate(
      'safety.yaml',
      '      no: { risk: none }\n  - id: safety.plates',
      '  - id: safety.plates',
    ),
    file: 'safety.yaml',
    at: 'yes: { risk: blocker',
    message: /needs a "no" answer/,
  },
  {
    name: 'choice without a label',
    files: mutate(
      'accuracy.yaml',
      'none: { label: No quotes, risk: none }',
      'none: { risk: none }',
    ),
    file: 'accuracy.yaml',
    at: '{ risk: none }',
    message: /choice "none" needs a "label"/,
  },
  {
    name: 'blocker with neither lawyer nor note',
    files: mutate('safety.yaml', 'yes: { risk: blocker, lawyer: true }', 'yes: { risk: blocker }'),
    file: 'safety.yaml',
    at: '{ risk: blocker }',
    message: /blocker answer must refer to a lawyer/,
  },
  {
    name: 'unreachable question',
    files: mutate(
      'safety.yaml',
      'when: { answer: safety.at-risk, is: [yes, unsure] }',
      'when: { all: [{ answer: safety.at-risk, is: yes }, { answer: safety.at-risk, is: no }] }',
    ),
    file: 'safety.yaml',
    at: '{ all:',
    message: /can never be asked/,
  },
  {
    name: 'bad version',
    files: mutate('pack.yaml', 'version: 1.0.0', 'version: one'),
    file: 'pack.yaml',
    at: 'one',
    message: /semantic version/,
  },
  {
    name: 'duplicate YAML key',
    files: mutate('pack.yaml', 'title: Mini pack\n', 'title: Mini pack\ntitle: Again\n'),
    file: 'pack.yaml',
    at: 'title: Again',
    message: /YAML syntax: .*[Mm]ap keys must be unique/,
  },
  {
    name: 'condition with two kinds',
    files: mutate(
      'accuracy.yaml',
      '{ section-findings: accuracy }',
      '{ section-findings: accuracy, finding: mini.plate }',
    ),
    file: 'accuracy.yaml',
    at: '{ section-findings: accuracy,',
    message: /exactly one of/,
  },
  {
    name: '"is" without "answer"',
    files: mutate('safety.yaml', 'when: { finding: mini.plate }', 'when: { is: yes }'),
    file: 'safety.yaml',
    at: 'yes }',
    message: /"is" goes with "answer"/,
  },
];

describe('prepub checklists validate: malformed packs', () => {
  it.each(cases)('$name → exit 2 at the exact position', async (c) => {
    const { cwd } = writePack(c.files);
    const result = await runInProcess(['checklists', 'validate', 'mini'], { cwd });
    const { line, column } = positionOf(c.files[c.file]!, c.at, c.occurrence);
    const expected = `mini/${c.file}:${line}:${column}: `;
    expect(result.code, result.stderr).toBe(2);
    const lines = result.stderr.split('\n').filter((l) => l.startsWith(expected));
    expect(lines.length, `no error at ${expected} in:\n${result.stderr}`).toBeGreaterThan(0);
    expect(
      lines.some((l) => c.message.test(l)),
      `wrong message at ${expected}:\n${result.stderr}`,
    ).toBe(true);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.stdout).toBe('');
  });

  it('the unmodified fixture is valid', async () => {
    const { cwd } = writePack(MINI);
    const result = await runInProcess(['checklists', 'validate', 'mini'], { cwd });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('mini: valid (6 questions)\n');
    expect(result.code).toBe(0);
  });

  it('the built-in uk-ew pack is valid, and a corrupted copy is not', async () => {
    const ok = await runInProcess(['checklists', 'validate', 'checklists/uk-ew'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
    });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^checklists\/uk-ew: valid \(\d+ questions\)\n$/);
  });

  it('reports several errors at once, each with its position', async () => {
    const files = {
      ...mutate(
        'safety.yaml',
        'yes: { risk: blocker, lawyer: true }',
        'yes: { risk: severe, lawyer: true }',
      ),
    };
    files['accuracy.yaml'] = files['accuracy.yaml']!.replace('type: choice', 'type: multiple');
    const { cwd } = writePack(files);
    const result = await runInProcess(['checklists', 'validate', 'mini', '--format', 'json'], {
      cwd,
    });
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout) as { valid: boolean; errors: string[] };
    expect(report.valid).toBe(false);
    expect(report.errors).toHaveLength(2);
    expect(report.errors[0]).toMatch(/^mini\/accuracy\.yaml:\d+:\d+: .*type/);
    expect(report.errors[1]).toMatch(/^mini\/safety\.yaml:\d+:\d+: .*risk/);
  });

  it('a missing folder is a clear usage error', async () => {
    const cwd = tempDir();
    const result = await runInProcess(['checklists', 'validate', './nowhere'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('prepub: ./nowhere: no such pack folder\n');
  });
});
