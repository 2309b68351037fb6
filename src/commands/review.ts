// prepub review RECORD: the desk editor (or lawyer) reviews the flagged items, approves or
// returns the record, and signs. Every prompt has a flag twin (--decision, --comment, --reviews).
import path from 'node:path';
import { z } from 'zod';
import { loadConfig } from '../adapters/config-load.js';
import type { Context } from '../context.js';
import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import { CheckFailed, UserError } from '../errors.js';
import { readText, removeStaleTemps } from '../adapters/files.js';
import { toJson } from '../core/parse/json-strict.js';
import { updateRecord } from '../adapters/record-store.js';
import { diagnosticAt, parseWithSchema } from '../core/parse/structured.js';
import { acceptSection, askComment, askDecision, reviewItem } from '../prompts/signoff.js';
import {
  reviewItems,
  reviewPlan,
  seriousItems,
  withHistory,
  type ReviewItem,
} from '../core/record/lifecycle.js';
import { conversation, predicatesOf, type Thread } from '../core/signing/conversation.js';
import { isFiled } from '../core/signing/statement.js';
import { itemTitle } from '../core/record/item-title.js';
import { copyLines, itemLines } from '../core/record/copy-lines.js';
import { readCopy } from '../adapters/article-copy.js';
import { articleBesideRecord } from '../adapters/gate.js';
import { SECTION_IDS } from '../core/checklist/ids.js';
import { SECTION_TITLES } from '../render/sheet-model.js';
import { nextStep } from '../render/next-step.js';
import type { RecordFile } from '../core/record/schema.js';
import { parseRecord } from '../core/record/parse.js';
import { renderCopy, renderItem, renderReviewHeader, renderThread } from '../render/signoff.js';
import { safeLine } from '../render/text.js';
import { envelopePayload, IN_TOTO_PAYLOAD_TYPE, signEnvelope } from '../core/signing/dsse.js';
import {
  loadKeyring,
  loadSigningKey,
  requireKeyring,
  type LoadedKeyring,
  type SigningKey,
} from '../adapters/inputs.js';
import { evaluatePolicy, requiredApprovals, type ChainStep } from '../core/signing/policy.js';
import {
  encodeStatement,
  reviewStatement,
  type ItemReview,
  type ReviewPredicate,
} from '../core/signing/statement.js';
import { gateCheck, type GateResult } from '../adapters/gate.js';
import { reviewHistoryEntry } from '../core/signing/history.js';
import { chainSteps } from '../core/signing/verify.js';
import { sha256Hex } from '../core/hash.js';
import { DECISIONS, OUTPUT_FORMATS, parseOptions, REVIEW_ROLES } from './lib/options.js';

export const ReviewOptions = z.strictObject({
  record: z.string().min(1),
  article: z.string().optional(),
  role: z.enum(REVIEW_ROLES).default('editor'),
  decision: z.enum(DECISIONS).optional(),
  comment: z.string().optional(),
  reviews: z.string().optional(),
  input: z.boolean().default(true),
  key: z.string().optional(),
  keyring: z.string().optional(),
  /** Approve without item reviews; written into the signed statement and shown on the sheet. */
  acceptAll: z.boolean().default(false),
  /** Show item ids beside their titles. */
  verbose: z.boolean().default(false),
});
export type ReviewOptions = z.input<typeof ReviewOptions>;

/** A --reviews file: one entry per item, by the id `prepub review` shows. */
export const ReviewsFile = z.strictObject({
  $schema: z.string().optional(),
  reviews: z.array(
    z.strictObject({
      item: z.string().min(1),
      decision: z.enum(['accept', 'query']),
      comment: z.string().optional(),
    }),
  ),
});

export interface ReviewResult {
  readonly record: string;
  readonly role: 'editor' | 'lawyer';
  readonly decision: 'approved' | 'returned';
  readonly comment: string;
  readonly status: RecordFile['status'];
  /** Roles whose approval is still needed. */
  readonly waitingFor: readonly string[];
  readonly envelope: number;
  readonly signer: { readonly name: string; readonly keyid: string };
  readonly items: number;
  readonly queried: number;
  readonly reviewsFrom: ReviewPredicate['reviewsFrom'];
  /** Set with --accept-all: how many items were accepted without item review. */
  readonly acceptedAll?: number;
  /** What happens next, for the person who ran it. */
  readonly next: string;
}

