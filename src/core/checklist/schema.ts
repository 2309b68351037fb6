// The checklist pack format (docs/pack-format.md) as zod schemas: the one source of truth.
import { z } from 'zod';
import { RISK_LEVELS, SECTION_IDS } from './ids.js';
import { own } from './own.js';

export { RISK_LEVELS, SECTION_IDS } from './ids.js';

export const SectionId = z.enum(SECTION_IDS);
export type SectionId = z.infer<typeof SectionId>;

export const Risk = z.enum(RISK_LEVELS);
export type Risk = z.infer<typeof Risk>;

export const YES_NO_VALUES = ['yes', 'no', 'unsure', 'not-applicable'] as const;
export const YES_NO_LABELS: Record<(typeof YES_NO_VALUES)[number], string> = {
  yes: 'Yes',
  no: 'No',
  unsure: 'Not sure',
  'not-applicable': 'Not applicable',
};

const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const PackId = z
  .string()
  .regex(kebab, 'must be lowercase words joined by hyphens, like "uk-ew"');
export const QuestionId = z
  .string()
  .regex(
    /^[a-z]+\.[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'must be "<section>.<kebab-case-name>", like "safety.people-at-risk"',
  );
export const RuleId = z
  .string()
  .regex(
    /^[a-z0-9-]+\.[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'must be "<pack>.<kebab-case-name>", like "uk-ew.postcode"',
  );
const Value = z
  .string()
  .regex(kebab, 'must be lowercase words joined by hyphens, like "not-applicable"');
const Text = z.string().trim().min(1, 'must not be empty');

export interface Condition {
  answer?: string | undefined;
  is?: string | string[] | undefined;
  finding?: string | undefined;
  'section-findings'?: SectionId | undefined;
  all?: Condition[] | undefined;
  any?: Condition[] | undefined;
  not?: Condition | undefined;
}

const CONDITION_KINDS = ['answer', 'finding', 'section-findings', 'all', 'any', 'not'] as const;

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z
    .strictObject({
      answer: QuestionId.optional(),
      is: z
        .union([Value, z.array(Value).min(1)], {
          error: 'must be an answer value or a list of them',
        })
        .optional(),
      finding: RuleId.optional(),
      'section-findings': SectionId.optional(),
      all: z.array(Condition).min(1, 'must list at least one condition').optional(),
      any: z.array(Condition).min(1, 'must list at least one condition').optional(),
      not: Condition.optional(),
    })
    .superRefine((c, ctx) => {
      const kinds = CONDITION_KINDS.filter((k) => c[k] !== undefined);
      if (kinds.length !== 1) {
        ctx.addIssue({
          code: 'custom',
          message:
            kinds.length === 0
              ? 'a condition needs one of: answer (with is), finding, section-findings, all, any, not'
              : `a condition has exactly one of answer, finding, section-findings, all, any, not (found ${kinds.join(', ')})`,
        });
      }
      if (c.answer !== undefined && c.is === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: '"answer" needs "is": the value(s) it must equal',
          path: ['answer'],
        });
      }
      if (c.is !== undefined && c.answer === undefined) {
        ctx.addIssue({ code: 'custom', message: '"is" goes with "answer"', path: ['is'] });
      }
    }),
);

export const Outcome = z.strictObject({
  risk: Risk,
  note: z
    .union([z.boolean(), Text], { error: 'must be true, false, or the prompt for the note' })
    .default(false),
  lawyer: z.boolean().default(false),
  action: Text.optional(),
  label: Text.optional(),
});
export type Outcome = z.infer<typeof Outcome>;

export const QUESTION_TYPES = ['yes-no', 'choice', 'text'] as const;

export const Question = z
  .strictObject({
    id: QuestionId,
    ask: Text,
    guidance: Text,
    citations: z.array(Text).min(1, 'cite at least one statute, case or code clause'),
    type: z.enum(QUESTION_TYPES),
    answers: z.record(Value, Outcome).optional(),
    outcome: Outcome.optional(),
    required: z.boolean().default(true),
    when: Condition.optional(),
    rules: z.array(RuleId).optional(),
    after: QuestionId.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.type === 'text') {
      if (q.answers !== undefined)
        ctx.addIssue({
          code: 'custom',
          message: 'a text question has no "answers" (use "outcome")',
          path: ['answers'],
        });
      return;
    }
    if (q.outcome !== undefined)
      ctx.addIssue({
        code: 'custom',
        message: '"outcome" is only for text questions',
        path: ['outcome'],
      });
    if (q.answers === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `a ${q.type} question needs "answers"`,
        path: ['type'],
      });
      return;
    }
    const values = Object.keys(q.answers);
    if (q.type === 'yes-no') {
      for (const v of values) {
        if (!(YES_NO_VALUES as readonly string[]).includes(v)) {
          ctx.addIssue({
            code: 'custom',
            message: `"${v}" is not a yes-no answer (use yes, no, unsure, not-applicable)`,
            path: ['answers', v],
          });
        }
      }
      for (const needed of ['yes', 'no']) {
        if (!values.includes(needed))
          ctx.addIssue({
            code: 'custom',
            message: `a yes-no question needs a "${needed}" answer`,
            path: ['answers'],
          });
      }
    } else {
      if (values.length < 2)
        ctx.addIssue({
          code: 'custom',
          message: 'a choice question needs at least two answers',
          path: ['answers'],
        });
      for (const [v, o] of Object.entries(q.answers)) {
        if (o.label === undefined)
          ctx.addIssue({
            code: 'custom',
            message: `choice "${v}" needs a "label"`,
            path: ['answers', v],
          });
      }
    }
  });
export type Question = z.infer<typeof Question>;

export const Section = z.strictObject({
  id: SectionId,
  title: Text,
  why: Text,
  questions: z.array(Question),
});
export type Section = z.infer<typeof Section>;

export const Manifest = z.strictObject({
  id: PackId,
  title: Text,
  jurisdiction: Text,
  version: z
    .string()
    .regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, 'must be a semantic version like 1.0.0'),
  description: Text.optional(),
  extends: PackId.optional(),
  sections: z.array(SectionId).min(1, 'list at least one section'),
});
export type Manifest = z.infer<typeof Manifest>;

/** A pack after loading, extension and cross-checks: what the engine works on. */
export interface Pack {
  readonly id: string;
  readonly title: string;
  readonly jurisdiction: string;
  readonly version: string;
  readonly description?: string | undefined;
  readonly extends?: string | undefined;
  readonly sections: readonly Section[];
  /** SHA-256 over the pack's files (and its base's), in a fixed order. */
  readonly sha256: string;
  /** Where it was loaded from. */
  readonly dir: string;
}

/** The answer values a question offers, in order, with their labels. */
export function choicesOf(q: Question): { value: string; label: string; outcome: Outcome }[] {
  return Object.entries(q.answers ?? {}).map(([value, outcome]) => ({
    value,
    label: outcome.label ?? own(YES_NO_LABELS, value) ?? value,
    outcome,
  }));
}

export function riskRank(r: Risk): number {
  return RISK_LEVELS.indexOf(r);
}

export function maxRisk(a: Risk, b: Risk): Risk {
  return riskRank(a) >= riskRank(b) ? a : b;
}
