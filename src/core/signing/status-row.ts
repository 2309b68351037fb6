// One row of `prepub status`: a record's text in, what it is and whether its signatures verify
// out. No files: the caller reads them (on the main thread, or on a worker thread).
import path from 'node:path';
import type { Policy } from '../config/schema.js';
import { readRecordQuick } from '../record/parse.js';
import { deskState } from './conversation.js';
import type { SignatureCache } from './signature-cache.js';
import { verifyRecord, verifyRecordLeanDecoded, type CheckId, type TrustedKey } from './verify.js';

/** One row of `prepub status`. */
export interface StatusRow {
  readonly path: string;
  readonly slug: string;
  readonly headline: string;
  readonly reporter: string;
  readonly desk?: string;
  readonly status: string;
  readonly risk: string;
  readonly lastChange: string | null;
  /** true: signatures verify; false: they do not; null: nothing signed, or no keyring to check with. */
  readonly valid: boolean | null;
  readonly problems: readonly string[];
  /** The article the record names (its path relative to the record) and the digest it was made for. */
  readonly article?: { readonly path: string; readonly sha256: string } | null;
  /** Items the desk queried since the last filing (for a returned record, or a draft refiling). */
  readonly openQueries?: number;
  /** Roles whose approval a filed record still waits for. */
  readonly waitingFor?: readonly string[];
  /** The article changed since the record was made. */
  readonly stale?: boolean;
  /** The record names no article, or it is not where the record says: staleness not judged. */
  readonly unbound?: boolean;
}

export const RECORD_SUFFIX = '.prepub.json';

export interface RowContext {
  /** Without a keyring, signatures are not checked. */
  readonly keys: readonly TrustedKey[] | undefined;
  readonly policy: Policy;
  readonly cache?: SignatureCache | undefined;
  /** Check signatures on this thread (a worker) rather than on libuv's thread pool. */
  readonly sync?: boolean;
}

/** The row for the record at `rel` whose text is `text` (undefined: it could not be read). */
export async function statusRow(
  text: string | undefined,
  rel: string,
  ctx: RowContext,
): Promise<StatusRow> {
  const invalid = (problem: string): StatusRow => ({
    path: rel,
    slug: path.basename(rel, RECORD_SUFFIX),
    headline: '',
    reporter: '',
    desk: '',
    status: 'invalid',
    risk: '',
    lastChange: null,
    valid: false,
    problems: [problem],
  });
  if (text === undefined) return invalid('unreadable');
  // Strict JSON (no duplicate keys), then the schema: the quick check for the usual record, the
  // reader every other command uses for the rest (the same answer either way).
  const rec = readRecordQuick(rel, text);
  if (!rec) return invalid('not a valid record');
  // Signatures first: the envelopes they decode are the ones deskState reads (decoded once).
  const { keys, policy, cache } = ctx;
  const signed = rec.attestations.length > 0;
  const input = keys ? { file: rec, keys, policy, ...(cache ? { cache } : {}) } : undefined;
  const lean =
    signed && input ? await verifyRecordLeanDecoded(input, { sync: ctx.sync === true }) : undefined;
  const base = {
    path: rel,
    slug: rec.record.story.slug,
    headline: rec.record.story.headline,
    reporter: rec.record.story.reporter,
    desk: rec.record.story.desk,
    ...deskState(rec, ctx.policy, lean?.predicates),
    status: rec.status,
    risk: rec.record.assessment.overall,
    lastChange: rec.record.history.at(-1)?.at ?? null,
    article: rec.record.article
      ? { path: rec.record.article.path, sha256: rec.record.article.sha256 }
      : null,
  };
  if (!signed) {
    return {
      ...base,
      valid: rec.status === 'draft' ? null : false,
      problems: rec.status === 'draft' ? [] : ['unsigned'],
    };
  }
  if (!input) return { ...base, valid: null, problems: [] };
  // The lean check answers for the usual record; anything it cannot vouch for gets the full one.
  const result = lean?.result ?? (await verifyRecord(input));
  // A draft that was reopened keeps its old signatures: they must still verify, but no longer cover the record.
  const ignore: readonly CheckId[] = rec.status === 'draft' ? ['policy', 'record'] : ['policy'];
  const problems = result.checks.filter((c) => !c.ok && !ignore.includes(c.id)).map((c) => c.name);
  return { ...base, valid: problems.length === 0, problems };
}

/** What was found of the article beside a record: its digest, unreadable (not a plain file, or
 * too big), or not there. */
export type ArticleSeen = { readonly sha256: string } | 'unreadable' | 'missing';

/**
 * A record whose article is beside it (where the record names it) and no longer has the digest
 * the record was made for is stale: not valid, whatever its signatures say. An article that is
 * not there is not judged here (`verify` fails it).
 */
export function withArticle(row: StatusRow, seen: ArticleSeen): StatusRow {
  // No article named, or not where the record says: bound to no text here, staleness not judged.
  if (row.article === null) return { ...row, unbound: true };
  if (!row.article) return row;
  if (seen === 'missing') return { ...row, unbound: true };
  if (seen !== 'unreadable' && seen.sha256 === row.article.sha256) return row;
  return {
    ...row,
    stale: true,
    valid: row.valid === null && row.status === 'draft' ? null : false,
    problems: [...row.problems, 'stale (the article changed)'],
  };
}
