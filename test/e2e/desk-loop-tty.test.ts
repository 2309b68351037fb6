// The desk loop's prompts in a real pseudo-terminal (tmux): the reporter resumes a returned
// record, reads both queries with the copy, replies to each; the editor then reviews with the
// copy, the query and the reply in view, and approves.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordFile } from '../../src/core/record/schema.js';
import { BIN, runCli, tempDir } from '../helpers/cli.js';
import type { TmuxSession } from '../helpers/tmux.js';
import { hasTmux, startPrepub } from '../helpers/tmux.js';
import {
  ANSWERS,
  ARTICLE,
  ITEM_AGE,
  ITEM_PHONE,
  ITEM_REFERRAL,
  ITEM_SCREEN,
  QUERY_AGE,
  QUERY_PHONE,
} from '../helpers/desk-story.js';

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
});

const start = (cwd: string, args: string): TmuxSession =>
  startPrepub(sessions, 'prepub-desk', BIN, cwd, args);

const RECORD = 'story.md.prepub.json';

describe.skipIf(!hasTmux)('the desk loop in a terminal', () => {
  it('the reporter answers the queries at the prompts; the editor reviews with the copy', async () => {
    const dir = tempDir('prepub-desk-tty-');
    const run = async (args: string[]) => {
      const r = await runCli(args, { cwd: dir, timeoutMs: 60_000 });
      expect(
        r.stderr.replace(/^(Send to the desk|Reporter|Lawyer|Publishing).*\n/gm, ''),
      ).not.toMatch(/prepub: /);
      return r;
    };
    writeFileSync(path.join(dir, 'story.md'), ARTICLE);
    writeFileSync(path.join(dir, 'answers.yaml'), ANSWERS);
    writeFileSync(path.join(dir, 'prepub.config.json'), '{ "keyring": "keyring.json" }\n');
    for (const [name, role, file] of [
      ['Jane Reporter', 'reporter', 'jane.pem'],
      ['Ed Itor', 'editor', 'ed.pem'],
    ] as const) {
      await run(['keys', 'generate', '--name', name, '--no-passphrase']);
      await run(['keys', 'export', name, '--out', file]);
      await run([
        'keys',
        'trust',
        file,
        '--name',
        name,
        '--role',
        role,
        '--keyring',
        'keyring.json',
      ]);
    }
    await run(['check', 'story.md', '--answers', 'answers.yaml', '--no-input']);
    await run(['file', RECORD, '--confirm', '--no-input', '--key', 'Jane Reporter']);
    writeFileSync(
      path.join(dir, 'reviews.yaml'),
      `reviews:\n  - item: ${ITEM_PHONE}\n    decision: query\n    comment: "${QUERY_PHONE}"\n  - item: ${ITEM_SCREEN}\n    decision: accept\n  - item: ${ITEM_AGE}\n    decision: query\n    comment: "${QUERY_AGE}"\n  - item: ${ITEM_REFERRAL}\n    decision: accept\n`,
    );
    const returned = await run([
      ...['review', RECORD, '--decision', 'return', '--comment', 'Two queries'],
      ...['--reviews', 'reviews.yaml', '--no-input', '--key', 'Ed Itor'],
    ]);
    expect(returned.code).toBe(0);
    writeFileSync(path.join(dir, 'story.md'), ARTICLE.replace('Mary Jones, 43,', 'Mary Jones,'));

    // The reporter, at the prompts.
    const s = start(dir, `check --resume ${RECORD} --key 'Jane Reporter'`);
    let screen = await s.waitFor('Query 1 of 2');
    expect(screen).toContain('The desk queried 2 items');
    expect(screen).toContain(QUERY_PHONE);
    expect(screen).toContain('7 │ Call 0113 496 0000 to book a visit.');
    s.keys('Enter'); // Reply
    await s.waitFor('Your reply to the desk:');
    s.type("It is the library's booking line.");
    s.keys('Enter');
    screen = await s.waitFor('Query 2 of 2');
    expect(screen).toContain(QUERY_AGE);
    expect(screen).toContain('5 │ The librarian, Mary Jones, said');
    s.keys('Enter'); // Reply
    await s.waitForCount(/Your reply to the desk:/, 2);
    s.type('Cut the age.');
    s.keys('Enter');
    await s.waitFor('Review your answers');
    s.keys('Enter'); // Continue
    await s.waitFor('Sign and file the record now?');
    s.type('y');
    s.keys('Enter');
    await s.waitFor('Do you confirm this and sign?');
    s.type('y');
    s.keys('Enter');
    screen = await s.waitFor('EXIT=');
    expect(screen).toContain('EXIT=0');
    const filed = RecordFile.parse(JSON.parse(readFileSync(path.join(dir, RECORD), 'utf8')));
    expect(filed.status).toBe('filed');
    expect(filed.record.replies?.map((r) => r.reply)).toEqual([
      "It is the library's booking line.",
      'Cut the age.',
    ]);

    // The editor, at the prompts: each item with the copy, and query → reply.
    const e = start(dir, `review ${RECORD} --key 'Ed Itor'`);
    screen = await e.waitFor('Item 1 of 4');
    expect(screen).toContain('== Personal safety ==');
    expect(screen).toContain(`query (Ed Itor, editor`);
    expect(screen).toContain('reply (Jane Reporter, ');
    expect(screen).toContain("It is the library's booking line.");
    expect(screen).toContain('7 │ Call 0113 496 0000 to book a visit.');
    e.keys('Enter'); // Accept
    // Accuracy: each item on its own. The age check was queried and the reporter replied, so it is
    // read on its own with its query and reply; that leaves one lower-risk item (the screening
    // answer), too few for a one-step accept; and the referral.
    screen = await e.waitFor('Item 2 of 4');
    expect(screen).toContain('== Accuracy ==');
    e.keys('Enter'); // Accept
    screen = await e.waitFor('Item 3 of 4');
    expect(screen).toContain(QUERY_AGE);
    expect(screen).toContain('Cut the age.');
    e.keys('Enter'); // Accept
    screen = await e.waitFor('Item 4 of 4');
    expect(screen).toContain('REFER TO LAWYER');
    expect(screen).not.toContain('Accept all');
    e.keys('Enter'); // Accept
    await e.waitFor('Your decision:');
    e.keys('Enter'); // Approve
    await e.waitFor('Comment (optional):');
    e.keys('Enter');
    screen = await e.waitFor('EXIT=');
    expect(screen).toContain('EXIT=0');
    // The terminal wraps long lines at 120 columns.
    const unwrapped = screen.replace(/\n/g, '');
    expect(unwrapped).toContain('Status filed (waiting for lawyer approval)');
    expect(unwrapped).toContain(`Lawyer: prepub review ${RECORD} --role lawyer`);
  }, 120_000);
});
