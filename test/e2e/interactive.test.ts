// The interactive walk, through a real pseudo-terminal (tmux): story, questions, Ctrl-C, resume,
// the review screen and the assessment. Asserts what is on screen and what is in the file.
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordFile } from '../../src/core/record/schema.js';
import { BIN, ROOT, tempDir } from '../helpers/cli.js';
import type { TmuxSession } from '../helpers/tmux.js';
import { hasTmux, startPrepub } from '../helpers/tmux.js';

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});

const runInCi = process.env.CI === 'true';
if (!hasTmux) {
  if (runInCi)
    throw new Error('tmux is required for the interactive tests in CI (.ci/run installs it)');
  console.warn('\n*** tmux not found: the interactive pseudo-terminal tests are SKIPPED ***\n');
}

const start = (cwd: string, args: string): TmuxSession =>
  startPrepub(sessions, 'prepub', BIN, cwd, args);

/** Where "None of these" is in each screening checklist (the options before it, in order). */
const NONE_AT = {
  'safety.involves': 6,
  'restrictions.involves': 5,
  'defamation.involves': 6,
  'privacy.involves': 13,
  'sources.involves': 6,
  'accuracy.involves': 6,
} as const;

/** Move down `n` options, tick that one and submit. */
function tick(s: TmuxSession, n: number): void {
  s.keys(...Array<string>(n).fill('Down'), 'Space', 'Enter');
}

const read = (file: string) => RecordFile.parse(JSON.parse(readFileSync(file, 'utf8')));

describe.skipIf(!hasTmux)('interactive walk in a terminal', () => {
  it('walks, saves on Ctrl-C with a resume hint, resumes, reviews and assesses', async () => {
    const cwd = tempDir();
    copyFileSync(path.join(ROOT, 'examples', 'community-fete.md'), path.join(cwd, 'fete.md'));
    const record = path.join(cwd, 'fete.md.prepub.json');

    const s = start(cwd, 'check fete.md');
    await s.waitFor('Slug (short name for the story) (fete)');
    s.keys('Enter');
    await s.waitFor('Headline (Village fete raises record sum for new playground)');
    s.keys('Enter');
    await s.waitFor('Desk');
    s.type('news');
    s.keys('Enter');
    await s.waitFor('Your name (reporter)');
    s.type('Sam Reporter');
    s.keys('Enter');

    // Section header, progress, question, guidance with citation, then the options to tick.
    let screen = await s.waitFor('Tick all that apply');
    expect(screen).toContain('Section 1 of 6: Personal safety');
    expect(screen).toContain('Section 1 of 6 · question 1 · safety.involves');
    expect(screen).toContain('Which of these could apply to this story?');
    expect(screen).toMatch(/Cites: ECHR Art 2/);
    expect(screen).toContain('Not sure about some of these…');
    tick(s, NONE_AT['safety.involves']);
    await s.waitFor('Section 2 of 6: Reporting restrictions and contempt');
    await s.waitFor('question 1 · restrictions.involves');
    tick(s, NONE_AT['restrictions.involves']);
    await s.waitFor('Section 3 of 6');

    // Two answers are on disk before Ctrl-C.
    expect(Object.keys(read(record).record.answers)).toEqual([
      'safety.involves',
      'restrictions.involves',
    ]);
    s.keys('C-c');
    screen = await s.waitFor('EXIT=');
    expect(screen).toContain(
      'Draft saved to fete.md.prepub.json. Resume with: prepub check --resume fete.md.prepub.json',
    );
    expect(screen).toContain('EXIT=130');
    const draft = read(record);
    expect(draft.status).toBe('draft');
    expect(Object.keys(draft.record.answers)).toHaveLength(2);
    s.kill();

    // Resume: earlier answers are kept; the walk goes on where it stopped.
    const r = start(cwd, 'check --resume fete.md.prepub.json');
    screen = await r.waitFor('Tick all that apply');
    expect(screen).toContain('defamation.involves');
    expect(screen).not.toContain('Slug (short name');
    const rest = [
      'defamation.involves',
      'privacy.involves',
      'sources.involves',
      'accuracy.involves',
    ] as const;
    for (let i = 0; i < rest.length; i++) {
      const id = rest[i]!;
      await r.waitForCount(/Tick all that apply/, i + 1);
      await r.waitFor(`· ${id}`);
      tick(r, NONE_AT[id]); // None of these, in every section
    }
    // The review screen lists every answer; pick one, change it, and come back.
    screen = await r.waitFor('Review your answers');
    expect(screen).toContain('Continue: these answers are right');
    expect(screen).toContain(
      'Personal safety: Which of these could apply to this story? → None of these',
    );
    r.keys('Down', 'Enter'); // the first answer: safety.involves
    screen = await r.waitForCount(/Tick all that apply/, 5);
    expect(screen).toMatch(/◉ None of these/); // its current answer is ticked
    r.keys('Enter');
    await r.waitForCount(/Review your answers/, 2);
    r.keys('Enter'); // Continue
    screen = await r.waitFor('Sign and file the record now?');
    expect(screen).toContain('Overall risk: NONE');
    expect(screen).toMatch(/Personal safety\s+NONE/);
    r.type('n');
    r.keys('Enter');
    screen = await r.waitFor('EXIT=');
    expect(screen).toContain('Record saved to fete.md.prepub.json (6 answers; status: draft)');
    expect(screen).toContain('EXIT=0');
    const done = read(record);
    expect(done.record.id).toBe(draft.record.id);
    expect(Object.keys(done.record.answers)).toHaveLength(6);
    expect(done.record.assessment).toMatchObject({ overall: 'none', pending: 0 });
  }, 90_000);

  it('asks for a note where an answer needs one, and will not take an empty one', async () => {
    const cwd = tempDir();
    copyFileSync(path.join(ROOT, 'examples', 'community-fete.md'), path.join(cwd, 'fete.md'));
    const s = start(cwd, 'check fete.md --slug fete --headline Fete --desk news --reporter Sam');
    await s.waitFor('Tick all that apply');
    s.keys(...Array<string>(NONE_AT['safety.involves'] + 1).fill('Down'), 'Space', 'Enter'); // Not sure about some of these…
    await s.waitFor('? Which are you not sure about?');
    s.keys('Space', 'Enter'); // the first: a threat or reprisals
    await s.waitFor('? What makes you unsure, and whom will you ask');
    s.keys('Enter'); // empty note
    let screen = await s.waitFor(/A note is required/);
    s.type('The organiser mentioned a row with a neighbour; asking her today.');
    s.keys('Enter');
    await s.waitFor('question 2 · safety.threats-received');
    s.keys('C-c');
    screen = await s.waitFor('EXIT=');
    expect(screen).toContain('EXIT=130');
    const answers = read(path.join(cwd, 'fete.md.prepub.json')).record.answers;
    expect(answers['safety.involves']).toMatchObject({
      value: ['unsure:threat'],
      note: 'The organiser mentioned a row with a neighbour; asking her today.',
    });
  }, 60_000);
});