async function readReviewsFile(file: string, items: readonly ReviewItem[]): Promise<ItemReview[]> {
  const loaded = parseWithSchema(file, await readText(file, 'reviews file'), ReviewsFile);
  const errors: Diagnostic[] = [...loaded.errors];
  const out: ItemReview[] = [];
  if (loaded.value && loaded.parsed) {
    const ids = new Set(items.map((i) => i.id));
    loaded.value.reviews.forEach((r, i) => {
      if (!ids.has(r.item))
        errors.push(
          diagnosticAt(
            loaded.parsed!,
            ['reviews', i, 'item'],
            `"${r.item}" is not an item to review here`,
          ),
        );
      else if (r.decision === 'query' && !(r.comment ?? '').trim())
        errors.push(diagnosticAt(loaded.parsed!, ['reviews', i], 'a query needs a comment'));
      else if (out.some((o) => o.item === r.item))
        errors.push(
          diagnosticAt(loaded.parsed!, ['reviews', i, 'item'], `"${r.item}" is reviewed twice`),
        );
      else
        out.push({
          item: r.item,
          decision: r.decision === 'accept' ? 'accepted' : 'queried',
          comment: (r.comment ?? '').trim(),
        });
    });
    const missing = items.filter((i) => !out.some((o) => o.item === i.id) && !errors.length);
    for (const m of missing)
      errors.push({ file, line: 0, column: 0, message: `no review for ${m.id}` });
  }
  if (errors.length > 0)
    throw new UserError(`${file}: invalid reviews file`, {
      code: 'INPUT_INVALID',
      lines: errors.map(formatDiagnostic),
    });
  return items.map((i) => out.find((o) => o.item === i.id)!);
}

type Options = z.output<typeof ReviewOptions>;

/** Review a filed record and sign the decision: gather every input first, then act. */
export async function runReview(raw: ReviewOptions, ctx: Context): Promise<ReviewResult> {
  const options = parseOptions(ReviewOptions, raw, { record: '<record>' });
  const recordPath = path.resolve(ctx.cwd, options.record);
  await removeStaleTemps(recordPath);
  const config = await loadConfig(ctx);
  const text = await readText(recordPath, 'record');
  const file = parseRecord(options.record, text);
  refuseNotFiled(file, options.record);
  const interactive = options.input && ctx.interactive;
  refuseMissingDecision(options, interactive);
  const keyring = requireKeyring(await loadKeyring(options.keyring, config, ctx));
  const verified = await verifyBeforeSigning(file, options, keyring, ctx);
  // The items: the flagged ones, and every item queried last round that the reporter has answered
  // in this filing (query → reply → this decision), even when it is no longer flagged.
  const threads = answeredThreads(file);
  const items = withQueried(reviewItems(file.record, options.role), threads, file, options.role);
  refuseUnreviewedApproval(options, items, interactive);
  const fromFile = options.reviews
    ? await readReviewsFile(path.resolve(ctx.cwd, options.reviews), items)
    : undefined;
  const key = await loadSigningKey(options.key, options.input, ctx, config, askPassphrase);
  const me = trustedSigner(options, key, keyring, verified.envelopes, file);

  const filing = [...verified.envelopes].reverse().find((e) => e.decision === 'filed');
  const filedEntry = [...file.record.history].reverse().find((h) => h.event === 'filed');
  if (interactive) ctx.stderr(renderReviewHeader(file, filedEntry?.at, filing?.signer?.name));
  if (!interactive && threads.length > 0) {
    // Without prompts the reviewer still reads the conversation before signing over it.
    ctx.stderr(
      `Replies to the desk's queries:\n${threads.map((t) => renderThread(t, { title: itemTitle(file.record, t.query.item) })).join('')}\n`,
    );
  }
  const decided = await decide(options, interactive, items, threads, file, fromFile, ctx);

  const signed = signDecision(file, options, key, me, decided, verified.envelopes, keyring);
  // Not while another prepub has the record open, and not over someone else's change.
  await updateRecord(recordPath, text, signed.next, options.record, 'prepub review');
  return reviewResult(options, items.length, decided, signed);
}

