// Declarative `when` conditions: evaluation, the questions they name, and satisfiability.
import type { Condition, SectionId } from './schema.js';

export interface ConditionFacts {
  /** The value answered for a question id, if any. */
  answer(questionId: string): string | undefined;
  /** Whether a (non-suppressed) finding of this rule is on the draft. */
  finding(ruleId: string): boolean;
  /** Whether any (non-suppressed) finding of this section is on the draft. */
  sectionFindings(section: SectionId): boolean;
}

export function evaluate(c: Condition, facts: ConditionFacts): boolean {
  if (c.answer !== undefined) {
    const v = facts.answer(c.answer);
    if (v === undefined) return false;
    const allowed = Array.isArray(c.is) ? c.is : [c.is];
    return allowed.includes(v);
  }
  if (c.finding !== undefined) return facts.finding(c.finding);
  if (c['section-findings'] !== undefined) return facts.sectionFindings(c['section-findings']);
  if (c.all !== undefined) return c.all.every((x) => evaluate(x, facts));
  if (c.any !== undefined) return c.any.some((x) => evaluate(x, facts));
  if (c.not !== undefined) return !evaluate(c.not, facts);
  return false;
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
  | { kind: 'answer'; question: string; values: readonly string[]; negated: boolean }
  | { kind: 'finding'; rule: string; negated: boolean }
  | { kind: 'section'; section: string; negated: boolean };
type Conjunct = Literal[];

const DNF_LIMIT = 512;

function dnf(c: Condition, negated: boolean): Conjunct[] | null {
  if (c.answer !== undefined) {
    const values = Array.isArray(c.is) ? c.is : c.is !== undefined ? [c.is] : [];
    return [[{ kind: 'answer', question: c.answer, values, negated }]];
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
}

function conjunctSatisfiable(conj: Conjunct, domain: Domain): boolean {
  const byQuestion = new Map<string, { pos: Set<string> | null; neg: Set<string> }>();
  const findings = new Map<string, boolean>();
  const sections = new Map<string, boolean>();
  for (const lit of conj) {
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
