// The sign-off chain as rows for the sheet: each DSSE envelope decoded (base64 payload → in-toto
// Statement → predicate), with the outcome of a signature check that the caller supplies.
// Decoding never throws: a damaged envelope becomes a row that says what is wrong with it.
import { createHash } from 'node:crypto';
import { decodeJsonBytes } from '../core/parse/json-strict.js';
import type { Envelope } from '../core/record/schema.js';

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const IN_TOTO_STATEMENT_V1 = 'https://in-toto.io/Statement/v1';

/** What a signature check concluded; `detail` is the reason in a few words ("no keyring",
 * "signed by Jane Reporter's key", "signature does not match"). */
export type SignatureCheck =
  | { readonly status: 'verified'; readonly detail: string }
  | { readonly status: 'failed'; readonly detail: string }
  | { readonly status: 'not-checked'; readonly detail: string };

/** Checks one envelope (the chain is given for context: a review signs its predecessor). */
export type VerifyEnvelope = (
  envelope: Envelope,
  index: number,
  chain: readonly Envelope[],
) => SignatureCheck | Promise<SignatureCheck>;

export const NO_KEYRING: SignatureCheck = {
  status: 'not-checked',
  detail: 'no keyring',
};

export interface SignoffRow {
  /** 1-based position in the record's attestations. */
  readonly index: number;
  readonly role: string | null;
  readonly signer: string | null;
  readonly decision: string | null;
  readonly time: string | null;
  readonly comment: string | null;
  readonly keyids: readonly string[];
  /** SHA-256 of the payload bytes: what a later review names as its subject. */
  readonly payloadSha256: string | null;
  /** The index of the earlier envelope this one reviews (its payload digest is a subject). */
  readonly reviews: number | null;
  /** Why the envelope could not be read, or null when it decoded cleanly. */
  readonly problem: string | null;
  readonly signature: SignatureCheck;
}

interface Decoded {
  readonly predicate: Record<string, unknown>;
  readonly subjectDigests: readonly string[];
  readonly payloadSha256: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A person or role field: a string, or an object naming someone (`{ name, email?, keyid? }`). */
function asText(value: unknown): string | null {
  if (typeof value === 'string') return value.length > 0 ? value : null;
  if (isObject(value)) {
    const name = typeof value.name === 'string' ? value.name : null;
    const email = typeof value.email === 'string' ? value.email : null;
    if (name && email) return `${name} <${email}>`;
    return name ?? email;
  }
  return null;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$|^[A-Za-z0-9_-]*$/;

/** Decode an envelope's statement; a string says what is wrong with it. */
export function decodeEnvelope(envelope: Envelope): Decoded | string {
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    return `unexpected payload type "${envelope.payloadType}"`;
  }
  if (!BASE64.test(envelope.payload)) return 'payload is not base64';
  const bytes = Buffer.from(envelope.payload, 'base64');
  const payloadSha256 = createHash('sha256').update(bytes).digest('hex');
  const { value: statement, error } = decodeJsonBytes(bytes);
  if (error !== undefined) return error;
  if (!isObject(statement)) return 'payload is not an in-toto statement';
  if (statement._type !== IN_TOTO_STATEMENT_V1) return 'payload is not an in-toto Statement v1';
  if (!isObject(statement.predicate)) return 'statement has no predicate';
  const subjects = Array.isArray(statement.subject) ? statement.subject : [];
  const subjectDigests = subjects.flatMap((s) =>
    isObject(s) && isObject(s.digest) && typeof s.digest.sha256 === 'string'
      ? [s.digest.sha256]
      : [],
  );
  return { predicate: statement.predicate, subjectDigests, payloadSha256 };
}

/** Decode every envelope and check each with `verify` (or mark them all unchecked). */
export async function signoffChain(
  envelopes: readonly Envelope[],
  verify?: VerifyEnvelope,
): Promise<SignoffRow[]> {
  const rows: SignoffRow[] = [];
  const seen = new Map<string, number>();
  for (const [i, envelope] of envelopes.entries()) {
    const decoded = decodeEnvelope(envelope);
    const signature = verify ? await verify(envelope, i, envelopes) : NO_KEYRING;
    const keyids = envelope.signatures.map((s) => s.keyid);
    if (typeof decoded === 'string') {
      rows.push({
        index: i + 1,
        role: null,
        signer: null,
        decision: null,
        time: null,
        comment: null,
        keyids,
        payloadSha256: null,
        reviews: null,
        problem: decoded,
        signature,
      });
      continue;
    }
    const p = decoded.predicate;
    const reviews = decoded.subjectDigests.map((d) => seen.get(d)).find((n) => n !== undefined);
    rows.push({
      index: i + 1,
      role: asText(p.role),
      signer: asText(p.signer),
      decision: asText(p.decision),
      time: typeof p.time === 'string' ? p.time : null,
      comment: typeof p.comment === 'string' && p.comment.length > 0 ? p.comment : null,
      keyids,
      payloadSha256: decoded.payloadSha256,
      reviews: reviews ?? null,
      problem: null,
      signature,
    });
    if (!seen.has(decoded.payloadSha256)) seen.set(decoded.payloadSha256, i + 1);
  }
  return rows;
}