function refuseNotFiled(file: RecordFile, name: string): void {
  if (file.status === 'draft')
    throw new CheckFailed(
      `${name}: is a draft, not filed yet; the reporter files it with prepub file`,
    );
  if (file.status === 'returned')
    throw new CheckFailed(
      `${name}: was returned to the reporter; it must be filed again before review`,
    );
}

function refuseMissingDecision(options: Options, interactive: boolean): void {
  if (!options.decision && !interactive) {
    throw new UserError(
      'no decision: pass --decision approve|return (there is no terminal to ask)',
      { code: 'NO_TERMINAL' },
    );
  }
  if (options.decision === 'return' && !(options.comment ?? '').trim() && !interactive) {
    throw new UserError('returning a record needs --comment saying what the reporter must do', {
      code: 'USAGE',
    });
  }
}

/**
 * The same full check the gate makes (signatures, chain, record and history, the text, the
 * evidence under the exact checklist) before anything is signed over it: the article named with
 * --article, else the one the record names beside it.
 */
async function verifyBeforeSigning(
  file: RecordFile,
  options: Options,
  keyring: LoadedKeyring,
  ctx: Context,
): Promise<GateResult> {
  const verified = await gateCheck(
    file,
    {
      record: options.record,
      keys: keyring.keys,
      policy: keyring.policy,
      ...(options.article ? { article: options.article } : {}),
    },
    ctx,
  );
  const bad = verified.checks.filter((c) => !c.ok && c.id !== 'policy');
  if (bad.length > 0) {
    throw new CheckFailed(
      `${options.record}: the filing does not verify; refusing to sign over it`,
      bad.map((c) => `✗ ${c.name}: ${c.detail}`),
    );
  }
  // A checklist prepub does not ship (a newsroom's own, or a copy someone made) passes here when
  // this machine has it, but the publishing system's gate refuses it unless it has it too.
  const want = file.record.checklist;
  const { releasedPackDigests } = await import('../adapters/evidence.js');
  if ((await releasedPackDigests())[want.id]?.[want.version] !== want.sha256)
    ctx.stderr(
      safeLine(
        `prepub: warning: ${options.record} was made with checklist ${want.id} ${want.version}, which is not one prepub ships; the publishing system's gate refuses it unless it has that exact checklist too`,
      ) + '\n',
    );
  // A record made under an older release is checked by that release's rules and questions: the
  // desk is told before it signs (the gate may refuse it: the trust root's minimumChecklist).
  // (The evidence check resolved the pack already and says so.)
  const evidence = verified.checks.find((c) => c.id === 'evidence');
  const newer = evidence?.id === 'evidence' ? evidence.newerInstalled : undefined;
  if (newer !== undefined)
    ctx.stderr(
      safeLine(
        `prepub: warning: ${options.record} was made under ${want.id} ${want.version}, an older release than the ${newer} installed here: its findings and questions are ${want.version}'s, not ${newer}'s`,
      ) + '\n',
    );
  return verified;
}

/** Without a terminal, an approval over serious items needs their reviews, or --accept-all. */
function refuseUnreviewedApproval(
  options: Options,
  items: readonly ReviewItem[],
  interactive: boolean,
): void {
  if (options.acceptAll && options.reviews)
    throw new UserError('--accept-all and --reviews: give one of them', { code: 'USAGE' });
  if (options.acceptAll && options.decision === 'return')
    throw new UserError('--accept-all is for approving; a return needs only --comment', {
      code: 'USAGE',
    });
  const serious = seriousItems(items);
  if (
    interactive ||
    options.reviews ||
    options.acceptAll ||
    options.decision !== 'approve' ||
    serious.length === 0
  )
    return;
  const n = serious.length;
  throw new UserError(
    `${options.record}: ${n} item${n === 1 ? ' needs' : 's need'} an item review before approval (a blocker, a lawyer referral, or a "no" to a question the copy raised)`,
    {
      code: 'USAGE',
      lines: serious.map((i) => safeLine(`${i.id}  ${i.title}`)),
      hint: 'Give the item reviews with --reviews FILE (item, decision accept|query, comment), review in a terminal, or pass --accept-all to accept every item without review (your signed statement says so, and so does the sheet).',
    },
  );
}

