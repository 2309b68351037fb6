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
  includes?: string | string[] | undefined;
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
      includes: z
        .union([Value, z.array(Value).min(1)], {
          error: 'must be an option of a checkbox question or a list of them',
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
      if (c.answer !== undefined && c.is === undefined && c.includes === undefined) {
        ctx.addIssue({
          code: 'custom',
          message:
            '"answer" needs "is" (the value(s) it must equal) or, for a checkbox question, "includes"',
          path: ['answer'],
        });
      }
      if (c.is !== undefined && c.includes !== undefined) {
        ctx.addIssue({
          code: 'custom',
          message: 'use "is" or "includes", not both',
          path: ['includes'],
        });
      }
      if (c.is !== undefined && c.answer === undefined) {
        ctx.addIssue({ code: 'custom', message: '"is" goes with "answer"', path: ['is'] });
      }
      if (c.includes !== undefined && c.answer === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: '"includes" goes with "answer"',
          path: ['includes'],
        });
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
  /** Checkbox options only: the scan rules whose findings pre-tick this option. */
  rules: z.array(RuleId).optional(),
});
export type Outcome = z.infer<typeof Outcome>;

/** A checkbox question's outcome for an option marked "not sure". */
export const UnsureOutcome = z.strictObject({
  risk: Risk.default('medium'),
  note: z
    .union([z.boolean(), Text], { error: 'must be true, false, or the prompt for the note' })
    .default(true),
  lawyer: z.boolean().default(false),
  action: Text.optional(),
});
export type UnsureOutcome = z.infer<typeof UnsureOutcome>;
export const DEFAULT_UNSURE: UnsureOutcome = { risk: 'medium', note: true, lawyer: false };

