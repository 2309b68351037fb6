// A scan finding: what a rule found, where, and the questions it raises (DESIGN.md, "Scan rules").
// Owned by the scanner; records keep them as the scanner made them.
import { z } from 'zod';
import { SectionId } from '../checklist/schema.js';

import { SEVERITIES } from './severity.js';

export { SEVERITIES };
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

export const Finding = z.strictObject({
  rule: z.string(),
  section: SectionId,
  severity: Severity,
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  endLine: z.number().int().min(1),
  endColumn: z.number().int().min(1),
  excerpt: z.string(),
  message: z.string(),
  questions: z.array(z.string()),
  // Scanner 2 only (issue #14): absent for rules files without `scanner: 2`, so the findings of
  // released packs (uk-ew 1.0.0) compare field for field with what they were.
  /** The rule's title for people ("Court proceedings"). */
  title: z.string().optional(),
  /** Why the finding has its severity: the corroborating spans (or the story reading). */
  because: z
    .array(
      z.strictObject({
        line: z.number().int().min(1),
        column: z.number().int().min(1),
        excerpt: z.string(),
        why: z.string(),
      }),
    )
    .optional(),
  /**
   * The same rule on the same words elsewhere: listed once, with the other places. A rule that
   * names a problem of the whole story (`group: story`, uk-ew 2.1.0) groups different words: each
   * of its places also gives its end and its words.
   */
  repeats: z
    .array(
      z.strictObject({
        line: z.number().int().min(1),
        column: z.number().int().min(1),
        endLine: z.number().int().min(1).optional(),
        endColumn: z.number().int().min(1).optional(),
        excerpt: z.string().optional(),
        /**
         * A place the finding points at (`context.points-at`, uk-ew 2.1.0), not a repeat of its
         * words: what is there ("the complainant"). Not counted as a finding.
         */
        why: z.string().optional(),
      }),
    )
    .optional(),
  /** Present when the finding was suppressed: never silent, always with a reason. */
  suppressed: z
    .strictObject({ reason: z.string().min(1), by: z.enum(['comment', 'flag']) })
    .optional(),
});
export type Finding = z.infer<typeof Finding>;
