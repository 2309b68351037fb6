// The scan rules format (docs/rules-format.md) as zod schemas: the one source of truth for
// checklists/<id>/rules.yaml and schemas/rules.schema.json.
import { z } from 'zod';
import { QuestionId, RuleId, SectionId } from '../checklist/schema.js';
import { Severity } from './finding.js';
import { DETECTOR_NAMES } from './detectors/registry.js';
import { READING_KINDS } from './reading.js';
import { matcherPlaces } from './rule-patterns.js';

const Text = z.string().trim().min(1, 'must not be empty');

/** A word or phrase ("sources say"); a trailing "*" matches any ending ("paedophil*"). */
const Term = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .regex(/^[^*]*\*?$/, 'only a trailing "*" is allowed')
  .refine((t) => !t.endsWith('*') || t.replace(/[^\p{L}\p{N}]/gu, '').length >= 3, {
    message: 'a "*" term needs at least three letters before the "*"',
  });

export const DetectorName = z.enum(DETECTOR_NAMES);
export type DetectorName = z.infer<typeof DetectorName>;

const MATCH_KINDS = ['terms', 'pattern', 'detector'] as const;

function exactlyOneKind(m: Record<string, unknown>, ctx: z.core.$RefinementCtx): void {
  const kinds = MATCH_KINDS.filter((k) => m[k] !== undefined);
  if (kinds.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      message:
        kinds.length === 0
          ? 'a matcher needs one of: terms, pattern, detector'
          : `a matcher has exactly one of terms, pattern, detector (found ${kinds.join(', ')})`,
    });
  }
}

const matcherFields = {
  /** Words and phrases, matched on word boundaries. */
  terms: z.array(Term).min(1, 'list at least one term').optional(),
  /** A JavaScript regular expression (without slashes). */
  pattern: z.string().min(1, 'must not be empty').optional(),
  /** A named built-in detector. */
  detector: DetectorName.optional(),
  /** Match letter case exactly (default: false, case-insensitive). */
  'case-sensitive': z.boolean().optional(),
  /** Also match common endings: allege → alleges, alleged, allegedly, alleging (default: true). */
  inflect: z.boolean().optional(),
  /** Terms only: up to this many words may stand inside a phrase ("charged with a serious offence"); a, an, the are free. */
  gap: z.number().int().min(1).max(3).optional(),
};

/** A second matcher that must occur within `within` words of the first. */
export const Near = z
  .strictObject({ ...matcherFields, within: z.number().int().min(0).max(100) })
  .superRefine(exactlyOneKind);
export type Near = z.infer<typeof Near>;

/** Drop all of the rule's findings if this matcher occurs anywhere in the draft. */
export const Unless = z.strictObject(matcherFields).superRefine(exactlyOneKind);
export type Unless = z.infer<typeof Unless>;

export const Match = z
  .strictObject({
    ...matcherFields,
    near: Near.optional(),
    unless: Unless.optional(),
    /** Keep the rule's findings only if this matcher occurs somewhere in the draft. */
    'only-if': Unless.optional(),
  })
  .superRefine(exactlyOneKind);
export type Match = z.infer<typeof Match>;

// ---- scanner 2 (issue #14): context, corroboration, the story reading. Only read when the
// rules file says `scanner: 2`; a file without it is scanned exactly as before.

export const ReadingKind = z.enum(READING_KINDS);

/** A matcher that gives the match another sense ("drug trial") or corroborates it. */
export const ContextMatcher = z
  .strictObject({
    ...matcherFields,
    /** Words either side (default 12). */
    within: z.number().int().min(0).max(100).optional(),
    /** Also look in other sentences of the window (default false; a person-name always may). */
    'cross-sentences': z.boolean().optional(),
    /** What it shows, for the reporter ("a named person"). */
    why: Text.optional(),
    /**
     * Look at the match's own words instead of near them (uk-ew 2.1.0): the matcher must share
     * words with the match ("search warrant" around "warrant"; a threat's own words). `within`
     * and `cross-sentences` are then not used.
     */
    overlap: z.boolean().optional(),
  })
  .superRefine(exactlyOneKind);
export type ContextMatcher = z.infer<typeof ContextMatcher>;

/**
 * At most severity `to` when the story reads as one of `kinds`. A rule may give a list (uk-ew
 * 2.1.0): each cap whose kinds include the reading applies.
 */
export const ReadingCap = z.strictObject({ to: Severity, kinds: z.array(ReadingKind).min(1) });