export const QUESTION_TYPES = ['yes-no', 'choice', 'text', 'checkbox', 'repeat'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** The exclusive "none of these" option every checkbox question offers. */
export const NONE = 'none';
/** How an option marked "not sure" is written in a checkbox answer: `unsure:<value>`. */
export const UNSURE_PREFIX = 'unsure:';
/** A repeat group's items: default and ceiling. */
export const REPEAT_MAX_DEFAULT = 8;
export const REPEAT_MAX_LIMIT = 20;

const questionFields = {
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
  /** Checkbox: the outcome of an option marked "not sure". */
  unsure: UnsureOutcome.optional(),
  /** The note prompt after "no" or "not applicable" to a question a finding raised. */
  dismiss: Text.optional(),
  /** Repeat groups: what one item is called ("proceeding"), and how many at most. */
  item: Text.optional(),
  max: z
    .number()
    .int()
    .min(1, 'a group has at least one item')
    .max(REPEAT_MAX_LIMIT, `a group has at most ${REPEAT_MAX_LIMIT} items`)
    .optional(),
};

type QuestionShape = {
  type: QuestionType;
  answers?: Record<string, Outcome> | undefined;
  outcome?: Outcome | undefined;
  rules?: string[] | undefined;
  unsure?: UnsureOutcome | undefined;
  dismiss?: string | undefined;
  item?: string | undefined;
  max?: number | undefined;
  questions?: unknown[] | undefined;
};

function refineQuestion(inGroup: boolean) {
  return (q: QuestionShape, ctx: z.core.$RefinementCtx<QuestionShape>) => {
    const issue = (message: string, path: (string | number)[]) =>
      ctx.addIssue({ code: 'custom', message, path });
    if (q.type === 'repeat') {
      if (inGroup) {
        issue('a repeat group cannot hold another repeat group: groups do not nest', ['type']);
        return;
      }
      for (const key of ['answers', 'outcome', 'unsure', 'dismiss', 'rules'] as const)
        if (q[key] !== undefined)
          issue(`a repeat group has no "${key}": its questions have them`, [key]);
      if (q.item === undefined)
        issue('a repeat group needs "item": what one item is called, like "proceeding"', ['type']);
      if (q.questions === undefined)
        issue('a repeat group needs "questions": the questions asked for each item', ['type']);
      return;
    }
    for (const key of ['item', 'max', 'questions'] as const)
      if (q[key] !== undefined) issue(`"${key}" is only for repeat groups ("type: repeat")`, [key]);
    if (q.type !== 'checkbox' && q.unsure !== undefined)
      issue('"unsure" is only for checkbox questions', ['unsure']);
    if (q.type === 'text') {
      if (q.answers !== undefined)
        issue('a text question has no "answers" (use "outcome")', ['answers']);
      if (q.dismiss !== undefined)
        issue('"dismiss" is for yes-no, choice and checkbox questions', ['dismiss']);
      return;
    }
    if (q.outcome !== undefined) issue('"outcome" is only for text questions', ['outcome']);
    if (q.answers === undefined) {
      issue(`a ${q.type} question needs "answers"`, ['type']);
      return;
    }
    const values = Object.keys(q.answers);
    if (q.type !== 'checkbox')
      for (const [v, o] of Object.entries(q.answers))
        if (o.rules !== undefined)
          issue('"rules" on an answer is only for checkbox options', ['answers', v, 'rules']);
    if (q.type === 'yes-no') {
      for (const v of values) {
        if (!(YES_NO_VALUES as readonly string[]).includes(v))
          issue(`"${v}" is not a yes-no answer (use yes, no, unsure, not-applicable)`, [
            'answers',
            v,
          ]);
      }
      for (const needed of ['yes', 'no']) {
        if (!values.includes(needed))
          issue(`a yes-no question needs a "${needed}" answer`, ['answers']);
      }
    } else if (q.type === 'checkbox') {
      if (!values.includes(NONE))
        issue(
          `a checkbox question needs a "${NONE}" option (label it "None of these"): the way to say none applies`,
          ['answers'],
        );
      if (values.filter((v) => v !== NONE).length < 1)
        issue('a checkbox question needs at least one option besides "none"', ['answers']);
      for (const [v, o] of Object.entries(q.answers)) {
        if (o.label === undefined && v !== NONE)
          issue(`option "${v}" needs a "label"`, ['answers', v]);
        if (v === 'unsure')
          issue('"unsure" cannot be an option: use the question\'s "unsure" outcome', [
            'answers',
            v,
          ]);
        if (v === NONE && o.rules !== undefined)
          issue('the "none" option cannot be pre-ticked by rules', ['answers', v, 'rules']);
      }
    } else {
      if (values.length < 2) issue('a choice question needs at least two answers', ['answers']);
      for (const [v, o] of Object.entries(q.answers)) {
        if (o.label === undefined) issue(`choice "${v}" needs a "label"`, ['answers', v]);
      }
    }
  };
}

/** A question inside a repeat group: an ordinary question (groups do not nest). */
export const GroupQuestion = z
  .strictObject({
    ...questionFields,
    questions: z
      .array(z.unknown(), {
        error: 'a question inside a repeat group cannot hold questions: groups do not nest',
      })
      .optional(),
  })
  .superRefine((q, ctx) => {
    if (q.questions !== undefined && q.type !== 'repeat')
      ctx.addIssue({
        code: 'custom',
        message: 'a question inside a repeat group cannot hold questions: groups do not nest',
        path: ['questions'],
      });
    refineQuestion(true)(q, ctx);
  })
  .transform(({ questions: _nested, ...q }) => q);
export type GroupQuestion = z.infer<typeof GroupQuestion>;

export const Question = z
  .strictObject({
    ...questionFields,
    questions: z
      .array(GroupQuestion)
      .min(1, 'a repeat group asks at least one question')
      .optional(),
  })
  .superRefine(refineQuestion(false));
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
  /**
   * 2 when the pack uses the 2.0 walk (checkbox, includes, repeat or dismiss): findings no longer
   * force a question whose own `when` is false, and identical actions are listed once. Packs
   * without those features (uk-ew 1.0.0) keep the 1.0 rules, so their records assess as before.
   */
  readonly format?: 1 | 2 | undefined;
}

/** An answer's value: a string, or (checkbox) the list of options ticked. */
export type AnswerValue = string | readonly string[];

/** The answer values a question offers, in order, with their labels. */
export function choicesOf(
  q: Question | GroupQuestion,
): { value: string; label: string; outcome: Outcome }[] {
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
