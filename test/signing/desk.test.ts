// The desk's side, in process: the next-step lines, the copy an item is about, titles for ids, the
// conversation read from envelopes, the review plan (and the prompts it saves), and status filters.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStatus } from '../../src/commands/status.js';
import type { Context } from '../../src/context.js';
import { copyLines, itemLines, linesMentioned } from '../../src/core/record/copy-lines.js';
import { ruleTitle, titleFromId } from '../../src/core/record/item-title.js';
import { reviewItems, reviewPlan } from '../../src/core/record/lifecycle.js';
import type { RecordFile } from '../../src/core/record/schema.js';
import { conversation, deskState, openQueries } from '../../src/core/signing/conversation.js';
import {
  envelopePayload,
  IN_TOTO_PAYLOAD_TYPE,
  signEnvelope,
} from '../../src/core/signing/dsse.js';
import { reviewHistoryEntry } from '../../src/core/signing/history.js';
import { DEFAULT_POLICY } from '../../src/core/signing/policy.js';
import {
  encodeStatement,
  reviewStatement,
  type ItemReview,
  type ReviewPredicate,
} from '../../src/core/signing/statement.js';
import { sha256Hex } from '../../src/core/hash.js';
import { withHistory } from '../../src/core/record/lifecycle.js';
import { verifyRecord, verifyRecordLeanDecoded } from '../../src/core/signing/verify.js';
import { statusRow } from '../../src/core/signing/status-row.js';
import { serializeRecord } from '../../src/core/record/parse.js';
import { nextStep } from '../../src/render/next-step.js';
import { draftRecord, fileRecord, makeKey, type TestKey } from './helpers.js';

const reporter = makeKey('Jane Reporter', 'reporter');
const editor = makeKey('Ed Itor', 'editor');
const lawyer = makeKey('Lara Lawyer', 'lawyer');

/** A review signed as `prepub review` signs it, with these item reviews. */
function review(
  file: RecordFile,
  who: TestKey,
  decision: 'approved' | 'returned',
  status: RecordFile['status'],
  reviews: ItemReview[],
  at: string,
): RecordFile {
  const predicate: ReviewPredicate = {
    role: who.role === 'lawyer' ? 'lawyer' : 'editor',
    decision,
    signer: { name: who.name, keyid: who.keyid },
    time: at,
    comment: decision === 'returned' ? 'See the queries' : '',
    reviews,
    reviewsFrom: 'file',
  };
  const last = file.attestations.at(-1)!;
  const statement = reviewStatement({
    article: { name: file.record.article!.path, digest: { sha256: file.record.article!.sha256 } },
    reviewed: { index: file.attestations.length, sha256: sha256Hex(envelopePayload(last)!) },
    predicate,
  });
  const envelope = signEnvelope(IN_TOTO_PAYLOAD_TYPE, encodeStatement(statement), who);
  return {
    ...file,
    status,
    record: withHistory(file, reviewHistoryEntry(predicate)),
    attestations: [...file.attestations, envelope],
  };
}

const QUERY = {
  item: 'safety.identifying-details',
  decision: 'queried',
  comment: 'Age on line 2?',
} as const;
const filed = fileRecord(draftRecord(), reporter);
const returned = review(filed, editor, 'returned', 'returned', [QUERY], '2026-11-20T12:00:00.000Z');
const answered: RecordFile = {
  ...returned,
  status: 'draft',
  record: {
    ...returned.record,
    replies: [
      {
        item: QUERY.item,
        envelope: 2,
        reply: 'Cut the age.',
        by: 'Jane Reporter',
        at: '2026-11-20T13:00:00.000Z',
      },
    ],
  },
};
const refiled = fileRecord(answered, reporter, '2026-11-20T14:00:00.000Z');
const approved = review(
  refiled,
  editor,
  'approved',
  'approved',
  [{ item: QUERY.item, decision: 'accepted', comment: 'Good.' }],
  '2026-11-20T15:00:00.000Z',
);

describe('next step', () => {
  it.each([
    [{ kind: 'filed', record: 's.prepub.json' }, 'Send to the desk: prepub review s.prepub.json'],
    [
      { kind: 'returned', record: 's.prepub.json', queries: 3 },
      'Reporter: prepub check --resume s.prepub.json — 3 queries',
    ],
    [
      { kind: 'returned', record: 's.prepub.json', queries: 1 },
      'Reporter: prepub check --resume s.prepub.json — 1 query',
    ],
    [
      { kind: 'waiting', record: 's.prepub.json', roles: ['lawyer'] },
      'Lawyer: prepub review s.prepub.json --role lawyer',
    ],
    [
      { kind: 'waiting', record: 'a b.json', roles: ['editor'] },
      "Editor: prepub review 'a b.json'",
    ],
    [
      { kind: 'approved', record: '/srv/r/s.prepub.json' },
      'Publishing system: prepub verify /srv/r/s.prepub.json',
    ],
  ] as const)('%o', (step, line) => {
    expect(nextStep(step)).toBe(line);
  });
});

