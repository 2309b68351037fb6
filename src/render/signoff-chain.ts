// The sign-off chain as rows for the sheet: each DSSE envelope decoded the way `verify` decodes
// it (core/signing's decodeEnvelope: strict base64 → in-toto Statement → predicate), with the
// outcome of a signature check that the caller supplies. A damaged envelope becomes a row that
// says what is wrong with it.
import type { Envelope } from '../core/record/schema.js';
import { decodeEnvelope, isFiled } from '../core/signing/statement.js';

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

/** Decode every envelope and check each with `verify` (or mark them all unchecked). */
export async function signoffChain(
  envelopes: readonly Envelope[],
  verify?: VerifyEnvelope,
): Promise<SignoffRow[]> {
  const rows: SignoffRow[] = [];
  const seen = new Map<string, number>();
  for (const [i, envelope] of envelopes.entries()) {
    const { statement, payloadSha256, error } = decodeEnvelope(envelope);
    const signature = verify ? await verify(envelope, i, envelopes) : NO_KEYRING;
    const keyids = envelope.signatures.map((s) => s.keyid);
    if (!statement || payloadSha256 === undefined) {
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
        problem: error ?? 'unreadable payload',
        signature,
      });
      continue;
    }
    const p = statement.predicate;
    const reviews = statement.subject
      .map((s) => seen.get(s.digest.sha256))
      .find((n) => n !== undefined);
    const comment = isFiled(p) ? '' : p.comment;
    rows.push({
      index: i + 1,
      role: p.role || null,
      signer: p.signer.name || null,
      decision: p.decision,
      time: p.time,
      comment: comment.length > 0 ? comment : null,
      keyids,
      payloadSha256,
      reviews: reviews ?? null,
      problem: null,
      signature,
    });
    if (!seen.has(payloadSha256)) seen.set(payloadSha256, i + 1);
  }
  return rows;
}
