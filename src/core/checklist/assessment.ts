// What the engine concludes from a pack, the answers and the findings: risks per section and
// overall, the actions to take, the lawyer referrals, and the items the desk must look at.
import { z } from 'zod';
import { Risk, SectionId } from './schema.js';

export const Action = z.strictObject({
  question: z.string(),
  section: SectionId,
  text: z.string(),
});
export const Referral = z.strictObject({
  question: z.string(),
  section: SectionId,
  ask: z.string(),
  answer: z.string(),
  risk: Risk,
  /** The reporter's note on the answer (2.0 packs). */
  note: z.string().optional(),
});

/** An answer that the desk must look at: risk medium or above, a lawyer referral, or a "no" to a
 * question that a scan finding raised. Self-contained, so a reviewer needs no pack to read it. */
export const FlaggedItem = z.strictObject({
  question: z.string(),
  section: SectionId,
  ask: z.string(),
  /** The answer's value: a string, or (checkbox) the options ticked, "unsure:<option>" for those not sure. */
  value: z.union([z.string(), z.array(z.string())]),
  answer: z.string(),
  risk: Risk,
  lawyer: z.boolean(),
  note: z.string().optional(),
  /** Rule ids of the findings that raised the question. */
  raisedBy: z.array(z.string()),
  reasons: z.array(z.enum(['risk', 'lawyer', 'finding'])).min(1),
});
export type FlaggedItem = z.infer<typeof FlaggedItem>;

export const Assessment = z.strictObject({
  overall: Risk,
  /** The risk of each section the pack has (a pack need not have all six). */
  sections: z.partialRecord(SectionId, Risk),
  actions: z.array(Action),
  referrals: z.array(Referral),
  flagged: z.array(FlaggedItem),
  /** Questions still to answer; 0 when the walk is complete. */
  pending: z.number().int().min(0),
});
export type Assessment = z.infer<typeof Assessment>;
