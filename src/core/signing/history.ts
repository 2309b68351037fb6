// The history a person reads (in the record, on the sheet) against the signed envelopes: every
// filing and every review in it must be what an envelope says, field for field, so a history
// rewritten after signing ("approved by the managing editor at 09:00") cannot verify. Pure.
import type { HistoryEntry } from '../record/schema.js';
import { isFiled, type ReviewPredicate, type SignoffPredicate } from './statement.js';

/** The history entry a review writes: everything in it comes from its signed predicate. */
export function reviewHistoryEntry(
  p: ReviewPredicate,
  waitingFor: readonly string[] = [],
): HistoryEntry {
  const queried = p.reviews.filter((r) => r.decision === 'queried').length;
  const detail = [
    `${p.role}${p.comment ? `: ${p.comment}` : ''}`,
    queried > 0 ? `${queried} item${queried === 1 ? '' : 's'} queried` : '',
    p.acceptedAll !== undefined
      ? `accepted all ${p.acceptedAll} item${p.acceptedAll === 1 ? '' : 's'} without item review`
      : p.reviewsFrom === 'decision' && p.reviews.length > 0
        ? "items accepted with the decision's comment (no prompts)"
        : '',
    waitingFor.length > 0 ? `waiting for ${waitingFor.join(' and ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  return { at: p.time, event: p.decision, by: p.signer.name, detail };
}

const WAITING = /; waiting for (?:editor|lawyer)(?: and (?:editor|lawyer))?$/;

/** Does a history entry say what the signed predicate says? (A review's "waiting for" note, which
 * follows from the policy at the time, is the only part not signed, and it can only name roles.) */
function matches(entry: HistoryEntry, p: SignoffPredicate): boolean {
  if (entry.event !== p.decision || entry.at !== p.time || entry.by !== p.signer.name) return false;
  if (isFiled(p)) return true; // its detail is inside the reporter's own signed snapshot
  const want = reviewHistoryEntry(p).detail ?? '';
  const got = entry.detail ?? '';
  return got === want || (got.startsWith(want) && WAITING.test(got.slice(want.length)));
}

const SIGNED_EVENTS = new Set<HistoryEntry['event']>(['filed', 'approved', 'returned']);

/**
 * Why the history does not match the envelopes (undefined when it does): the filings, approvals
 * and returns in it must be exactly the envelopes' own, in order, field for field.
 */
export function historyProblem(
  history: readonly HistoryEntry[],
  predicates: readonly SignoffPredicate[],
): string | undefined {
  const signed = history.filter((h) => SIGNED_EVENTS.has(h.event));
  if (signed.length !== predicates.length)
    return `the history lists ${signed.length} sign-off${signed.length === 1 ? '' : 's'}, the envelopes ${predicates.length}`;
  for (const [i, entry] of signed.entries()) {
    const p = predicates[i]!;
    if (!matches(entry, p))
      return `history entry "${entry.event} by ${entry.by} at ${entry.at}" is not what envelope ${i + 1} says (${p.decision} by ${p.signer.name} at ${p.time})`;
  }
  return undefined;
}

/**
 * The history to show a person: the working history with every filing, approval and return
 * taken from its envelope (entries with no envelope behind them are left out). Without
 * envelopes (a draft), the working history as it is.
 */
export function signedHistory(
  history: readonly HistoryEntry[],
  predicates: readonly SignoffPredicate[],
): HistoryEntry[] {
  if (predicates.length === 0) return [...history];
  const out: HistoryEntry[] = [];
  let next = 0;
  for (const entry of history) {
    if (!SIGNED_EVENTS.has(entry.event)) {
      out.push(entry);
      continue;
    }
    const p = predicates[next++];
    if (!p) continue;
    out.push(
      isFiled(p)
        ? {
            at: p.time,
            event: 'filed',
            by: p.signer.name,
            detail: `signed with key ${p.signer.keyid.slice(0, 12)}`,
          }
        : reviewHistoryEntry(p),
    );
  }
  return out;
}
