// Declarative `when` conditions: evaluation, the questions they name, and satisfiability.
import { UNSURE_PREFIX, type AnswerValue, type Condition, type SectionId } from './schema.js';

export interface ConditionFacts {
  /**
   * The values answered for a question id: none, one, or (a question in a repeat group, seen from
   * outside it) one per item. A checkbox answer is a list.
   */
  answer(questionId: string): readonly AnswerValue[];
  /** Whether a (non-suppressed) finding of this rule is on the draft. */
  finding(ruleId: string): boolean;
  /** Whether any (non-suppressed) finding of this section is on the draft. */
  sectionFindings(section: SectionId): boolean;
}

const listOf = (v: string | string[] | undefined): readonly string[] =>
  Array.isArray(v) ? v : v === undefined ? [] : [v];

/** Does a checkbox answer tick (or mark "not sure") any of these options? */
export function ticks(value: AnswerValue, options: readonly string[]): boolean {
  if (typeof value === 'string') return false;
  return value.some((v) =>
    options.includes(v.startsWith(UNSURE_PREFIX) ? v.slice(UNSURE_PREFIX.length) : v),
  );
}

export function evaluate(c: Condition, facts: ConditionFacts): boolean {
  if (c.answer !== undefined) {
    const values = facts.answer(c.answer);
    if (c.includes !== undefined) {
      const options = listOf(c.includes);
      return values.some((v) => ticks(v, options));
    }
    const allowed = listOf(c.is);
    return values.some((v) => typeof v === 'string' && allowed.includes(v));
  }
  if (c.finding !== undefined) return facts.finding(c.finding);
  if (c['section-findings'] !== undefined) return facts.sectionFindings(c['section-findings']);
  if (c.all !== undefined) return c.all.every((x) => evaluate(x, facts));
  if (c.any !== undefined) return c.any.some((x) => evaluate(x, facts));
  if (c.not !== undefined) return !evaluate(c.not, facts);
  return false;
}

/**
 * Three-valued: true, false, or undefined when it depends on answers not given yet (`open`
 * says which questions could still be answered). For the progress estimate.
 */
export function evaluateOpen(
  c: Condition,
  facts: ConditionFacts,
  open: (questionId: string) => boolean,
): boolean | undefined {
  if (c.answer !== undefined) {
    if (facts.answer(c.answer).length === 0) return open(c.answer) ? undefined : false;
    return evaluate(c, facts);
  }
  if (c.all !== undefined) {
    const r = c.all.map((x) => evaluateOpen(x, facts, open));
    return r.includes(false) ? false : r.includes(undefined) ? undefined : true;
  }
  if (c.any !== undefined) {
    const r = c.any.map((x) => evaluateOpen(x, facts, open));
    return r.includes(true) ? true : r.includes(undefined) ? undefined : false;
  }
  if (c.not !== undefined) {
    const r = evaluateOpen(c.not, facts, open);
    return r === undefined ? undefined : !r;
  }
  return evaluate(c, facts);
}

/** Every condition node with its path below the `when` (for positions in messages). */
export function* walkConditions(
  c: Condition,
  path: (string | number)[] = [],
): Generator<{ node: Condition; path: (string | number)[] }> {
  yield { node: c, path };
  for (const key of ['all', 'any'] as const) {
    const list = c[key];
    if (list)
      for (let i = 0; i < list.length; i++) yield* walkConditions(list[i]!, [...path, key, i]);
  }
  if (c.not) yield* walkConditions(c.not, [...path, 'not']);
}

// Satisfiability, by expansion to disjunctive normal form over literals.
type Literal =
  | {
      kind: 'answer';
      question: string;
      values: readonly string[];
      negated: boolean;
      includes: boolean;
    }
  | { kind: 'finding'; rule: string; negated: boolean }
  | { kind: 'section'; section: string; negated: boolean };
type Conjunct = Literal[];

const DNF_LIMIT = 512;

function dnf(c: Condition, negated: boolean): Conjunct[] | null {
  if (c.answer !== undefined) {
    const includes = c.includes !== undefined;
    const values = listOf(includes ? c.includes : c.is);
    return [[{ kind: 'answer', question: c.answer, values, negated, includes }]];
  }
  if (c.finding !== undefined) return [[{ kind: 'finding', rule: c.finding, negated }]];
  if (c['section-findings'] !== undefined)
    return [[{ kind: 'section', section: c['section-findings'], negated }]];
  if (c.not !== undefined) return dnf(c.not, !negated);
  const list = c.all ?? c.any ?? [];
  const conjunctive = (c.all !== undefined) !== negated; // all, or not-any
  const parts = list.map((x) => dnf(x, negated));
  if (parts.some((p) => p === null)) return null;
  if (!conjunctive) {
    const out = (parts as Conjunct[][]).flat();
    return out.length > DNF_LIMIT ? null : out;
  }
  let acc: Conjunct[] = [[]];
  for (const p of parts as Conjunct[][]) {
    const next: Conjunct[] = [];
    for (const a of acc) for (const b of p) next.push([...a, ...b]);
    if (next.length > DNF_LIMIT) return null;
    acc = next;
  }
  return acc;
}

export interface Domain {
  /** The values a question offers (undefined for a free-text question). */
  values(questionId: string): readonly string[] | undefined;
  /** Whether the question can be asked at all. */
  reachable(questionId: string): boolean;
  /** Whether its answer is a list (checkbox): any options can hold together. */
  multiple?(questionId: string): boolean;
}

function conjunctSatisfiable(conj: Conjunct, domain: Domain): boolean {
  const byQuestion = new Map<string, { pos: Set<string> | null; neg: Set<string> }>();
  const findings = new Map<string, boolean>();
  const sections = new Map<string, boolean>();
  for (const lit of conj) {
    if (lit.kind === 'answer' && (lit.includes || domain.multiple?.(lit.question) === true)) {
      // A checkbox can tick any options together; a negated "includes" holds with "none".
      if (!lit.negated && !domain.reachable(lit.question)) return false;
      continue;
    }
    if (lit.kind === 'answer') {
      const entry = byQuestion.get(lit.question) ?? { pos: null, neg: new Set<string>() };
      if (lit.negated) for (const v of lit.values) entry.neg.add(v);
      else
        entry.pos = entry.pos
          ? new Set([...entry.pos].filter((v) => lit.values.includes(v)))
          : new Set(lit.values);
      byQuestion.set(lit.question, entry);
    } else {
      const map = lit.kind === 'finding' ? findings : sections;
      const key = lit.kind === 'finding' ? lit.rule : lit.section;
      const want = !lit.negated;
      if (map.has(key) && map.get(key) !== want) return false;
      map.set(key, want);
    }
  }
  for (const [q, { pos, neg }] of byQuestion) {
    if (pos === null) continue; // only negative literals: satisfied by any other answer, or none
    if (!domain.reachable(q)) return false;
    const offered = domain.values(q);
    const candidates = [...pos].filter(
      (v) => !neg.has(v) && (offered === undefined || offered.includes(v)),
    );
    if (candidates.length === 0) return false;
  }
  return true;
}

/** Can the condition ever hold? Unknown (too large to expand) counts as yes. */
export function satisfiable(c: Condition, domain: Domain): boolean {
  const conjuncts = dnf(c, false);
  if (conjuncts === null) return true;
  return conjuncts.some((conj) => conjunctSatisfiable(conj, domain));
}
