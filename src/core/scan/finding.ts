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
  /** Present when the finding was suppressed: never silent, always with a reason. */
  suppressed: z
    .strictObject({ reason: z.string().min(1), by: z.enum(['comment', 'flag']) })
    .optional(),
});
export type Finding = z.infer<typeof Finding>;