/**
 * The signer as a step of the chain: the key must be trusted in this role, and, under distinct
 * signers, an approval by the reporter who filed (or by someone who approved in another role)
 * would not count: say so before any prompt, rather than sign a no-op.
 */
function trustedSigner(
  options: Options,
  key: SigningKey,
  keyring: LoadedKeyring,
  envelopes: GateResult['envelopes'],
  file: RecordFile,
): ChainStep & { readonly signer: string } {
  const trusted = keyring.keys.find((k) => k.keyid === key.keyid && k.role === options.role);
  if (!trusted) {
    throw new UserError(
      `${key.file}: key ${key.keyid.slice(0, 12)} is not trusted as ${options.role} in ${keyring.file}`,
      {
        code: 'KEY_INVALID',
        hint: `Add it: prepub keys trust <public.pem> --name "…" --role ${options.role} --keyring ${keyring.file}`,
      },
    );
  }
  const me = {
    role: options.role,
    decision: 'approved' as const,
    signer: trusted.name,
    keyid: key.keyid,
  };
  const wouldBe = evaluatePolicy(
    [...chainSteps(envelopes), me],
    requiredApprovals(keyring.policy, file.record),
    keyring.policy,
  ).ignored.find((i) => i.step === me);
  if (wouldBe && options.decision !== 'return')
    throw new UserError(
      `${options.record}: your approval would not count: ${wouldBe.why} (the keyring's policy wants distinct signers)`,
      {
        code: 'USAGE',
        hint: 'Someone else reviews it; you may still return it with --decision return --comment "…".',
      },
    );
  return me;
}

interface Decided {
  readonly decision: 'approved' | 'returned';
  readonly comment: string;
  readonly reviews: ItemReview[];
  readonly reviewsFrom: ReviewPredicate['reviewsFrom'];
}

/** The item reviews (from the file, the prompts, or the decision alone), the decision, the comment. */
async function decide(
  options: Options,
  interactive: boolean,
  items: readonly ReviewItem[],
  threads: readonly Thread[],
  file: RecordFile,
  fromFile: ItemReview[] | undefined,
  ctx: Context,
): Promise<Decided> {
  let reviews: ItemReview[] = [];
  let reviewsFrom: ReviewPredicate['reviewsFrom'] = 'decision';
  if (fromFile) {
    reviews = fromFile;
    reviewsFrom = 'file';
  } else if (interactive && !options.acceptAll) {
    const text = await readCopy(
      options.article
        ? path.resolve(ctx.cwd, options.article)
        : articleBesideRecord(options.record, file, ctx.cwd),
      ctx,
    );
    reviews = await promptReviews(items, threads, file, text, options.verbose, (s) =>
      ctx.stderr(s),
    );
    reviewsFrom = 'prompts';
  }
  const decision = options.decision ?? (await askDecision());
  let comment = (options.comment ?? '').trim();
  if (!options.comment && interactive) {
    comment = await askComment(
      decision === 'return' ? 'What must the reporter do?' : 'Comment (optional):',
      decision === 'return',
    );
  }
  if (reviewsFrom === 'decision')
    reviews = items.map((i) => ({ item: i.id, decision: 'accepted', comment }));
  return {
    decision: decision === 'approve' ? 'approved' : 'returned',
    comment,
    reviews,
    reviewsFrom,
  };
}

interface Signed {
  readonly next: RecordFile;
  readonly predicate: ReviewPredicate;
  readonly outcome: ReturnType<typeof evaluatePolicy>;
  readonly signer: { readonly name: string; readonly keyid: string };
}

