// The interactive review through runReview, with the prompt module mocked (the only mock).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Context } from '../../src/context.js';
import { Cancelled, CheckFailed, UserError } from '../../src/errors.js';
import type { RecordFile } from '../../src/core/record/schema.js';
import { runFile } from '../../src/commands/file.js';
import { runReview } from '../../src/commands/review.js';
import { runKeysGenerate } from '../../src/commands/keys/generate.js';
import { runKeysTrust } from '../../src/commands/keys/trust.js';
import { decodeStatement, type ReviewPredicate } from '../../src/core/signing/statement.js';
import { decodeBase64 } from '../../src/core/signing/dsse.js';
import { ARTICLE, draftRecord, REAL_ARTICLE, realDraftRecord } from './helpers.js';

const prompts = vi.hoisted(() => ({
  reviewItem: vi.fn(),
  acceptSection: vi.fn(),
  askDecision: vi.fn(),
  askComment: vi.fn(),
  confirmFiling: vi.fn(),
  askPassphrase: vi.fn(),
  askNewPassphrase: vi.fn(),
}));
vi.mock('../../src/prompts/signoff.js', () => prompts);

let dir: string;
let out: string[];
let ctx: Context;

function context(interactive: boolean): Context {
  return {
    cwd: dir,
    env: { XDG_CONFIG_HOME: path.join(dir, 'config'), HOME: dir },
    color: false,
    colorOut: false,
    debug: false,
    interactive,
    stdinIsTTY: interactive,
    stdout: (t) => void out.push(t),
    stderr: (t) => void out.push(t),
  };
}

const read = (name: string) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as RecordFile;
const lastPredicate = (file: RecordFile) =>
  decodeStatement(decodeBase64(file.attestations.at(-1)!.payload)!).statement!
    .predicate as ReviewPredicate;

