// The conversation between the desk and the reporter, read from the signed envelopes: each item a
// reviewer queried (a review envelope's `reviews`), the reporter's reply (carried in the record
// snapshot of the filing that followed, so it is signed), and what the next review decided about
// the item. Pure: envelopes in, threads out. Nothing here is read from the working copy except a
// reply not yet filed, which is marked as such.
import type { Policy } from '../config/schema.js';
import type { RecordFile, Reply } from '../record/schema.js';
import {
  decodeEnvelope,
  isFiled,
  type ReviewPredicate,
  type SignoffPredicate,
} from './statement.js';
import { requiredApprovals } from './policy.js';

/** One item a reviewer queried, from the signed review envelope. */
export interface Query {
  readonly item: string;
  /** 1-based index of the review envelope in `attestations`. */
  readonly envelope: number;
  readonly role: ReviewPredicate['role'];
  readonly by: string;
  readonly at: string;
  readonly comment: string;
}

/** What a later review decided about a queried item. */
export interface Outcome {
  readonly envelope: number;
  readonly role: ReviewPredicate['role'];
  readonly by: string;
  readonly at: string;
  readonly decision: 'accepted' | 'queried';
  readonly comment: string;
}

export interface Thread {
  readonly query: Query;
  /** The reporter's reply: from the filing that followed the query (signed), or, while the
   * query is open, the draft reply in the working record (not signed yet). */
  readonly reply: Reply | null;
  /** The envelope of the filing that signed the reply; null while not filed. */
  readonly replyFiled: number | null;
  readonly outcome: Outcome | null;
  /** No filing since the query: the reporter has still to answer it. */
  readonly open: boolean;
}

/** Every envelope's predicate (undefined where an envelope does not decode). */
export function predicatesOf(file: RecordFile): (SignoffPredicate | undefined)[] {
  return file.attestations.map((e) => decodeEnvelope(e).statement?.predicate);
}

/** Every query in the record's chain, oldest first, with its reply and outcome. */
export function conversation(
  file: RecordFile,
  predicates: readonly (SignoffPredicate | undefined)[] = predicatesOf(file),
): Thread[] {
  const threads: Thread[] = [];
  predicates.forEach((p, i) => {
    if (!p || isFiled(p)) return;
    for (const r of p.reviews) {
      if (r.decision !== 'queried') continue;
      const query: Query = {
        item: r.item,
        envelope: i + 1,
        role: p.role,
        by: p.signer.name,
        at: p.time,
        comment: r.comment,
      };
      const filedAt = predicates.findIndex((q, j) => j > i && q !== undefined && isFiled(q));
      if (filedAt < 0) {
        const draft = (file.record.replies ?? []).find(
          (x) => x.item === r.item && x.envelope === i + 1,
        );
        threads.push({ query, reply: draft ?? null, replyFiled: null, outcome: null, open: true });
        continue;
      }
      const filing = predicates[filedAt]!;
      const reply = isFiled(filing)
        ? ((filing.record.replies ?? []).find((x) => x.item === r.item && x.envelope === i + 1) ??
          null)
        : null;
      let outcome: Outcome | null = null;
      for (let j = filedAt + 1; j < predicates.length && !outcome; j++) {
        const q = predicates[j];
        if (!q) continue;
        if (isFiled(q)) break;
        const decided = q.reviews.find((x) => x.item === r.item);
        if (decided)
          outcome = {
            envelope: j + 1,
            role: q.role,
            by: q.signer.name,
            at: q.time,
            decision: decided.decision,
            comment: decided.comment,
          };
      }
      threads.push({ query, reply, replyFiled: filedAt + 1, outcome, open: false });
    }
  });
  return threads;
}

/** The queries the reporter has still to answer: those made since the last filing. */
export function openQueries(file: RecordFile): Thread[] {
  return conversation(file).filter((t) => t.open);
}

/** The reply filed most recently for an item (the thread of the last round that has one). */
export function lastFiledThread(threads: readonly Thread[], item: string): Thread | undefined {
  return [...threads].reverse().find((t) => t.query.item === item && t.replyFiled !== null);
}

/** A filing's payload starts with its predicate's role and decision: enough to tell it from a
 * review without parsing the record snapshot it carries. */
function isFilingPayload(payload: string): boolean {
  const head = Buffer.from(payload.slice(0, 2048), 'base64').toString('utf8');
  return /"decision":\s*"filed"/.test(head);
}

/** Where a record stands at the desk, for `prepub status`: cheap (only the reviews since the
 * last filing are decoded), and a dashboard, not a gate. */
export interface DeskState {
  /** Items queried since the last filing. */
  readonly openQueries: number;
  /** Roles whose approval a filed record still waits for (by role only; the gate counts people). */
  readonly waitingFor: readonly string[];
}

/** `decoded`: predicates already decoded (by 0-based envelope index), e.g. while verifying;
 * an envelope not in it is decoded here. */
export function deskState(
  file: RecordFile,
  policy: Policy,
  decoded?: ReadonlyMap<number, SignoffPredicate>,
): DeskState {
  const since: ReviewPredicate[] = [];
  for (let i = file.attestations.length - 1; i >= 0; i--) {
    const env = file.attestations[i]!;
    // An envelope verification decoded is read as it was verified: the quick look at the text
    // is only a shortcut past a big filing; one it misses (a signer's own tool may put "decision"
    // anywhere) is decoded, and a filing ends the round all the same.
    const known = decoded?.get(i);
    if (!known && isFilingPayload(env.payload)) break;
    const p = known ?? decodeEnvelope(env).statement?.predicate;
    if (p && isFiled(p)) break;
    if (p) since.unshift(p);
  }
  const openQueries = since.reduce(
    (n, p) => n + p.reviews.filter((r) => r.decision === 'queried').length,
    0,
  );
  const approved = new Set(since.filter((p) => p.decision === 'approved').map((p) => p.role));
  const waitingFor =
    file.status === 'filed'
      ? requiredApprovals(policy, file.record).filter((r) => !approved.has(r))
      : [];
  return {
    openQueries: file.status === 'returned' || file.status === 'draft' ? openQueries : 0,
    waitingFor,
  };
}
