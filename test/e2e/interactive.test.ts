// The interactive walk, through a real pseudo-terminal (tmux): story, questions, Ctrl-C, resume,
// the review screen and the assessment. Asserts what is on screen and what is in the file.
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordFile } from '../../src/core/record/schema.js';
import { BIN, ROOT, tempDir } from '../helpers/cli.js';
import { hasTmux, TmuxSession } from '../helpers/tmux.js';

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

function start(cwd: string, args: string): TmuxSession {
  const s = TmuxSession.start(
    `prepub-${process.pid}-${sessions.length}-${Date.now()}`,
    cwd,
    `node '${BIN}' ${args}`,
    {
      NO_COLOR: '1',
      HOME: cwd,
      XDG_CONFIG_HOME: path.join(cwd, '.config'),
      TERM: 'xterm-256color',
    },
  );
  sessions.push(s);
  return s;
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

    // Section header, progress, question, guidance with citation, then the answers.
    let screen = await s.waitFor('Your answer');
    expect(screen).toContain('Section 1 of 6: Personal safety');
    expect(screen).toContain('Section 1 of 6 · question 1 · safety.people-at-risk');
    expect(screen).toContain('Could publishing this story put anyone in it');
    expect(screen).toMatch(/Cites: ECHR Art 2/);
    s.keys('Down', 'Enter'); // No
    await s.waitFor('question 2 · safety.reporter-at-risk');
    s.keys('Down', 'Enter'); // No
    await s.waitFor('Section 2 of 6: Reporting restrictions and contempt');

    // Two answers are on disk before Ctrl-C.
    expect(Object.keys(read(record).record.answers)).toEqual([
      'safety.people-at-risk',
      'safety.reporter-at-risk',
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
    screen = await r.waitFor('Your answer');
    expect(screen).toContain('restrictions.legal-proceedings');
    expect(screen).not.toContain('Slug (short name');
    for (let i = 1; i <= 11; i++) {
      await r.waitForCount(/Your answer/, i);
      r.keys('Down', 'Enter'); // No, to every screening question
    }
    // The review screen lists every answer; pick one, change it, and come back.
    screen = await r.waitFor('Review your answers');
    expect(screen).toContain('Continue: these answers are right');
    r.keys('Down', 'Enter'); // the first answer: safety.people-at-risk
    await r.waitForCount(/Your answer/, 12);
    r.keys('Enter'); // its current answer ("No") is the default
    await r.waitForCount(/Review your answers/, 2);
    r.keys('Enter'); // Continue
    screen = await r.waitFor('Sign and file the record now?');
    expect(screen).toContain('Overall risk: NONE');
    expect(screen).toMatch(/Personal safety\s+NONE/);
    r.type('n');
    r.keys('Enter');
    screen = await r.waitFor('EXIT=');
    expect(screen).toContain('Record saved to fete.md.prepub.json (13 answers; status: draft)');
    expect(screen).toContain('EXIT=0');
    const done = read(record);
    expect(done.record.id).toBe(draft.record.id);
    expect(Object.keys(done.record.answers)).toHaveLength(13);
    expect(done.record.assessment).toMatchObject({ overall: 'none', pending: 0 });
  }, 90_000);

  it('asks for a note where an answer needs one, and will not take an empty one', async () => {
    const cwd = tempDir();
    copyFileSync(path.join(ROOT, 'examples', 'community-fete.md'), path.join(cwd, 'fete.md'));
    const s = start(cwd, 'check fete.md --slug fete --headline Fete --desk news --reporter Sam');
    await s.waitFor('Your answer');
    s.keys('Enter'); // Yes: someone could be at risk
    await s.waitFor('? Who could be at risk, from whom');
    s.keys('Enter'); // empty note
    let screen = await s.waitFor(/A note is required/);
    s.type('The organiser asked us not to name her street.');
    s.keys('Enter');
    await s.waitFor('question 2');
    s.keys('C-c');
    screen = await s.waitFor('EXIT=');
    expect(screen).toContain('EXIT=130');
    const answers = read(path.join(cwd, 'fete.md.prepub.json')).record.answers;
    expect(answers['safety.people-at-risk']).toMatchObject({
      value: 'yes',
      note: 'The organiser asked us not to name her street.',
    });
  }, 60_000);
});
