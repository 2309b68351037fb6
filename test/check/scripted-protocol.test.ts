// The scripted protocol on a 2.0-format pack, in process: `check --no-input --format json` with
// no answers file prints the pending list (options, suggestions and their evidence, which answers
// need a note or a lawyer); problems in the answers file come back in the JSON; `story.slug` and
// a `story:` block are both accepted; checkbox lists and repeat groups (nested or `id#n`) are
// answers; the record keeps lists and items.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecordFile } from '../../src/core/record/schema.js';
import { WALK2_DIR } from '../fixtures/packs/walk2.js';
import { runInProcess, tempDir } from '../helpers/run.js';

const DRAFT = 'Man before magistrates\n\nA man appeared before Leeds magistrates yesterday.\n';

function setup(answers?: string): string {
  const cwd = tempDir();
  writeFileSync(path.join(cwd, 'draft.md'), DRAFT);
  if (answers !== undefined) writeFileSync(path.join(cwd, 'answers.yaml'), answers);
  return cwd;
}

const check = (cwd: string, ...extra: string[]) =>
  runInProcess(
    ['check', 'draft.md', '--checklist', WALK2_DIR, '--no-input', '--format', 'json', ...extra],
    { cwd },
  );

interface Pending {
  id: string;
  type: string;
  notes?: string[];
  lawyer?: string[];
  options?: { value: string; suggested: boolean; evidence: { line: number; excerpt: string }[] }[];
}

const STORY = `story.slug: man-in-court
story:
  headline: Man before magistrates
  desk: news
  reporter: A Reporter
`;

