// in-toto Statement v1 for prepub's sign-offs: the reporter's `filed` statement and the desk's
// `approved` / `returned` statements. Pure: data in, bytes out. https://in-toto.io/Statement/v1
import { z } from 'zod';
import { decodeJsonBytes } from '../parse/json-strict.js';
import { sha256Hex } from '../hash.js';
import { RecordBody, Sha256, Timestamp, type Envelope } from '../record/schema.js';
import { envelopePayload, IN_TOTO_PAYLOAD_TYPE } from './dsse.js';

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const SIGNOFF_PREDICATE_TYPE = 'https://prepub.dev/signoff/v1';

/** What the reporter confirms when filing; it is signed into the statement word for word. */
export const FILING_STATEMENT =
  'I have answered these questions truthfully and to the best of my knowledge, the notes and ' +
  'mitigations I recorded are accurate, and this is the text I am filing.';

export const Subject = z.strictObject({
  name: z.string().min(1),
  digest: z.strictObject({ sha256: Sha256 }),
});
export type Subject = z.infer<typeof Subject>;

export const SignerRef = z.strictObject({ name: z.string(), keyid: Sha256 });
export type SignerRef = z.infer<typeof SignerRef>;

export const FiledPredicate = z.strictObject({
  role: z.literal('reporter'),
  decision: z.literal('filed'),
  signer: SignerRef,
  time: Timestamp,
  statement: z.string(),
  /** When the record was filed before (returned, or reopened): the payload digest of the last envelope. */
  previous: z.strictObject({ envelope: z.number().int().min(1), sha256: Sha256 }).optional(),
  record: RecordBody,
});
export type FiledPredicate = z.infer<typeof FiledPredicate>;

export const ITEM_DECISIONS = ['accepted', 'queried'] as const;
export const ItemReview = z.strictObject({
  /** A flagged question id, or `finding:<rule>@<line>:<column>` for a suppressed finding. */
  item: z.string().min(1),
  decision: z.enum(ITEM_DECISIONS),
  comment: z.string(),
});
export type ItemReview = z.infer<typeof ItemReview>;

export const REVIEW_ROLES = ['editor', 'lawyer'] as const;
export const REVIEW_DECISIONS = ['approved', 'returned'] as const;

export const ReviewPredicate = z.strictObject({
  role: z.enum(REVIEW_ROLES),
  decision: z.enum(REVIEW_DECISIONS),
  signer: SignerRef,
  time: Timestamp,
  comment: z.string(),
  reviews: z.array(ItemReview),
  /** Where the item reviews came from: the prompts, a --reviews file, or (non-interactive) the
   * decision's comment applied to every item. */
  reviewsFrom: z.enum(['prompts', 'file', 'decision']),
  /** Set when the reviewer approved without reviewing the items one by one (`--accept-all`):
   * how many items were accepted that way. Absent in statements made before it existed. */
  acceptedAll: z.number().int().min(0).optional(),
});
export type ReviewPredicate = z.infer<typeof ReviewPredicate>;

export const SignoffPredicate = z.union([FiledPredicate, ReviewPredicate]);
export type SignoffPredicate = z.infer<typeof SignoffPredicate>;

export const Statement = z.strictObject({
  _type: z.literal(STATEMENT_TYPE),
  subject: z.array(Subject).min(1),
  predicateType: z.literal(SIGNOFF_PREDICATE_TYPE),
  predicate: SignoffPredicate,
});
export type Statement = z.infer<typeof Statement>;

/** The subject name under which a review names the envelope it reviews (1-based). */
export function envelopeSubjectName(index: number): string {
  return `envelope/${index}`;
}

export function filedStatement(input: {
  article: Subject;
  predicate: Omit<FiledPredicate, 'role' | 'decision'>;
}): Statement {
  return {
    _type: STATEMENT_TYPE,
    subject: [input.article],
    predicateType: SIGNOFF_PREDICATE_TYPE,
    predicate: { role: 'reporter', decision: 'filed', ...input.predicate },
  };
}

export function reviewStatement(input: {
  article: Subject;
  reviewed: { index: number; sha256: string };
  predicate: ReviewPredicate;
}): Statement {
  return {
    _type: STATEMENT_TYPE,
    subject: [
      input.article,
      {
        name: envelopeSubjectName(input.reviewed.index),
        digest: { sha256: input.reviewed.sha256 },
      },
    ],
    predicateType: SIGNOFF_PREDICATE_TYPE,
    predicate: input.predicate,
  };
}

export function isFiled(predicate: SignoffPredicate): predicate is FiledPredicate {
  return predicate.decision === 'filed';
}

/** The payload bytes: two-space JSON, LF, trailing newline. These exact bytes are signed. */
export function encodeStatement(statement: Statement): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(statement, null, 2)}\n`);
}

/** Parse payload bytes as a prepub sign-off statement; a reason when they are not one. The
 * bytes are read as strictly as a record: a duplicate key (a second copy of an answer that a
 * person reading the payload would not see) makes the payload unreadable. */
export function decodeStatement(bytes: Uint8Array): { statement?: Statement; error?: string } {
  const { value: data, error } = decodeJsonBytes(bytes);
  if (error !== undefined) return { error };
  const result = Statement.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    return {
      error: `payload is not a prepub statement (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'})`,
    };
  }
  return { statement: result.data };
}

/** An envelope read: its payload bytes, their digest, and the statement, or what is wrong. */
export interface DecodedEnvelope {
  readonly payload?: Uint8Array;
  readonly payloadSha256?: string;
  readonly statement?: Statement;
  /** Set when there is no statement: what is wrong with the envelope, in a few words. */
  readonly error?: string;
}

/**
 * The one way prepub reads an envelope (verify, the sign-off sheet, export's history): its payload
 * type, strict base64, then the payload as a statement (`decode`, strict by default). Never throws.
 */
export function decodeEnvelope(
  envelope: Envelope,
  decode: (bytes: Uint8Array) => { statement?: Statement; error?: string } = decodeStatement,
): DecodedEnvelope {
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE)
    return { error: `payload type is ${envelope.payloadType}, not ${IN_TOTO_PAYLOAD_TYPE}` };
  const payload = envelopePayload(envelope);
  if (!payload) return { error: 'payload is not valid base64' };
  const payloadSha256 = sha256Hex(payload);
  const { statement, error } = decode(payload);
  return statement
    ? { payload, payloadSha256, statement }
    : { payload, payloadSha256, error: error ?? 'unreadable payload' };
}

/** The digest a statement says it follows: a review's reviewed envelope, a re-filing's previous one. */
export function referencedEnvelope(
  statement: Statement,
): { index: number; sha256: string } | undefined {
  const p = statement.predicate;
  if (isFiled(p))
    return p.previous ? { index: p.previous.envelope, sha256: p.previous.sha256 } : undefined;
  for (const s of statement.subject) {
    const m = /^envelope\/(\d+)$/.exec(s.name);
    if (m) return { index: Number(m[1]), sha256: s.digest.sha256 };
  }
  return undefined;
}
