// Verification of a record against a keyring, a policy and (optionally) the article's bytes.
// No files, no process: the caller reads them. Returns a list of named checks.
import type { KeyObject } from 'node:crypto';
import { sha256Hex } from '../hash.js';
import type { Policy, Role } from '../config/schema.js';
import {
  type Envelope,
  type RecordBody,
  type RecordFile,
  type RecordStatus,
} from '../record/schema.js';
import { z } from 'zod';
import { RecordBody as RecordBodySchema } from '../record/schema.js';
import { decodeJsonBytes } from '../parse/json-strict.js';
import { quickCheck } from '../parse/quick-check.js';
import { canonicalEqual, jsonEqual } from './canonical.js';
import { decodeBase64, verifySignature, verifySignatureAsync } from './dsse.js';
import { evaluatePolicy, requiredApprovals, type ChainStep } from './policy.js';
import { historyProblem } from './history.js';
import type { SignatureCache } from './signature-cache.js';
import {
  decodeEnvelope,
  decodeStatement,
  FiledPredicate,
  isFiled,
  referencedEnvelope,
  ReviewPredicate,
  Statement,
  type SignoffPredicate,
} from './statement.js';

/** A key from the keyring, parsed once. One entry per (key, role). */
export interface TrustedKey {
  readonly keyid: string;
  readonly name: string;
  readonly role: Role;
  readonly publicKey: KeyObject;
  /** ISO time after which its signatures no longer verify. */
  readonly expires?: string;
  /** A revoked key verifies nothing. */
  readonly revoked?: { readonly at: string; readonly reason?: string };
}

/** What every check carries: `name` (shown, and kept in `verify --format json`), `ok`, and
 * `detail` (the sentence shown beside it). Code tells checks apart by `id`, never by either text. */