export const RuleContext = z.strictObject({
  /** A match under "not/never/no…" or "if/would/could…": drop it, lower it to low, or flip its message. */
  negation: z.enum(['drop', 'lower', 'flip']).optional(),
  /** The message of a flipped finding ("says no arrest has been made: check it is still true"). */
  'negated-message': Text.optional(),
  /** A match inside quotation marks: drop it or lower it to low. */
  quoted: z.enum(['drop', 'lower']).optional(),
  /** Drop every finding when the story reads as one of these kinds. */
  'unless-reading': z.array(ReadingKind).min(1).optional(),
  /** Drop a match with any of these near it (another sense: "drug trial", "trial match"). */
  'unless-near': z.array(ContextMatcher).min(1).optional(),
  /** The rule's severity needs one of these near the match (named in the finding's `because`). */
  corroborate: z.array(ContextMatcher).min(1).optional(),
  /** …or the story reading as one of these kinds. */
  'corroborated-by-reading': z.array(ReadingKind).min(1).optional(),
  /** Severity of an uncorroborated match (default low). */
  alone: Severity.optional(),
  /**
   * What makes two matches one finding: `words` (default) the same words at the same severity;
   * `story` any of the rule's matches at the same severity and message, because the rule names a
   * problem of the whole story ("proceedings are active"), not of each place it is mentioned.
   */
  group: z.enum(['words', 'story']).optional(),
  /**
   * At most severity `to` when the story reads as one of `kinds` (uk-ew 2.1.0): an accusation in a
   * court report is the charge, reported under privilege, a check rather than a new allegation.
   */
  'reading-cap': z.union([ReadingCap, z.array(ReadingCap).min(1)]).optional(),
  /**
   * The story reading this rule is judged by (uk-ew 2.1.0): 2 adds cues for reviews, nature,
   * business, obituaries, community and history copy (src/core/scan/reading.ts). Set for every
   * rule with a context by the file-level `reading: 2`; the scan reads the story once, with
   * reading 2 when any rule asks for it.
   */
  reading: z.literal(2).optional(),
  /**
   * Where a story-level problem lies besides the rule's own words (uk-ew 2.1.0 round 3; needs
   * `group: story`): matches of these near one of the rule's matches are listed as further places
   * of its finding, never changing its severity ("the woman", "the victim" for a complainant's
   * anonymity: the places where identifying detail creeps in).
   */
  'points-at': z.array(ContextMatcher).min(1).optional(),
  /**
   * Rules that name the same problem of the story (uk-ew 2.1.0 round 3): when one of them has a
   * high or blocker finding in the draft, this rule's findings are at most medium, another place
   * of a problem already raised ("charged with" in a court report whose proceedings are raised).
   */
  'same-problem-as': z.array(RuleId).min(1).optional(),
});
export type RuleContext = z.infer<typeof RuleContext>;

export const Rule = z.strictObject({
  id: RuleId,
  section: SectionId,
  severity: Severity,
  /** A short title for people ("Court proceedings"); shown instead of the id (scanner 2). */
  title: Text.optional(),
  message: Text,
  questions: z.array(QuestionId).min(1, 'a rule raises at least one question'),
  match: Match,
  /** Context and corroboration (scanner 2). */
  context: RuleContext.optional(),
  /** If this matcher occurs anywhere in the draft, the findings take severity `to` instead. */
  downgrade: z
    .strictObject({ ...matcherFields, to: Severity })
    .superRefine(exactlyOneKind)
    .optional(),
});
export type Rule = z.infer<typeof Rule>;

export const RulesFile = z
  .strictObject({
    /** 2: switch on context, corroboration, the story reading and grouped repeats (issue #14). */
    scanner: z.literal(2).optional(),
    /**
     * 2: read the story with reading 2 (uk-ew 2.1.0); every rule with a `context` gets
     * `context.reading: 2`. Without it, reading 1, exactly as released packs were scanned.
     */
    reading: z.literal(2).optional(),
    /** Shared word lists, to reuse with YAML anchors (&name … *name); not read otherwise. */
    lists: z.array(z.array(z.string())).optional(),
    rules: z.array(Rule),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.rules.forEach((rule, i) => {
      for (const key of ['title', 'context'] as const) {
        if (rule[key] !== undefined && file.scanner !== 2)
          ctx.addIssue({
            code: 'custom',
            message: `"${key}" needs \`scanner: 2\` at the top of the rules file`,
            path: ['rules', i, key],
          });
      }
      if (rule.context?.['negated-message'] !== undefined && rule.context.negation !== 'flip')
        ctx.addIssue({
          code: 'custom',
          message: '"negated-message" is only used with negation: flip',
          path: ['rules', i, 'context', 'negated-message'],
        });
      if (rule.context?.['points-at'] !== undefined && rule.context.group !== 'story')
        ctx.addIssue({
          code: 'custom',
          message: '"points-at" is only used with group: story',
          path: ['rules', i, 'context', 'points-at'],
        });
      if (seen.has(rule.id)) {
        ctx.addIssue({
          code: 'custom',
          message: `duplicate rule id "${rule.id}"`,
          path: ['rules', i, 'id'],
        });
      }
      seen.add(rule.id);
      for (const [path, m] of matcherPlaces(rule)) {
        if (typeof m.pattern !== 'string') continue;
        const problem = patternProblem(m.pattern, m['case-sensitive'] === true);
        if (problem)
          ctx.addIssue({
            code: 'custom',
            message: problem,
            path: ['rules', i, ...path, 'pattern'],
          });
      }
    });
    const ids = new Set(file.rules.map((r) => r.id));
    file.rules.forEach((rule, i) =>
      rule.context?.['same-problem-as']?.forEach((id, j) => {
        if (!ids.has(id) || id === rule.id)
          ctx.addIssue({
            code: 'custom',
            message: `"same-problem-as" names ${id === rule.id ? 'the rule itself' : `no rule of this file: "${id}"`}`,
            path: ['rules', i, 'context', 'same-problem-as', j],
          });
      }),
    );
    if (file.reading === 2 && file.scanner !== 2)
      ctx.addIssue({
        code: 'custom',
        message: '"reading: 2" needs `scanner: 2` at the top of the rules file',
        path: ['reading'],
      });
  })
  // A file-level `reading: 2` is carried by each rule's context, the only part the scanner sees.
  .transform((file) =>
    file.reading === 2
      ? {
          ...file,
          rules: file.rules.map((r) =>
            r.context ? { ...r, context: { ...r.context, reading: 2 as const } } : r,
          ),
        }
      : file,
  );
export type RulesFile = z.infer<typeof RulesFile>;

/** Why a pattern cannot be used, or undefined if it compiles. */
export function patternProblem(pattern: string, caseSensitive: boolean): string | undefined {
  try {
    new RegExp(pattern, caseSensitive ? 'gu' : 'giu');
  } catch (error) {
    return `not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (new RegExp(pattern, 'u').test('')) return 'the pattern matches empty text';
  return undefined;
}