describe('check --no-input --format json', () => {
  it('with no answers file prints the pending list, exit 2', async () => {
    const cwd = setup();
    const r = await check(cwd);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as { pending: Pending[]; errors: unknown[] };
    expect(out.errors).toEqual([]);
    expect(out.pending.map((p) => p.id)).toEqual([
      'story.slug',
      'story.headline',
      'story.desk',
      'story.reporter',
      'restrictions.involves',
      'privacy.involves',
    ]);
    const involves = out.pending[4]!;
    expect(involves.type).toBe('checkbox');
    expect(involves.notes).toEqual(['youth-case', 'none', 'unsure:*']);
    expect(involves.lawyer).toEqual(['youth-case']);
    const criminal = involves.options!.find((o) => o.value === 'criminal-case')!;
    expect(criminal.suggested).toBe(true);
    expect(criminal.evidence).toEqual([
      { rule: 'walk2.court-terms', line: 1, excerpt: 'magistrates' },
      { rule: 'walk2.court-terms', line: 3, excerpt: 'magistrates' },
    ]);
    expect(involves.options!.find((o) => o.value === 'inquest')!.suggested).toBe(false);
    expect(r.stderr).toContain('6 questions still to answer');
  });

  it('a suggested option is not an answer: the question stays pending until confirmed', async () => {
    const cwd = setup(`${STORY}privacy.involves: [none]\n`);
    const r = await check(cwd, '--answers', 'answers.yaml');
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as { pending: Pending[] };
    expect(out.pending.map((p) => p.id)).toEqual(['restrictions.involves']);
  });

  it('takes lists, nested items and story.* keys, and keeps them in the record', async () => {
    const cwd = setup(`${STORY}restrictions.involves: [criminal-case]
restrictions.proceedings:
  - restrictions.proceeding-kind: criminal
    restrictions.proceeding-stage: charged
  - restrictions.proceeding-kind: misconduct
restrictions.order: no
restrictions.legal-terms: yes
privacy.involves: [none]
`);
    const r = await check(cwd, '--answers', 'answers.yaml');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      answers: number;
      assessment: { actions: { text: string }[] };
    };
    expect(out.answers).toBe(8);
    expect(out.assessment.actions.map((a) => a.text)).toEqual([
      'Proceeding 1: Check the stage with the court list.',
      'Proceeding 2: Check whether the hearing is in public.',
    ]);
    const record = RecordFile.parse(
      JSON.parse(readFileSync(path.join(cwd, 'draft.md.prepub.json'), 'utf8')),
    );
    expect(record.record.story.slug).toBe('man-in-court');
    expect(record.record.answers['restrictions.involves']!.value).toEqual(['criminal-case']);
    expect(record.record.answers['restrictions.proceeding-kind#2']!.value).toBe('misconduct');
    expect(record.record.answers['restrictions.proceedings']!.value).toBe('2');
  });

  it('takes flat id#n keys for a group', async () => {
    const cwd = setup(`${STORY}restrictions.involves: [inquest]
restrictions.proceeding-kind#1: inquest
privacy.involves: [none]
`);
    const r = await check(cwd, '--answers', 'answers.yaml');
    expect(r.code, r.stderr).toBe(0);
  });

  it('problems in the answers file come back in the JSON, located', async () => {
    const text = `${STORY}restrictions.involves: [none, inquest]
restrictions.proceeding-kind: criminal
privacy.involves: [murder]
`;
    const cwd = setup(text);
    const r = await check(cwd, '--answers', 'answers.yaml');
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as {
      errors: { file: string; line: number; column: number; message: string }[];
    };
    expect(out.errors.map((e) => [e.file, e.line, e.message.replace(/^[^:]*: /, '')])).toEqual([
      ['answers.yaml', 6, '"none" cannot be ticked with other options'],
      [
        'answers.yaml',
        7,
        '"restrictions.proceeding-kind" is asked once per proceeding of restrictions.proceedings: write "restrictions.proceeding-kind#1", or list the items under restrictions.proceedings',
      ],
      [
        'answers.yaml',
        8,
        '"murder" is not an option of this question (choose from suicide, health, or none; "unsure:<option>" for one you are not sure about)',
      ],
    ]);
    expect(r.stderr).toContain('answers.yaml:6:');
  });

  it('an answer refused in the walk (a note the finding needs) comes back in the JSON', async () => {
    const cwd = setup(`${STORY}restrictions.involves: [criminal-case]
restrictions.proceeding-kind#1: misconduct
restrictions.legal-terms: no
privacy.involves: [none]
`);
    const r = await check(cwd, '--answers', 'answers.yaml');
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as {
      pending: Pending[];
      errors: { line: number; message: string }[];
    };
    expect(out.pending.map((p) => p.id)).toEqual(['restrictions.legal-terms']);
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]!.line).toBe(8);
    expect(out.errors[0]!.message).toContain(
      'a note is required: the draft triggered walk2.court-terms',
    );
  });

  it("the assessment lists each referral with the reporter's note", async () => {
    const cwd =
      setup(`${STORY}restrictions.involves: { value: [youth-case], note: "A s45 order, made on 3 May." }
restrictions.proceeding-kind#1: criminal
restrictions.proceeding-stage#1: verdict
restrictions.legal-terms: yes
privacy.involves: [none]
`);
    const r = await runInProcess(
      ['check', 'draft.md', '--checklist', WALK2_DIR, '--no-input', '--answers', 'answers.yaml'],
      { cwd },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Refer to a lawyer (1):');
    expect(r.stderr).toContain('Your note: A s45 order, made on 3 May.');
    expect(r.stderr).toContain('- Check the s45 order.');
  });
});

describe('check --no-input as text, with no answers file', () => {
  it('says nothing can answer the questions, and how to list them (exit 2)', async () => {
    const cwd = setup();
    const r = await runInProcess(['check', 'draft.md', '--checklist', WALK2_DIR, '--no-input'], {
      cwd,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--no-input without --answers: nothing to answer the questions with',
    );
    expect(r.stderr).toContain('--format json');
    expect(r.stderr).not.toContain('no terminal');
  });

  it('without --no-input and without a terminal, says there is no terminal (exit 2)', async () => {
    const cwd = setup();
    const r = await runInProcess(['check', 'draft.md', '--checklist', WALK2_DIR], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no terminal to ask the questions on');
  });
});
