// The full check of a record, as the publication gate makes it: signatures against the trust
// root, roles, revocation and expiry, the chain, the working record and its history against the
// filing, the policy, the article's bytes, and the evidence recomputed under the exact checklist.
// `verify` returns it; `review` makes the same check before it signs.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Policy } from '../core/config/schema.js';
import type { Context } from '../context.js';
import type { RecordFile } from '../core/record/schema.js';
import { checkEvidence } from './evidence.js';
import { readArticle } from './inputs.js';
import {
  verifyRecord,
  type Check,
  type TrustedKey,
  type VerifyResult,
} from '../core/signing/verify.js';

export interface GateOptions {
  /** The record's path as the user gave it (relative to ctx.cwd). */
  readonly record: string;
  readonly keys: readonly TrustedKey[];
  readonly policy: Policy;
  /** `string`: this file is the text; `false`: do not check the text (said in the result);
   * undefined: the article the record names, relative to the record's folder. */
  readonly article?: string | false;
  readonly allowUnknownChecklist?: boolean;
  readonly now?: Date;
}

export interface GateResult extends VerifyResult {
  /** Where the text was looked for, and whether it was checked. */
  readonly article: { readonly path: string | null; readonly checked: boolean };
}

/** The article the record names, relative to the record's own folder (never the current one). */
export function articleBesideRecord(
  recordPath: string,
  file: RecordFile,
  cwd: string,
): string | undefined {
  const p = file.record.article?.path;
  if (p === undefined) return undefined;
  return path.resolve(path.dirname(path.resolve(cwd, recordPath)), p);
}

export async function gateCheck(
  file: RecordFile,
  options: GateOptions,
  ctx: Context,
): Promise<GateResult> {
  let articlePath: string | undefined;
  let bytes: Uint8Array | undefined;
  let missing: string | undefined;
  if (typeof options.article === 'string') {
    articlePath = path.resolve(ctx.cwd, options.article);
    bytes = await readArticle(articlePath);
  } else if (options.article === undefined) {
    articlePath = articleBesideRecord(options.record, file, ctx.cwd);
    if (articlePath && existsSync(articlePath)) bytes = await readArticle(articlePath);
    else missing = articlePath ?? '(the record names no article)';
  }
  const result = await verifyRecord({
    file,
    keys: options.keys,
    policy: options.policy,
    ...(bytes ? { article: bytes } : {}),
    ...(missing !== undefined ? { articleMissing: missing } : {}),
    ...(options.article === false ? { articleSkipped: true } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  // Rescan only a text that is what was signed: a text whose digest failed proves nothing more,
  // and a hostile one should cost nothing further.
  const textHolds = bytes !== undefined && result.checks.some((c) => c.id === 'article' && c.ok);
  const floor = options.policy.minimumChecklist;
  const id = file.record.checklist.id;
  const minimum = floor && Object.hasOwn(floor, id) ? floor[id] : undefined;
  const evidence = await checkEvidence(file.record, ctx, {
    ...(textHolds && articlePath ? { article: { path: articlePath, bytes: bytes! } } : {}),
    ...(options.allowUnknownChecklist ? { allowUnknownChecklist: true } : {}),
    ...(minimum !== undefined ? { minimumVersion: minimum } : {}),
  });
  const checks: Check[] = [...result.checks, evidence];
  return {
    ...result,
    ok: result.ok && evidence.ok,
    checks,
    article: { path: articlePath ?? null, checked: bytes !== undefined },
  };
}
