// The desk loop, as a reporter, an editor and a lawyer would run it (in process: the same program
// and environment as the bin, which desk-loop-tty.test.ts runs at real prompts): file;
// the editor queries two items and returns; the reporter resumes, sees both queries with the copy,
// answers one by editing the copy and one with a reply, and refiles; the editor reads the replies
// and approves; a lawyer approves; the sheet shows the whole conversation; verify passes; and a
// reply edited in the working record fails verify.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess, tempDir } from '../helpers/run.js';
import {
  ANSWERS,
  ARTICLE,
  ITEM_AGE,
  ITEM_PHONE,
  ITEM_REFERRAL,
  ITEM_SCREEN,
  LAWYER_COMMENT,
  QUERY_AGE,
  QUERY_PHONE,
  REPLY_AGE,
  REPLY_PHONE,
} from '../helpers/desk-story.js';

let dir: string;
const run = (args: string[]) => runInProcess(args, { cwd: dir });
const RECORD = 'story.md.prepub.json';

beforeAll(async () => {
  dir = tempDir('prepub-desk-loop-');
  writeFileSync(path.join(dir, 'story.md'), ARTICLE);
  writeFileSync(path.join(dir, 'answers.yaml'), ANSWERS);
  writeFileSync(path.join(dir, 'prepub.config.json'), '{ "keyring": "keyring.json" }\n');
  for (const [name, role, file] of [
    ['Jane Reporter', 'reporter', 'jane.pem'],
    ['Ed Itor', 'editor', 'ed.pem'],
    ['Lara Lawyer', 'lawyer', 'lara.pem'],
  ] as const) {
    expect((await run(['keys', 'generate', '--name', name, '--no-passphrase'])).code).toBe(0);
    expect((await run(['keys', 'export', name, '--out', file])).code).toBe(0);
    const trusted = await run([
      ...['keys', 'trust', file, '--name', name, '--role', role, '--keyring', 'keyring.json'],
    ]);
    expect(trusted.code).toBe(0);
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the desk loop', () => {
  it('lists who the keyring trusts', async () => {
    const list = await run(['keys', 'list', '--keyring', 'keyring.json']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^ROLE\s+NAME\s+KEY ID\s+ADDED\s+EXPIRY\s+STATE/);
    for (const who of ['reporter  Jane Reporter', 'editor    Ed Itor', 'lawyer    Lara Lawyer'])
      expect(list.stdout).toContain(who);
  });

  it('prints a record given by absolute path as given, not relative to the folder', async () => {
    const abs = path.join(dir, 'other.md');
    writeFileSync(abs, ARTICLE);
    const pending = await run([
      'check',
      abs,
      '--answers',
      'answers.yaml',
      '--no-input',
      '--slug',
      'other',
    ]);
    expect(pending.code).toBe(0);
    expect(pending.stderr).toContain(`Next: prepub file ${abs}.prepub.json`);
    rmSync(`${abs}.prepub.json`);
    rmSync(abs);
  }, 60_000);

  it('files, and says to send it to the desk', async () => {
    const check = await run(['check', 'story.md', '--answers', 'answers.yaml', '--no-input']);
    expect(check.stderr).not.toContain('still to answer');
    expect(check.code).toBe(0);
    const filed = await run(['file', RECORD, '--confirm', '--no-input', '--key', 'Jane Reporter']);
    expect(filed.code).toBe(0);
    expect(filed.stderr).toContain(`Send to the desk: prepub review ${RECORD}`);
  }, 60_000);

  it('refuses a blind approval of a story with a referral and a finding dismissed', async () => {
    const blind = await run([
      ...['review', RECORD, '--decision', 'approve', '--no-input', '--key', 'Ed Itor'],
    ]);
    expect(blind.code).toBe(2);
    expect(blind.stderr).toMatch(/2 items need an item review before approval/);
    expect(blind.stderr).toContain('--accept-all');
  });

  it('the editor queries two items and returns it; the next step names the reporter', async () => {
    writeFileSync(
      path.join(dir, 'reviews.yaml'),
      [
        'reviews:',
        `  - item: ${ITEM_PHONE}`,
        '    decision: query',
        `    comment: "${QUERY_PHONE}"`,
        `  - item: ${ITEM_SCREEN}`,
        '    decision: accept',
        `  - item: ${ITEM_AGE}`,
        '    decision: query',
        `    comment: "${QUERY_AGE}"`,
        `  - item: ${ITEM_REFERRAL}`,
        '    decision: accept',
        '',
      ].join('\n'),
    );
    const returned = await run([
      ...['review', RECORD, '--decision', 'return', '--comment', 'Two queries'],
      ...['--reviews', 'reviews.yaml', '--no-input', '--key', 'Ed Itor'],
    ]);
    expect(returned.code).toBe(0);
    expect(returned.stdout).toContain('2 queried. Status returned.');
    expect(returned.stderr).toContain(`Reporter: prepub check --resume ${RECORD} — 2 queries`);

    const status = await run(['status', '.', '--format', 'json']);
    const rows = (JSON.parse(status.stdout) as { records: { path: string; openQueries: number }[] })
      .records;
    expect(rows).toEqual([expect.objectContaining({ path: RECORD, openQueries: 2 })]);
    const needs = await run(['status', '.', '--needs', 'reporter']);
    expect(needs.stdout).toMatch(/story\.md\.prepub\.json .* returned .* 2 open/);
    expect((await run(['status', '.', '--needs', 'editor'])).stdout).toContain('No records match');
  }, 60_000);

  it('filing again is refused while the queries have no reply', async () => {
    const refused = await run([
      'file',
      RECORD,
      '--confirm',
      '--no-input',
      '--key',
      'Jane Reporter',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${ITEM_PHONE}: queried by Ed Itor`);
    expect(refused.stderr).toContain('not answered yet');
  });

  it('the reporter resumes, sees both queries with the copy, edits the copy and replies', async () => {
    // One query is answered by editing the copy (the age goes), the other with a reply.
    writeFileSync(path.join(dir, 'story.md'), ARTICLE.replace('Mary Jones, 43,', 'Mary Jones,'));
    writeFileSync(
      path.join(dir, 'replies.yaml'),
      `replies:\n  - item: ${ITEM_PHONE}\n    reply: "${REPLY_PHONE}"\n  - item: ${ITEM_AGE}\n    reply: "${REPLY_AGE}"\n`,
    );
    const bad = await run([
      ...['check', '--resume', RECORD, '--no-input', '--replies', 'reviews.yaml'],
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/reviews\.yaml:1:1: .*replies/);

    const resumed = await run([
      ...['check', '--resume', RECORD, '--no-input', '--replies', 'replies.yaml'],
    ]);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain('The desk queried 2 items');
    expect(resumed.stderr).toContain(QUERY_PHONE);
    expect(resumed.stderr).toContain(QUERY_AGE);
    // The copy each query is about, as it is now: line 7, and line 5 without the age.
    expect(resumed.stderr).toContain('7 │ Call 0113 496 0000 to book a visit.');
    expect(resumed.stderr).toContain('5 │ The librarian, Mary Jones, said');
    // Titles, not ids.
    expect(resumed.stderr).toContain('[1/2] Whose location does the story give');

    const filed = await run(['file', RECORD, '--confirm', '--no-input', '--key', 'Jane Reporter']);
    expect(filed.code).toBe(0);
    const record = JSON.parse(readFileSync(path.join(dir, RECORD), 'utf8')) as {
      record: { replies: { item: string; envelope: number; reply: string }[] };
    };
    expect(record.record.replies).toEqual([
      expect.objectContaining({ item: ITEM_PHONE, envelope: 2, reply: REPLY_PHONE }),
      expect.objectContaining({ item: ITEM_AGE, envelope: 2, reply: REPLY_AGE }),
    ]);
  }, 60_000);

  it('the editor reads query → reply and approves; the lawyer is named next', async () => {
    writeFileSync(
      path.join(dir, 'reviews2.yaml'),
      [
        'reviews:',
        `  - item: ${ITEM_PHONE}`,
        '    decision: accept',
        '    comment: Fine, the booking line.',
        `  - item: ${ITEM_SCREEN}`,
        '    decision: accept',
        `  - item: ${ITEM_AGE}`,
        '    decision: accept',
        `  - item: ${ITEM_REFERRAL}`,
        '    decision: accept',
        '    comment: For the lawyer.',
        '',
      ].join('\n'),
    );
    const approved = await run([
      ...['review', RECORD, '--decision', 'approve', '--reviews', 'reviews2.yaml'],
      ...['--no-input', '--key', 'Ed Itor'],
    ]);
    expect(approved.code).toBe(0);
    expect(approved.stderr).toContain("Replies to the desk's queries:");
    expect(approved.stderr).toContain(`query (Ed Itor, editor`);
    expect(approved.stderr).toContain(REPLY_AGE);
    expect(approved.stderr).toContain(`Lawyer: prepub review ${RECORD} --role lawyer`);

    writeFileSync(
      path.join(dir, 'reviews3.yaml'),
      `reviews:\n  - item: ${ITEM_REFERRAL}\n    decision: accept\n    comment: ${LAWYER_COMMENT}\n`,
    );
    const lawyer = await run([
      ...['review', RECORD, '--role', 'lawyer', '--decision', 'approve'],
      ...['--reviews', 'reviews3.yaml', '--no-input', '--key', 'Lara Lawyer'],
    ]);
    expect(lawyer.code).toBe(0);
    expect(lawyer.stdout).toContain('Status approved');
    expect(lawyer.stderr).toContain(`Publishing system: prepub verify ${RECORD}`);
  }, 60_000);

  it('the sheet shows the whole conversation and who accepted the referral', async () => {
    const md = await run(['export', RECORD, '--format', 'md', '--keyring', 'keyring.json']);
    expect(md.code).toBe(0);
    const desk = md.stdout.slice(
      md.stdout.indexOf('## Blockers and lawyer referrals'),
      md.stdout.indexOf('## Sign-off chain'),
    );
    expect(desk).toContain('**Accepted** by Lara Lawyer (lawyer');
    expect(desk).toContain(LAWYER_COMMENT);
    expect(desk).toContain('**Accepted** by Ed Itor (editor');
    expect(desk).toContain('## Queries and replies');
    for (const text of [QUERY_PHONE, QUERY_AGE, REPLY_PHONE, REPLY_AGE, 'Fine, the booking line.'])
      expect(desk).toContain(text.replace(/'/g, "'").replace(/\.$/, ''));
    const html = await run(['export', RECORD, '--format', 'html']);
    expect(html.stdout).toContain('Blockers, referrals and queries');
    expect(html.stdout).toContain('Cut her age from line 5.');
  });

  it('verify passes; a reply edited in the working record fails it', async () => {
    const ok = await run(['verify', RECORD, '--trust', 'keyring.json']);
    expect(ok.stdout).toContain('verified — approved');
    expect(ok.code).toBe(0);
    const file = path.join(dir, RECORD);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(REPLY_AGE, 'She agreed to it.'));
    const bad = await run(['verify', RECORD, '--trust', 'keyring.json']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(
      /✗ record\s+FAILED\s+the working record differs from what was filed: replies/,
    );
    writeFileSync(file, text);
  });
});