/** Sign the decision over the last envelope and work out the record's new status. */
function signDecision(
  file: RecordFile,
  options: Options,
  key: SigningKey,
  me: ChainStep & { readonly signer: string },
  decided: Decided,
  envelopes: GateResult['envelopes'],
  keyring: LoadedKeyring,
): Signed {
  const last = file.attestations.at(-1)!;
  const reviewed = { index: file.attestations.length, sha256: sha256Hex(envelopePayload(last)!) };
  const signer = { name: me.signer, keyid: key.keyid };
  const predicate: ReviewPredicate = {
    role: options.role,
    decision: decided.decision,
    signer,
    time: new Date().toISOString(),
    comment: decided.comment,
    reviews: decided.reviews,
    reviewsFrom: decided.reviewsFrom,
    ...(options.acceptAll && decided.decision === 'approved'
      ? { acceptedAll: decided.reviews.length }
      : {}),
  };
  const ref = file.record.article!;
  const statement = reviewStatement({
    article: { name: path.basename(ref.path), digest: { sha256: ref.sha256 } },
    reviewed,
    predicate,
  });
  const envelope = signEnvelope(IN_TOTO_PAYLOAD_TYPE, encodeStatement(statement), {
    keyid: key.keyid,
    privateKey: key.privateKey,
  });
  const outcome = evaluatePolicy(
    [...chainSteps(envelopes), { ...me, decision: decided.decision }],
    requiredApprovals(keyring.policy, file.record),
    keyring.policy,
  );
  const body = withHistory(
    file,
    reviewHistoryEntry(predicate, outcome.status === 'filed' ? outcome.missing : []),
  );
  const next: RecordFile = {
    ...file,
    status: outcome.status,
    record: body,
    attestations: [...file.attestations, envelope],
  };
  return { next, predicate, outcome, signer };
}

function reviewResult(
  options: Options,
  items: number,
  decided: Decided,
  { next, predicate, outcome, signer }: Signed,
): ReviewResult {
  const queried = decided.reviews.filter((r) => r.decision === 'queried').length;
  return {
    record: options.record,
    role: options.role,
    decision: decided.decision,
    comment: decided.comment,
    status: outcome.status,
    waitingFor: outcome.status === 'filed' ? outcome.missing : [],
    envelope: next.attestations.length,
    signer,
    items,
    queried,
    reviewsFrom: decided.reviewsFrom,
    ...(predicate.acceptedAll !== undefined ? { acceptedAll: predicate.acceptedAll } : {}),
    next: nextStep(
      decided.decision === 'returned'
        ? { kind: 'returned', record: options.record, queries: queried }
        : outcome.status === 'approved'
          ? { kind: 'approved', record: options.record }
          : { kind: 'waiting', record: options.record, roles: outcome.missing },
    ),
  };
}

/** The queries answered in the latest filing (their replies are signed with it). */
function answeredThreads(file: RecordFile): Thread[] {
  const predicates = predicatesOf(file);
  let last = -1;
  predicates.forEach((p, i) => {
    if (p && isFiled(p)) last = i + 1;
  });
  return conversation(file, predicates).filter((t) => t.replyFiled === last);
}

function sectionOfItem(file: RecordFile, id: string): string {
  const prefix = id.split('.')[0] ?? '';
  if ((SECTION_IDS as readonly string[]).includes(prefix)) return prefix;
  const f = /^finding:(.+)@(\d+):(\d+)$/.exec(id);
  return (f && file.record.findings.find((x) => x.rule === f[1])?.section) ?? 'accuracy';
}

/** Add the queried items that are no longer flagged, so the reviewer decides on each reply. */
function withQueried(
  items: ReviewItem[],
  threads: readonly Thread[],
  file: RecordFile,
  role: 'editor' | 'lawyer',
): ReviewItem[] {
  // A flagged item that was queried and answered is read on its own, never accepted in bulk.
  const replied = new Set(threads.map((t) => t.query.item));
  const out = items.map((i) => (replied.has(i.id) ? { ...i, replied: true } : i));
  for (const t of threads) {
    if (out.some((i) => i.id === t.query.item)) continue;
    if (role === 'lawyer' && t.query.role !== 'lawyer') continue;
    out.push({
      id: t.query.item,
      kind: 'query',
      section: sectionOfItem(file, t.query.item),
      title: itemTitle(file.record, t.query.item),
      level: 'none',
      lawyer: false,
      why: `queried by ${t.query.by}; no longer flagged`,
      serious: false,
    });
  }
  return out;
}