describe('the copy an item is about', () => {
  it.each([
    ['Age 40 is still in lines 3 and 5', [3, 5]],
    ['see line 7', [7]],
    ['lines 2-4, and l. 9', [2, 3, 4, 9]],
    ['no line numbers here: 12 items', []],
  ])('%s', (text, lines) => {
    expect(linesMentioned(text)).toEqual(lines);
  });

  it('takes finding spans and the lines a note or query names, and the text of those lines', () => {
    const r = draftRecord().record;
    const text = 'one\ntwo\nthree\n';
    expect(itemLines(r, 'no.such-question', ['line 3', 'line 40'])).toEqual([3, 40]);
    expect(copyLines(text, [3, 40])).toEqual([{ line: 3, text: 'three' }]);
  });
});

describe('titles, not ids', () => {
  it.each([
    ['uk-ew.vehicle-registration', undefined, undefined, 'Vehicle registration'],
    [
      'uk-ew.threats',
      'Threat or violence language: check safety.',
      undefined,
      'Threat or violence language',
    ],
    ['uk-ew.threats', 'anything', 'Threats', 'Threats'],
  ])('%s', (id, message, title, want) => {
    expect(ruleTitle(id, message, title)).toBe(want);
  });
  it('derives words from an id', () => {
    expect(titleFromId('safety.identifying-details')).toBe('Identifying details');
  });
});

describe('the conversation, from the envelopes', () => {
  it('a returned record has the query open; refiled, it carries the signed reply; the next review decides', () => {
    const open = openQueries(returned);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      query: { item: QUERY.item, by: 'Ed Itor', comment: QUERY.comment, envelope: 2 },
      open: true,
      reply: null,
    });
    expect(deskState(returned, DEFAULT_POLICY)).toEqual({ openQueries: 1, waitingFor: [] });
    expect(openQueries(answered)[0]!.reply).toMatchObject({ reply: 'Cut the age.' });
    expect(deskState(refiled, DEFAULT_POLICY)).toEqual({ openQueries: 0, waitingFor: ['editor'] });
    const [thread] = conversation(approved);
    expect(thread).toMatchObject({
      open: false,
      replyFiled: 3,
      reply: { reply: 'Cut the age.', by: 'Jane Reporter' },
      outcome: { decision: 'accepted', by: 'Ed Itor', comment: 'Good.', envelope: 4 },
    });
  });

  it('status reads the desk state from the envelopes verification decoded: the same as decoding them afresh', async () => {
    const keys = [reporter, editor, lawyer];
    for (const file of [returned, refiled, approved]) {
      const lean = await verifyRecordLeanDecoded({ file, keys, policy: DEFAULT_POLICY });
      expect(lean?.predicates.size).toBe(file.attestations.length);
      expect(deskState(file, DEFAULT_POLICY, lean!.predicates)).toEqual(
        deskState(file, DEFAULT_POLICY),
      );
    }
    const ctx = { keys, policy: DEFAULT_POLICY, sync: true };
    expect(await statusRow(serializeRecord(returned), 'r.prepub.json', ctx)).toMatchObject({
      status: 'returned',
      openQueries: 1,
      waitingFor: [],
      valid: true,
    });
    expect(await statusRow(serializeRecord(refiled), 'r.prepub.json', ctx)).toMatchObject({
      status: 'filed',
      openQueries: 0,
      waitingFor: ['editor'],
      valid: true,
    });
  });

  it('a refiling whose payload puts its decision late is still the round status counts from', async () => {
    // A reporter's own signing tool may lay out the statement as it likes (strict JSON, any
    // spacing): the refiling after an approval must not let status count that earlier approval.
    const first = review(filed, editor, 'approved', 'approved', [], '2026-11-20T12:00:00.000Z');
    const reopened: RecordFile = { ...first, status: 'draft' };
    const late = (text: string) => {
      expect(text).toContain('"decision": "filed"');
      return text.replace('"decision": "filed"', `"decision":${' '.repeat(3000)}"filed"`);
    };
    const refiledLate = fileRecord(reopened, reporter, '2026-11-20T16:00:00.000Z', late);
    const keys = [reporter, editor, lawyer];
    // The gate's own check: filed, and waiting for the editor's approval of this round.
    const full = await verifyRecord({ file: refiledLate, keys, policy: DEFAULT_POLICY });
    expect(full.verifiedStatus).toBe('filed');
    const ctx = { keys, policy: DEFAULT_POLICY, sync: true };
    expect(await statusRow(serializeRecord(refiledLate), 'r.prepub.json', ctx)).toMatchObject({
      status: 'filed',
      waitingFor: ['editor'],
      valid: true,
    });
    // Read without the verified envelopes (no keyring), the same.
    expect(deskState(refiledLate, DEFAULT_POLICY).waitingFor).toEqual(['editor']);
  });

  it('a reply edited in the working record after filing fails the record check', async () => {
    const keys = [reporter, editor, lawyer];
    expect((await verifyRecord({ file: approved, keys, policy: DEFAULT_POLICY })).ok).toBe(true);
    const edited = structuredClone(approved);
    edited.record.replies![0]!.reply = 'She agreed to it.';
    const result = await verifyRecord({ file: edited, keys, policy: DEFAULT_POLICY });
    expect(result.ok).toBe(false);
    expect(result.checks.find((c) => c.id === 'record')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('replies') as unknown,
    });
  });
});

