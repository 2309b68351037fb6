// The record (*.prepub.json): the file a lawyer would read in a dispute. DESIGN.md, "The record".
import { z } from 'zod';
import { Assessment } from '../checklist/assessment.js';
import { Finding } from '../scan/finding.js';
import { PackId } from '../checklist/schema.js';

export const RECORD_FORMAT = 'prepub/record@1';

/** A SHA-256 in lowercase hex, and an ISO 8601 time with its offset: for records and statements. */
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in lowercase hex');
export const Timestamp = z.iso.datetime({ offset: true });

/** A slug names the record file when the draft comes from standard input, so it is a plain name. */
export const SLUG = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
export const SLUG_RULE =
  'letters, digits, dots, hyphens and underscores, starting with a letter or digit';

export const Story = z.strictObject({
  slug: z.string(),
  headline: z.string(),
  desk: z.string(),
  reporter: z.string(),
});
export type Story = z.infer<typeof Story>;

/** The story's fields, in the order they are asked for. */
export const STORY_FIELDS = ['slug', 'headline', 'desk', 'reporter'] as const;
export type StoryField = (typeof STORY_FIELDS)[number];

export const ArticleRef = z.strictObject({
  path: z.string(),
  sha256: Sha256,
  bytes: z.number().int().min(0),
});
export type ArticleRef = z.infer<typeof ArticleRef>;

/** The pack by its id (never a path: a record must not choose which folder its checklist is read from). */
export const ChecklistRef = z.strictObject({ id: PackId, version: z.string(), sha256: Sha256 });
export type ChecklistRef = z.infer<typeof ChecklistRef>;

export const Answer = z.strictObject({
  /** A string; for a checkbox question, the list of options ticked ("unsure:<option>" for one the
   * reporter is not sure about). A repeat group's own answer is its number of items ("2"). */
  value: z.union([z.string(), z.array(z.string()).max(100)]),
  note: z.string().optional(),
  answeredAt: Timestamp,
});
export type Answer = z.infer<typeof Answer>;

export const HISTORY_EVENTS = [
  'created',
  'answered',
  'changed',
  'rescanned',
  'completed',
  'filed',
  'approved',
  'returned',
  'reopened',
] as const;

export const HistoryEntry = z.strictObject({
  at: Timestamp,
  event: z.enum(HISTORY_EVENTS),
  by: z.string(),
  detail: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/**
 * The reporter's reply to a desk query: the query is the item a review envelope (1-based, in
 * `attestations`) marked "queried"; its text is read from that signed envelope, never copied here.
 * Replies travel in the record, so the reporter's next filing signs them with the snapshot.
 */
export const Reply = z.strictObject({
  item: z.string().min(1),
  envelope: z.number().int().min(1),
  reply: z.string().min(1),
  by: z.string(),
  at: Timestamp,
});
export type Reply = z.infer<typeof Reply>;

export const RecordBody = z.strictObject({
  id: z.uuid(),
  story: Story,
  article: ArticleRef.nullable(),
  checklist: ChecklistRef,
  answers: z.record(z.string(), Answer),
  findings: z.array(Finding),
  assessment: Assessment,
  history: z.array(HistoryEntry),
  /** Replies to the desk's queries, round after round (optional: records before them have none). */
  replies: z.array(Reply).optional(),
});
export type RecordBody = z.infer<typeof RecordBody>;

export const Signature = z.strictObject({ keyid: z.string(), sig: z.string().min(1) });
export const Envelope = z.strictObject({
  payloadType: z.string(),
  payload: z.string(),
  signatures: z.array(Signature).min(1),
});
export type Envelope = z.infer<typeof Envelope>;

/** A record's chain is a filing and its reviews, round after round: a handful. More is refused
 * before any signature is checked, so a padded record costs nothing. */
export const MAX_ATTESTATIONS = 64;

export const RECORD_STATUSES = ['draft', 'filed', 'returned', 'approved'] as const;
export const RecordStatus = z.enum(RECORD_STATUSES);
export type RecordStatus = z.infer<typeof RecordStatus>;

export const RecordFile = z.strictObject({
  format: z.literal(RECORD_FORMAT),
  status: RecordStatus,
  record: RecordBody,
  attestations: z
    .array(Envelope)
    .max(MAX_ATTESTATIONS, `at most ${MAX_ATTESTATIONS} sign-offs: a record's chain is a handful`),
});
export type RecordFile = z.infer<typeof RecordFile>;