interface CheckBase {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** One check of a record, by stable id, with the data it was made from. */
export type Check =
  | (CheckBase & { readonly id: 'signed'; readonly count: number })
  | SignatureCheck
  | (CheckBase & { readonly id: 'chain' })
  | (CheckBase & { readonly id: 'record' })
  | (CheckBase & { readonly id: 'policy'; readonly outcome: RecordStatus | 'not-met' })
  | (CheckBase & {
      readonly id: 'status';
      readonly claimed: RecordStatus;
      readonly verified: RecordStatus;
    })
  | (CheckBase & {
      readonly id: 'article';
      readonly outcome: 'match' | 'mismatch' | 'missing' | 'skipped';
      readonly sha256?: string;
    })
  | (CheckBase & {
      readonly id: 'evidence';
      readonly recomputed: boolean;
      /** Set when the record was made under an older release: the version installed here. */
      readonly newerInstalled?: string;
    });

export type CheckId = Check['id'];

/** One envelope's signature: `problem` says what is wrong, without naming the envelope. */
export interface SignatureCheck extends CheckBase {
  readonly id: 'signature';
  /** 1-based, in the order of `attestations`. */
  readonly index: number;
  readonly problem?: string;
}

export interface EnvelopeReport {
  /** 1-based, in the order of `attestations`. */
  readonly index: number;
  /** As the payload claims it (trust it only when `ok`). */
  readonly role?: string;
  readonly decision?: string;
  /** The trusted key whose signature checked out, if any. */
  readonly signer?: { readonly name: string; readonly keyid: string; readonly role: Role };
  readonly payloadSha256?: string;
  readonly ok: boolean;
}

export interface VerifyResult {
  readonly ok: boolean;
  /** What the record says. */
  readonly status: RecordStatus;
  /** What the signatures and the policy say. */
  readonly verifiedStatus: RecordStatus;
  readonly checks: Check[];
  readonly envelopes: EnvelopeReport[];
}

export interface VerifyInput {
  readonly file: RecordFile;
  readonly keys: readonly TrustedKey[];
  readonly policy: Policy;
  /** The article's bytes: they must be what was signed. */
  readonly article?: Uint8Array;
  /** The article the record names is not there (the path looked at): the text check fails. */
  readonly articleMissing?: string;
  /** The caller chose not to check the text (`verify --no-article`): said, never silent. */
  readonly articleSkipped?: boolean;
  /** The moment keys' expiry is judged at (default: now). */
  readonly now?: Date;
  /** Signatures already checked (prepub status only; never for the publication gate). */
  readonly cache?: SignatureCache;
}

function short(keyid: string): string {
  return keyid.slice(0, 12);
}

interface Decoded {
  readonly index: number;
  readonly payload: Uint8Array;
  readonly sha256: string;
  readonly statement: Statement;
}

/** How the checks are made. The full mode is the one `verify` uses; the lean one is for `status`. */
interface Mode {
  readonly decode: (payload: Uint8Array) => { statement?: Statement; error?: string };
  readonly equal: (a: unknown, b: unknown) => boolean;
  readonly verify: (
    payloadType: string,
    payload: Uint8Array,
    sig: Uint8Array,
    key: KeyObject,
  ) => boolean | Promise<boolean>;
}

const FULL: Mode = { decode: decodeStatement, equal: canonicalEqual, verify: verifySignatureAsync };

/**
 * The statement schema with the filed record snapshot left unchecked (an object, nothing more):
 * the lean mode compares the snapshot with the working record, which was validated already.
 * Everything else is the statement schema's own parts.
 */
const LeanStatement = Statement.extend({
  predicate: z.union([
    FiledPredicate.extend({
      record: z.custom<RecordBody>((v) => typeof v === 'object' && v !== null && !Array.isArray(v)),
    }),
    ReviewPredicate,
  ]),
});

/** LeanStatement's quick check: when it vouches, the parse would return the data unchanged. */
const quickLean = quickCheck(LeanStatement);

function decodeLean(bytes: Uint8Array): { statement?: Statement; error?: string } {
  const { value: data, error } = decodeJsonBytes(bytes);
  if (error !== undefined) return { error };
  if (quickLean?.(data)) return { statement: data as Statement };
  const result = LeanStatement.safeParse(data);
  return result.success
    ? { statement: result.data }
    : { error: 'payload is not a prepub statement' };
}

/** Find the trusted key that made `sig`: the key the hint names first, then every other key. */
async function findSigner(
  env: Envelope,
  payload: Uint8Array,
  payloadSha256: string,
  sig: Uint8Array,
  keys: readonly TrustedKey[],
  cache: SignatureCache | undefined,
  mode: Mode,
): Promise<string | undefined> {
  const hint = env.signatures[0]?.keyid;
  const ids = [...new Set(keys.map((k) => k.keyid))].sort(
    (a, b) => Number(b === hint) - Number(a === hint),
  );
  if (cache) {
    const known = ids.find((id) => cache.has(id, env, payloadSha256));
    if (known) return known;
  }
  for (const id of ids) {
    const key = keys.find((k) => k.keyid === id);
    if (key && (await mode.verify(env.payloadType, payload, sig, key.publicKey))) {
      cache?.add(id, env, payloadSha256);
      return id;
    }
  }
  return undefined;
}

async function checkEnvelope(
  file: RecordFile,
  i: number,
  keys: readonly TrustedKey[],
  cache: SignatureCache | undefined,
  mode: Mode,
  now: Date,
): Promise<{ check: Check; report: EnvelopeReport; decoded?: Decoded }> {
  const env = file.attestations[i]!;
  const index = i + 1;
  const name = `signature ${index}`;
  /** `about`: the envelope is named with what it claims to be (when no key vouches for it). */
  const fail = (problem: string, extra: Partial<EnvelopeReport> = {}, about = '') => {
    const check: SignatureCheck = {
      id: 'signature',
      name,
      index,
      ok: false,
      problem,
      detail: `envelope ${index}${about}: ${problem}`,
    };
    return { check, report: { index, ok: false, ...extra } };
  };
  const { payload, payloadSha256, statement, error } = decodeEnvelope(env, mode.decode);
  if (!payload || payloadSha256 === undefined) return fail(error ?? 'unreadable payload');
  if (!statement) return fail(error ?? 'unreadable payload', { payloadSha256 });
  const p = statement.predicate;
  const claimed = { role: p.role, decision: p.decision, payloadSha256 };
  if (env.signatures.length !== 1)
    return fail(`has ${env.signatures.length} signatures; prepub expects one`, claimed);
  const [signature] = env.signatures;
  const sig = decodeBase64(signature!.sig);
  if (!sig || sig.length !== 64)
    return fail('the signature is not a 64-byte Ed25519 signature', claimed);
  const keyid = await findSigner(env, payload, payloadSha256, sig, keys, cache, mode);
  if (!keyid)
    return fail(
      'not signed by any key in the keyring — untrusted key, or altered',
      claimed,
      ` (${p.role} ${p.decision})`,
    );
  const entries = keys.filter((k) => k.keyid === keyid);
  const asRole = entries.find((k) => k.role === p.role);
  const who = entries[0]!;
  if (!asRole) {
    return fail(
      `signed by ${who.name} (${short(keyid)}), trusted as ${entries.map((k) => k.role).join(', ')}, not as ${p.role}`,
      {
        ...claimed,
        signer: { name: who.name, keyid, role: who.role },
      },
    );
  }
  const signer = { name: asRole.name, keyid, role: asRole.role };
  if (asRole.revoked) {
    return fail(
      `signed by ${asRole.name} (${short(keyid)}), whose key was revoked ${asRole.revoked.at}${asRole.revoked.reason ? ` (${asRole.revoked.reason})` : ''}`,
      { ...claimed, signer },
    );
  }
  if (asRole.expires && Date.parse(asRole.expires) <= now.getTime()) {
    return fail(`signed by ${asRole.name} (${short(keyid)}), whose key expired ${asRole.expires}`, {
      ...claimed,
      signer,
    });
  }
  if (signature!.keyid !== keyid || p.signer.keyid !== keyid) {
    return fail(`the key id it names does not match the key that signed it (${short(keyid)})`, {
      ...claimed,
      signer,
    });
  }
  return {
    check: {
      id: 'signature',
      name,
      index,
      ok: true,
      detail: `${p.role} ${p.decision} by ${asRole.name} (${short(keyid)})`,
    },
    report: { index, ok: true, ...claimed, signer },
    decoded: { index, payload, sha256: payloadSha256, statement },
  };
}

function articleDigest(statement: Statement): string | undefined {
  return statement.subject.find((s) => !/^envelope\/\d+$/.test(s.name))?.digest.sha256;
}

/** The chain: the first envelope files, every later one names the payload digest of the one before. */
function checkChain(decoded: readonly Decoded[]): Check {
  const name = 'chain';
  const id = name;
  let filedArticle: string | undefined;
  for (const d of decoded) {
    const ref = referencedEnvelope(d.statement);
    const prev = decoded[d.index - 2];
    const p = d.statement.predicate;
    if (d.index === 1) {
      if (!isFiled(p))
        return {
          id,
          name,
          ok: false,
          detail: `envelope 1 is ${p.decision} by ${p.role}; the first must be the reporter's filing`,
        };
      if (ref)
        return {
          id,
          name,
          ok: false,
          detail: 'envelope 1 names an earlier envelope that is not there (dropped?)',
        };
    } else if (!ref || !prev || ref.index !== d.index - 1 || ref.sha256 !== prev.sha256) {
      return {
        id,
        name,
        ok: false,
        detail: `envelope ${d.index} does not follow envelope ${d.index - 1} (reordered, dropped or replayed)`,
      };
    }
    const digest = articleDigest(d.statement);
    if (isFiled(p)) {
      filedArticle = p.record.article?.sha256;
      if (!filedArticle || digest !== filedArticle)
        return {
          id,
          name,
          ok: false,
          detail: `envelope ${d.index}: its subject is not the article its record names`,
        };
    } else if (digest !== filedArticle) {
      return {
        id,
        name,
        ok: false,
        detail: `envelope ${d.index} signs a different article from the filing it reviews`,
      };
    }
  }
  return {
    id,
    name,
    ok: true,
    detail: `${decoded.length} envelope${decoded.length === 1 ? '' : 's'}, each following the one before`,
  };
}

/** The working record is what was filed: equal but for review events added to the history since. */
function checkRecord(
  record: RecordBody,
  filed: FiledPredicate,
  reviewsSince: number,
  equal: Mode['equal'],
  predicates: readonly SignoffPredicate[],
): Check {
  const name = 'record';
  const id = name;
  const snap = filed.record;
  const differ = (Object.keys({ ...snap, ...record }) as (keyof RecordBody)[]).filter(
    (k) => k !== 'history' && !equal(snap[k], record[k]),
  );
  if (differ.length > 0)
    return {
      id,
      name,
      ok: false,
      detail: `the working record differs from what was filed: ${differ.join(', ')}`,
    };
  if (!Array.isArray(snap.history))
    return { id, name, ok: false, detail: 'the history differs from what was filed' };
  const n = snap.history.length;
  const prefix = equal(record.history.slice(0, n), snap.history);
  const added = record.history.slice(n);
  if (
    !prefix ||
    added.length > reviewsSince ||
    added.some((h) => h.event !== 'approved' && h.event !== 'returned')
  ) {
    return { id, name, ok: false, detail: 'the history differs from what was filed' };
  }
  // Who filed, approved and returned, when and with what comment: the envelopes' word, exactly.
  const problem = historyProblem(record.history, predicates);
  if (problem) return { id, name, ok: false, detail: problem };
  return { id, name, ok: true, detail: 'the working record is what was filed' };
}

/** Verify a record. `ok` only when every check passes, the policy included. */
export async function verifyRecord(input: VerifyInput): Promise<VerifyResult> {
  return (await verifyWith(input, FULL)).result;
}

/**
 * The same checks for `prepub status`, cheaper where that changes nothing: the filed snapshot is
 * compared with the already-validated working record instead of being validated again (equal to a
 * valid record, it is valid), with a comparison that builds no strings, and signatures may be
 * checked on the calling thread (`sync`, for worker threads). Its answer is returned only when it
 * must be the full check's: every signature, the chain and the record hold, and every earlier
 * filing's snapshot is a valid record. Otherwise `undefined`: run `verifyRecord` for the details.
 * `input.file` must have been validated as a RecordFile.
 */
export async function verifyRecordLean(
  input: VerifyInput,
  options: { readonly sync?: boolean } = {},
): Promise<VerifyResult | undefined> {
  return (await verifyRecordLeanDecoded(input, options))?.result;
}

/**
 * `verifyRecordLean`, with the predicate of every envelope whose signature checked out (by
 * 0-based index), decoded once here so that `prepub status` need not decode them again.
 */
export async function verifyRecordLeanDecoded(
  input: VerifyInput,
  options: { readonly sync?: boolean } = {},
): Promise<
  | { readonly result: VerifyResult; readonly predicates: ReadonlyMap<number, SignoffPredicate> }
  | undefined
> {
  const mode: Mode = {
    decode: decodeLean,
    equal: jsonEqual,
    verify: options.sync ? verifySignature : verifySignatureAsync,
  };
  try {
    const { result, decoded, lastFiled } = await verifyWith(input, mode);
    const holds = (id: CheckId) => result.checks.some((c) => c.id === id && c.ok);
    if (!holds('chain') || !holds('record')) return undefined;
    if (result.checks.some((c) => c.id === 'signature' && !c.ok)) return undefined;
    for (const d of decoded) {
      const p = d.statement.predicate;
      if (d !== lastFiled && isFiled(p) && !RecordBodySchema.safeParse(p.record).success)
        return undefined;
    }
    const predicates = new Map(decoded.map((d) => [d.index - 1, d.statement.predicate]));
    return { result, predicates };
  } catch {
    return undefined;
  }
}

async function verifyWith(
  input: VerifyInput,
  mode: Mode,
): Promise<{ result: VerifyResult; decoded: Decoded[]; lastFiled: Decoded | undefined }> {
  const { file, keys, policy } = input;
  const checks: Check[] = [];
  const count = file.attestations.length;
  checks.push(
    count > 0
      ? {
          id: 'signed',
          count,
          name: 'signed',
          ok: true,
          detail: `${count} sign-off${count === 1 ? '' : 's'}`,
        }
      : {
          id: 'signed',
          count,
          name: 'signed',
          ok: false,
          detail: 'no signatures: the record has not been filed',
        },
  );
  const results = await Promise.all(
    file.attestations.map((_, i) =>
      checkEnvelope(file, i, keys, input.cache, mode, input.now ?? new Date()),
    ),
  );
  checks.push(...results.map((r) => r.check));
  const envelopes = results.map((r) => r.report);
  const decoded = results.map((r) => r.decoded).filter((d): d is Decoded => d !== undefined);
  const allSigned = count > 0 && decoded.length === count;

  let verifiedStatus: RecordStatus = 'draft';
  let lastFiled: Decoded | undefined;
  if (allSigned) {
    const chain = checkChain(decoded);
    checks.push(chain);
    lastFiled = [...decoded].reverse().find((d) => isFiled(d.statement.predicate));
    if (chain.ok && lastFiled) {
      const filed = lastFiled.statement.predicate as FiledPredicate;
      const record = checkRecord(
        file.record,
        filed,
        count - lastFiled.index,
        mode.equal,
        decoded.map((d) => d.statement.predicate),
      );
      checks.push(record);
      if (record.ok) {
        // Who signed is the keyring's word (the verified key's entry), never the payload's claim.
        const steps: ChainStep[] = decoded.map(({ index, statement: { predicate: p } }) => {
          const signer = envelopes[index - 1]?.signer;
          return {
            role: p.role,
            decision: p.decision,
            ...(signer ? { signer: signer.name, keyid: signer.keyid } : {}),
            ...(isFiled(p) ? {} : { comment: p.comment }),
          };
        });
        const outcome = evaluatePolicy(steps, requiredApprovals(policy, filed.record), policy);
        const ignored = outcome.ignored
          .map((i) => `; the ${i.step.role}'s approval does not count: ${i.why}`)
          .join('');
        verifiedStatus = outcome.status;
        const policyCheck: Check =
          outcome.status === 'approved'
            ? {
                id: 'policy',
                outcome: outcome.status,
                name: 'policy',
                ok: true,
                detail: 'approved as the policy requires',
              }
            : outcome.status === 'returned'
              ? {
                  id: 'policy',
                  outcome: outcome.status,
                  name: 'policy',
                  ok: false,
                  detail: `returned by the ${outcome.returnedBy?.role ?? 'desk'}${outcome.returnedBy?.comment ? `: ${outcome.returnedBy.comment}` : ''}`,
                }
              : {
                  id: 'policy',
                  outcome: outcome.status,
                  name: 'policy',
                  ok: false,
                  detail: `filed, waiting for ${outcome.missing.join(' and ')} approval${ignored}`,
                };
        checks.push(policyCheck);
      } else {
        checks.push({
          id: 'policy',
          outcome: 'not-met',
          name: 'policy',
          ok: false,
          detail: 'not met: the record changed after it was filed',
        });
      }
    } else {
      checks.push({
        id: 'record',
        name: 'record',
        ok: false,
        detail: 'cannot check against the filing: the chain is broken',
      });
      checks.push({
        id: 'policy',
        outcome: 'not-met',
        name: 'policy',
        ok: false,
        detail: 'not met',
      });
    }
  } else {
    checks.push({
      id: 'chain',
      name: 'chain',
      ok: false,
      detail: count === 0 ? 'nothing signed' : 'cannot check: a signature failed',
    });
    checks.push({
      id: 'policy',
      outcome: 'not-met',
      name: 'policy',
      ok: false,
      detail: count === 0 ? 'not met: the record is a draft' : 'not met',
    });
  }

  const statusData = { id: 'status', claimed: file.status, verified: verifiedStatus } as const;
  checks.push(
    verifiedStatus === file.status
      ? {
          ...statusData,
          name: 'status',
          ok: true,
          detail: `the record says ${file.status}, as its signatures do`,
        }
      : {
          ...statusData,
          name: 'status',
          ok: false,
          detail: `the record says ${file.status}, its signatures say ${verifiedStatus}`,
        },
  );

  if (input.articleSkipped) {
    checks.push({
      id: 'article',
      outcome: 'skipped',
      name: 'article',
      ok: true,
      detail: 'text not checked (--no-article): this says nothing about the text being published',
    });
  } else if (input.articleMissing !== undefined) {
    checks.push({
      id: 'article',
      outcome: 'missing',
      name: 'article',
      ok: false,
      detail: `the article the record names is not at ${input.articleMissing}: pass --article FILE (or --no-article to skip the text check)`,
    });
  } else if (input.article) {
    const actual = sha256Hex(input.article);
    const signed = lastFiled ? articleDigest(lastFiled.statement) : file.record.article?.sha256;
    if (!lastFiled) {
      const same = file.record.article?.sha256 === actual;
      checks.push({
        id: 'article',
        outcome: same ? 'match' : 'mismatch',
        sha256: actual,
        name: 'article',
        ok: same,
        detail: same
          ? 'the text matches the record (nothing signed yet)'
          : `the text is not the one the record was made for (sha256 ${actual.slice(0, 12)})`,
      });
    } else if (
      signed === actual &&
      file.record.article !== null &&
      file.record.article.bytes !== input.article.length
    ) {
      // The size is shown on the sheet beside the path: signed, so it must be the text's.
      checks.push({
        id: 'article',
        outcome: 'mismatch',
        sha256: actual,
        name: 'article',
        ok: false,
        detail: `the record gives the article's size as ${file.record.article.bytes} bytes; the text has ${input.article.length}`,
      });
    } else
      checks.push(
        signed === actual && file.record.article?.sha256 === actual
          ? {
              id: 'article',
              outcome: 'match',
              sha256: actual,
              name: 'article',
              ok: true,
              detail: `the text is byte for byte what was signed (sha256 ${actual.slice(0, 12)})`,
            }
          : {
              id: 'article',
              outcome: 'mismatch',
              sha256: actual,
              name: 'article',
              ok: false,
              detail: `the text is not what was signed (sha256 ${actual.slice(0, 12)}, signed ${(signed ?? 'nothing').slice(0, 12)})`,
            },
      );
  }

  return {
    result: {
      ok: checks.every((c) => c.ok),
      status: file.status,
      verifiedStatus,
      checks,
      envelopes,
    },
    decoded,
    lastFiled,
  };
}

/** The verified sign-offs as policy steps: who signed is the keyring's word, not the payload's. */
export function chainSteps(envelopes: readonly EnvelopeReport[]): ChainStep[] {
  return envelopes.flatMap((e) =>
    e.ok && e.signer && e.decision && e.role
      ? [
          {
            role: e.signer.role,
            decision: e.decision as ChainStep['decision'],
            signer: e.signer.name,
            keyid: e.signer.keyid,
          },
        ]
      : [],
  );
}

/** The checks that say the signatures hold, whatever the policy (used by `status` and `review`). */
export function signaturesHold(result: VerifyResult): boolean {
  return result.checks.every((c) => c.id === 'policy' || c.id === 'article' || c.ok);
}