/** The interactive review: section by section, each item with the copy it is about and any
 * query and reply; a section's lower-risk items offered in one step, serious items one by one. */
async function promptReviews(
  items: readonly ReviewItem[],
  threads: readonly Thread[],
  file: RecordFile,
  text: string | undefined,
  verbose: boolean,
  say: (s: string) => void,
): Promise<ItemReview[]> {
  if (items.length === 0) {
    say(
      'Nothing flagged: no answer at medium risk or above, no referral, no suppressed finding.\n\n',
    );
    return [];
  }
  const got = new Map<string, ItemReview>();
  const number = new Map(items.map((item, i) => [item, i + 1]));
  const show = (item: ReviewItem) => {
    const thread = threads.filter((t) => t.query.item === item.id);
    const lines = itemLines(file.record, item.id, [
      ...thread.map((t) => t.query.comment),
      ...thread.flatMap((t) => (t.reply ? [t.reply.reply] : [])),
    ]);
    const copy = text !== undefined ? copyLines(text, lines) : [];
    say(
      renderItem(item, number.get(item)!, items.length, {
        verbose,
        section: SECTION_TITLES[item.section] ?? item.section,
      }) +
        (copy.length > 0 ? `  the copy:\n${renderCopy(copy)}` : '') +
        thread.map((t) => renderThread(t)).join(''),
    );
  };
  const one = async (item: ReviewItem) => {
    show(item);
    const n = number.get(item)!;
    const answer = await reviewItem(`Item ${n} of ${items.length}: accept or query?`);
    got.set(item.id, { item: item.id, ...answer });
  };
  let section = '';
  for (const step of reviewPlan(items)) {
    const here = step.kind === 'one' ? step.item.section : step.section;
    if (here !== section) {
      section = here;
      say(`\n== ${SECTION_TITLES[section] ?? section} ==\n`);
    }
    if (step.kind === 'one') {
      await one(step.item);
      continue;
    }
    for (const item of step.items) show(item);
    const title = SECTION_TITLES[step.section] ?? step.section;
    const choice = await acceptSection(
      `Accept all ${step.items.length} lower-risk items in ${title} (items ${step.items.map((i) => number.get(i)).join(', ')})?`,
    );
    if (choice === 'all')
      for (const item of step.items)
        got.set(item.id, { item: item.id, decision: 'accepted', comment: '' });
    else for (const item of step.items) await one(item);
  }
  return items.map((i) => got.get(i.id)!);
}

export async function execute(
  args: readonly unknown[],
  options: Record<string, unknown>,
  ctx: Context,
): Promise<number> {
  const { format, ...rest } = parseOptions(
    ReviewOptions.extend({ format: z.enum(OUTPUT_FORMATS).default('text') }),
    { ...options, record: args[0] },
    { record: '<record>' },
  );
  const result = await runReview(rest, ctx);
  if (format === 'json') {
    ctx.stdout(toJson(result));
    return 0;
  }
  const verb = result.decision === 'approved' ? 'Approved' : 'Returned';
  const wait =
    result.waitingFor.length > 0
      ? ` (waiting for ${result.waitingFor.join(' and ')} approval)`
      : '';
  const all =
    result.acceptedAll !== undefined ? `, all accepted without item review (--accept-all)` : '';
  ctx.stdout(
    `${verb} ${result.record} as ${result.role}: signed by ${result.signer.name} (key ${result.signer.keyid.slice(0, 12)}), ${result.items} item${result.items === 1 ? '' : 's'} reviewed${all}, ${result.queried} queried. Status ${result.status}${wait}.\n`,
  );
  ctx.stderr(`${result.next}\n`);
  return 0;
}

/** The passphrase prompt, loaded only when a key needs one. */
async function askPassphrase(file: string): Promise<string> {
  return (await import('../prompts/signoff.js')).askPassphrase(file);
}