async function filedRecord(name: string, referred = false): Promise<void> {
  writeFileSync(
    path.join(dir, name),
    `${JSON.stringify(realDraftRecord({ referred }), null, 2)}\n`,
    {
      mode: 0o600,
    },
  );
  await runFile({ record: name, key: 'Jane Reporter', confirm: true, input: false }, ctx);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'prepub-review-'));
  out = [];
  ctx = context(false);
  writeFileSync(path.join(dir, 'story.md'), REAL_ARTICLE);
  writeFileSync(path.join(dir, 'prepub.config.json'), '{ "keyring": "keyring.json" }\n');
  for (const [name, role] of [
    ['Jane Reporter', 'reporter'],
    ['Ed Itor', 'editor'],
    ['Lara Lawyer', 'lawyer'],
  ] as const) {
    const key = await runKeysGenerate({ name, passphrase: false }, ctx);
    await runKeysTrust({ publicKey: key.publicKey, name, role, keyring: 'keyring.json' }, ctx);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('review', () => {
  it('walks each flagged item, then approves and signs as editor', async () => {
    await filedRecord('a.prepub.json');
    prompts.reviewItem
      .mockResolvedValueOnce({ decision: 'accepted', comment: 'fine' })
      .mockResolvedValueOnce({ decision: 'queried', comment: 'whose line?' });
    prompts.askDecision.mockResolvedValueOnce('approve');
    prompts.askComment.mockResolvedValueOnce('Cleared for the web');
    out = [];
    const result = await runReview({ record: 'a.prepub.json', key: 'Ed Itor' }, context(true));
    expect(result).toMatchObject({
      decision: 'approved',
      status: 'approved',
      items: 2,
      queried: 1,
      reviewsFrom: 'prompts',
    });
    expect(out.join('')).toContain('Police appeal after car stolen');
    expect(out.join('')).toContain("reporter's note: the police appeal line");
    const file = read('a.prepub.json');
    expect(file.status).toBe('approved');
    expect(lastPredicate(file)).toMatchObject({
      role: 'editor',
      decision: 'approved',
      comment: 'Cleared for the web',
      reviews: [
        { item: 'safety.involves', decision: 'accepted', comment: 'fine' },
        { item: 'finding:uk-ew.phone-number@2:56', decision: 'queried', comment: 'whose line?' },
      ],
    });
  });

  it('returns with a comment, and the record says returned', async () => {
    await filedRecord('b.prepub.json');
    const result = await runReview(
      {
        record: 'b.prepub.json',
        key: 'Ed Itor',
        decision: 'return',
        comment: 'Check the age',
        input: false,
      },
      ctx,
    );
    expect(result.status).toBe('returned');
    const file = read('b.prepub.json');
    expect(file.record.history.at(-1)).toMatchObject({ event: 'returned', by: 'Ed Itor' });
    expect(lastPredicate(file)).toMatchObject({
      reviewsFrom: 'decision',
      reviews: [{ decision: 'accepted', comment: 'Check the age' }, expect.anything()],
    });
    await expect(
      runReview(
        { record: 'b.prepub.json', key: 'Ed Itor', decision: 'approve', input: false },
        ctx,
      ),
    ).rejects.toBeInstanceOf(CheckFailed);
  });

  it('needs a lawyer as well when an item was referred', async () => {
    await filedRecord('c.prepub.json', true);
    const first = await runReview(
      { record: 'c.prepub.json', key: 'Ed Itor', decision: 'approve', input: false },
      ctx,
    ).catch((e: unknown) => e);
    // No blind approval: a referred item needs an item review, or --accept-all said out loud.
    expect(first).toBeInstanceOf(UserError);
    expect((first as UserError).message).toMatch(/needs? an item review before approval/);
    const accepted = await runReview(
      {
        record: 'c.prepub.json',
        key: 'Ed Itor',
        decision: 'approve',
        acceptAll: true,
        input: false,
      },
      ctx,
    );
    expect(accepted).toMatchObject({ status: 'filed', waitingFor: ['lawyer'] });
    expect(accepted.acceptedAll).toBe(accepted.items);
    expect(accepted.next).toBe('Lawyer: prepub review c.prepub.json --role lawyer');
    expect(lastPredicate(read('c.prepub.json')).acceptedAll).toBe(accepted.items);
    const second = await runReview(
      {
        record: 'c.prepub.json',
        key: 'Lara Lawyer',
        role: 'lawyer',
        decision: 'approve',
        comment: 'OK to run',
        acceptAll: true,
        input: false,
      },
      ctx,
    );
    expect(second).toMatchObject({ status: 'approved', items: 1 });
  });

  it('asks one prompt per serious item and one per section of the rest, and shows the copy', async () => {
    await filedRecord('k.prepub.json', true);
    prompts.reviewItem.mockReset().mockResolvedValue({ decision: 'accepted', comment: '' });
    prompts.acceptSection.mockReset().mockResolvedValue('all');
    prompts.askDecision.mockReset().mockResolvedValueOnce('approve');
    prompts.askComment.mockReset().mockResolvedValueOnce('');
    out = [];
    const result = await runReview({ record: 'k.prepub.json', key: 'Ed Itor' }, context(true));
    const asked =
      prompts.reviewItem.mock.calls.length +
      prompts.acceptSection.mock.calls.length +
      prompts.askDecision.mock.calls.length +
      prompts.askComment.mock.calls.length;
    // Before this change every item took a select and a comment prompt.
    expect(asked).toBeLessThan(result.items * 2 + 2);
    expect(prompts.reviewItem.mock.calls.length).toBeGreaterThan(0);
    const shown = out.join('');
    expect(shown).toContain('REFER TO LAWYER');
    expect(shown).toMatch(/the copy:\n\s+2 │ The librarian, 43/);
    expect(shown).not.toContain('· safety.reporter-at-risk');
    expect(result).toMatchObject({
      reviewsFrom: 'prompts',
      status: 'filed',
      waitingFor: ['lawyer'],
    });
    for (const p of Object.values(prompts)) p.mockReset();
  });

  it('--accept-all goes with approve only, and not with --reviews', async () => {
    await filedRecord('m.prepub.json');
    await expect(
      runReview(
        {
          record: 'm.prepub.json',
          key: 'Ed Itor',
          decision: 'approve',
          acceptAll: true,
          reviews: 'x.yaml',
          input: false,
        },
        ctx,
      ),
    ).rejects.toThrow(/--accept-all and --reviews/);
    await expect(
      runReview(
        {
          record: 'm.prepub.json',
          key: 'Ed Itor',
          decision: 'return',
          comment: 'No',
          acceptAll: true,
          input: false,
        },
        ctx,
      ),
    ).rejects.toThrow(/--accept-all is for approving/);
  });

  it('takes item reviews from a file, and names the position of a bad one', async () => {
    await filedRecord('d.prepub.json');
    writeFileSync(
      path.join(dir, 'reviews.yaml'),
      'reviews:\n  - item: safety.involves\n    decision: accept\n  - item: nope\n    decision: accept\n',
    );
    const bad = runReview(
      {
        record: 'd.prepub.json',
        key: 'Ed Itor',
        decision: 'approve',
        reviews: 'reviews.yaml',
        input: false,
      },
      ctx,
    );
    await expect(bad).rejects.toBeInstanceOf(UserError);
    await expect(bad).rejects.toMatchObject({
      options: {
        lines: [
          expect.stringMatching(/reviews\.yaml:4:\d+: reviews\[1\]\.item: "nope" is not an item/),
        ],
      },
    });
    writeFileSync(
      path.join(dir, 'reviews.yaml'),
      'reviews:\n  - item: safety.involves\n    decision: accept\n  - item: "finding:uk-ew.phone-number@2:56"\n    decision: query\n    comment: Which line?\n',
    );
    const ok = await runReview(
      {
        record: 'd.prepub.json',
        key: 'Ed Itor',
        decision: 'approve',
        reviews: 'reviews.yaml',
        input: false,
      },
      ctx,
    );
    expect(ok).toMatchObject({ reviewsFrom: 'file', queried: 1 });
  });

  it('refuses to sign with a key not trusted in that role, and needs a decision without a terminal', async () => {
    await filedRecord('e.prepub.json');
    await expect(
      runReview(
        { record: 'e.prepub.json', key: 'Jane Reporter', decision: 'approve', input: false },
        ctx,
      ),
    ).rejects.toThrow(/not trusted as editor/);
    await expect(
      runReview({ record: 'e.prepub.json', key: 'Ed Itor', input: false }, ctx),
    ).rejects.toThrow(/--decision/);
    await expect(
      runReview({ record: 'e.prepub.json', key: 'Ed Itor', decision: 'return', input: false }, ctx),
    ).rejects.toThrow(/--comment/);
  });

  it('Ctrl-C during the walk cancels and leaves the record as it was', async () => {
    await filedRecord('f.prepub.json');
    const before = readFileSync(path.join(dir, 'f.prepub.json'), 'utf8');
    prompts.reviewItem.mockRejectedValueOnce(
      new Cancelled('Cancelled: nothing was signed and the record is unchanged.'),
    );
    await expect(
      runReview({ record: 'f.prepub.json', key: 'Ed Itor' }, context(true)),
    ).rejects.toBeInstanceOf(Cancelled);
    expect(readFileSync(path.join(dir, 'f.prepub.json'), 'utf8')).toBe(before);
  });

  it('filing refuses a stale article and an incomplete walk', async () => {
    const stale = draftRecord({ article: `${ARTICLE}!` });
    writeFileSync(path.join(dir, 'g.prepub.json'), JSON.stringify(stale));
    await expect(
      runFile({ record: 'g.prepub.json', key: 'Jane Reporter', confirm: true, input: false }, ctx),
    ).rejects.toThrow(/changed since the checklist was answered/);
    const pending = draftRecord();
    pending.record.assessment.pending = 3;
    writeFileSync(path.join(dir, 'h.prepub.json'), JSON.stringify(pending));
    await expect(
      runFile({ record: 'h.prepub.json', key: 'Jane Reporter', confirm: true, input: false }, ctx),
    ).rejects.toMatchObject({ lines: [expect.stringMatching(/3 questions/)] });
  });
});