describe('the review plan', () => {
  it('groups the care-home story by section: 16 prompts before, 7 after when all is accepted', () => {
    const fixture = JSON.parse(
      readFileSync(
        new URL('../fixtures/records/care-home-contracts.prepub.json', import.meta.url),
        'utf8',
      ),
    ) as RecordFile;
    const items = reviewItems(fixture.record, 'editor');
    const plan = reviewPlan(items);
    // Before: each item a select and a comment prompt, then the decision and its comment.
    const before = items.length * 2 + 2;
    // After: one prompt per serious item (accept needs no comment), one per section of the rest.
    const after = plan.length + 2;
    expect([items.length, before, after]).toEqual([7, 16, 7]);
    // A blocker or a lawyer referral is never in a section step.
    for (const step of plan)
      if (step.kind === 'section')
        expect(step.items.every((i) => !i.serious && !i.lawyer)).toBe(true);
    expect(
      plan.find((s) => s.kind === 'one' && s.item.id === 'defamation.chase-level'),
    ).toBeDefined();
  });

  it('a flagged item the reporter replied to is read on its own, not accepted with its section', () => {
    const fixture = JSON.parse(
      readFileSync(
        new URL('../fixtures/records/care-home-contracts.prepub.json', import.meta.url),
        'utf8',
      ),
    ) as RecordFile;
    const items = reviewItems(fixture.record, 'editor');
    const inBulk = reviewPlan(items).flatMap((s) => (s.kind === 'section' ? s.items : []));
    expect(inBulk.length).toBeGreaterThan(0);
    const target = inBulk[0]!;
    const plan = reviewPlan(items.map((i) => (i.id === target.id ? { ...i, replied: true } : i)));
    expect(plan.some((s) => s.kind === 'one' && s.item.id === target.id)).toBe(true);
    expect(plan.some((s) => s.kind === 'section' && s.items.some((i) => i.id === target.id))).toBe(
      false,
    );
  });
});

describe('status filters', () => {
  let dir: string;
  const ctx = (): Context => ({
    cwd: dir,
    env: {
      XDG_CONFIG_HOME: path.join(dir, 'config'),
      HOME: dir,
      XDG_CACHE_HOME: path.join(dir, 'cache'),
    },
    color: false,
    colorOut: false,
    debug: false,
    interactive: false,
    stdinIsTTY: false,
    stdout: () => undefined,
    stderr: () => undefined,
  });
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'prepub-desk-status-'));
    const write = (name: string, file: RecordFile) => {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), `${JSON.stringify(file, null, 2)}\n`);
    };
    write('news/a.prepub.json', returned);
    write('news/b.prepub.json', refiled);
    const sport = structuredClone(approved);
    write('sport/c.prepub.json', sport);
    const politics = draftRecord();
    politics.record.story = { ...politics.record.story, desk: 'politics', reporter: 'Sam Writer' };
    write('politics/d.prepub.json', politics);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const paths = async (raw: Parameters<typeof runStatus>[0]) =>
    (await runStatus({ dir: '.', ...raw }, ctx())).records.map((r) => r.path).sort();

  it('filters by status, desk, reporter, since and who a record needs', async () => {
    expect(await paths({})).toHaveLength(4);
    expect(await paths({ status: 'returned' })).toEqual([path.join('news', 'a.prepub.json')]);
    expect(await paths({ desk: 'Politics' })).toEqual([path.join('politics', 'd.prepub.json')]);
    expect(await paths({ reporter: 'sam writer' })).toEqual([
      path.join('politics', 'd.prepub.json'),
    ]);
    expect(await paths({ since: '2026-11-20T14:30:00Z' })).toEqual([
      path.join('sport', 'c.prepub.json'),
    ]);
    expect(await paths({ needs: 'editor' })).toEqual([path.join('news', 'b.prepub.json')]);
    expect(await paths({ needs: 'reporter' })).toEqual([
      path.join('news', 'a.prepub.json'),
      path.join('politics', 'd.prepub.json'),
    ]);
    await expect(runStatus({ dir: '.', needs: 'me' }, ctx())).rejects.toThrow(/no keyring/);
    await expect(runStatus({ dir: '.', since: 'soon' }, ctx())).rejects.toThrow(/--since soon/);
  });

  it('gives each row its path, desk and open queries (the same rows as JSON)', async () => {
    const rows = (await runStatus({ dir: '.' }, ctx())).records;
    expect(rows.find((r) => r.path.endsWith('a.prepub.json'))).toMatchObject({
      desk: 'news',
      openQueries: 1,
      unbound: true,
    });
  });
});
