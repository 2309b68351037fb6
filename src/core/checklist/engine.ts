// The engine: given a pack, the answers so far and the scan findings, what to ask next and what
// the risk is. Pure and deterministic.
import type { Assessment } from './assessment.js';
import type { FlaggedItem } from './assessment.js';
import { evaluate, walkConditions, type ConditionFacts } from './conditions.js';
import { own } from './own.js';
import {
  choicesOf,
  maxRisk,
  type Outcome,
  type Pack,
  type Question,
  type Risk,
  riskRank,
  type SectionId,
} from './schema.js';

export interface GivenAnswer {
  readonly value: string;
  readonly note?: string | undefined;
}

/** The part of a finding the engine needs. Suppressed findings raise nothing. */
export interface FindingRef {
  readonly rule: string;
  readonly section: SectionId;
  readonly questions: readonly string[];
  readonly suppressed?: unknown;
}

export interface EngineState {
  readonly answers: Readonly<Record<string, GivenAnswer>>;
  readonly findings: readonly FindingRef[];
}

export interface Located {
  readonly question: Question;
  readonly section: SectionId;
}

export function allQuestions(pack: Pack): Located[] {
  return pack.sections.flatMap((s) => s.questions.map((question) => ({ question, section: s.id })));
}

export function findQuestion(pack: Pack, id: string): Located | undefined {
  return allQuestions(pack).find((l) => l.question.id === id);
}

function facts(state: EngineState): ConditionFacts {
  const live = state.findings.filter((f) => !f.suppressed);
  return {
    answer: (id) => own(state.answers, id)?.value,
    finding: (rule) => live.some((f) => f.rule === rule),
    sectionFindings: (section) => live.some((f) => f.section === section),
  };
}

/** The rule ids of the live findings that raise this question. */
export function raisedBy(q: Question, findings: readonly FindingRef[]): string[] {
  const rules = new Set<string>();
  for (const f of findings) {
    if (f.suppressed) continue;
    if (f.questions.includes(q.id) || (q.rules ?? []).includes(f.rule)) rules.add(f.rule);
  }
  return [...rules].sort();
}

/** Is the question asked, given the answers and findings? Findings raise questions whatever `when` says. */
export function isApplicable(q: Question, state: EngineState): boolean {
  if (!q.when) return true;
  if (raisedBy(q, state.findings).length > 0) return true;
  return evaluate(q.when, facts(state));
}

/** The questions in force, in ask order. An answer to a question no longer in force is ignored. */
export function activeQuestions(pack: Pack, state: EngineState): Located[] {
  return allQuestions(pack).filter((l) => isApplicable(l.question, state));
}

/** The next question to ask, or undefined when the walk is complete. */
export function nextQuestion(pack: Pack, state: EngineState): Located | undefined {
  return allQuestions(pack).find(
    (l) => own(state.answers, l.question.id) === undefined && isApplicable(l.question, state),
  );
}

export function outcomeOf(q: Question, value: string): Outcome | undefined {
  if (q.type === 'text') return q.outcome ?? { risk: 'none', note: false, lawyer: false };
  return own(q.answers, value);
}

export const DISMISSIVE = ['no', 'not-applicable'] as const;

/** Whether an answer needs a note, and the prompt for it. */
export function notePrompt(
  q: Question,
  value: string,
  findings: readonly FindingRef[],
): string | undefined {
  const outcome = outcomeOf(q, value);
  if (outcome && typeof outcome.note === 'string') return outcome.note;
  if (outcome?.note === true) return 'Note (what you did, or why this is not a problem):';
  const raised = raisedBy(q, findings);
  if (raised.length > 0 && (DISMISSIVE as readonly string[]).includes(value)) {
    return `The draft triggered ${raised.join(', ')}. Say why this is not a problem:`;
  }
  return undefined;
}

/** Check one answer; returns the problem in plain words, or undefined. */
export function checkAnswer(
  q: Question,
  answer: GivenAnswer,
  findings: readonly FindingRef[],
): string | undefined {
  if (q.type === 'text') {
    if (q.required && answer.value.trim() === '') return 'an answer is required';
  } else if (own(q.answers, answer.value) === undefined) {
    return `"${answer.value}" is not an answer to this question (choose ${choicesOf(q)
      .map((c) => c.value)
      .join(', ')})`;
  }
  if (notePrompt(q, answer.value, findings) !== undefined && (answer.note ?? '').trim() === '') {
    return raisedBy(q, findings).length > 0 &&
      (DISMISSIVE as readonly string[]).includes(answer.value)
      ? `a note is required: the draft triggered ${raisedBy(q, findings).join(', ')}`
      : 'a note is required for this answer';
  }
  return undefined;
}

/** Questions whose conditions depend (directly or through others) on this one. */
export function dependents(pack: Pack, id: string): string[] {
  const all = allQuestions(pack);
  const out = new Set<string>();
  let frontier = new Set([id]);
  while (frontier.size > 0) {
    const next = new Set<string>();
    for (const { question } of all) {
      if (!question.when || out.has(question.id)) continue;
      for (const { node } of walkConditions(question.when)) {
        if (node.answer !== undefined && frontier.has(node.answer)) {
          out.add(question.id);
          next.add(question.id);
          break;
        }
      }
    }
    frontier = next;
  }
  return all.map((l) => l.question.id).filter((q) => out.has(q));
}

/** How an answer reads to people: a choice's label (yes-no's own labels), or a text answer as given. */
export function answerLabel(q: Question, value: string): string {
  if (q.type === 'text') return value;
  return choicesOf(q).find((c) => c.value === value)?.label ?? value;
}

/** The assessment: overall and per-section risk, required actions, referrals, flagged items. */
export function assess(pack: Pack, state: EngineState): Assessment {
  const sections = {} as Record<SectionId, Risk>;
  for (const s of pack.sections) sections[s.id] = 'none';
  let overall: Risk = 'none';
  const actions: Assessment['actions'] = [];
  const referrals: Assessment['referrals'] = [];
  const flagged: FlaggedItem[] = [];
  let pending = 0;
  for (const { question: q, section } of activeQuestions(pack, state)) {
    const given = own(state.answers, q.id);
    const outcome = given && outcomeOf(q, given.value);
    if (!given || !outcome) {
      // Unanswered, or answered with a value the question does not offer: still to answer.
      pending++;
      continue;
    }
    sections[section] = maxRisk(sections[section], outcome.risk);
    overall = maxRisk(overall, outcome.risk);
    if (outcome.action) actions.push({ question: q.id, section, text: outcome.action });
    if (outcome.lawyer)
      referrals.push({
        question: q.id,
        section,
        ask: q.ask,
        answer: answerLabel(q, given.value),
        risk: outcome.risk,
      });
    const raised = raisedBy(q, state.findings);
    const reasons: FlaggedItem['reasons'] = [];
    if (riskRank(outcome.risk) >= riskRank('medium')) reasons.push('risk');
    if (outcome.lawyer) reasons.push('lawyer');
    if (raised.length > 0 && (DISMISSIVE as readonly string[]).includes(given.value))
      reasons.push('finding');
    if (reasons.length > 0) {
      flagged.push({
        question: q.id,
        section,
        ask: q.ask,
        value: given.value,
        answer: answerLabel(q, given.value),
        risk: outcome.risk,
        lawyer: outcome.lawyer,
        ...(given.note !== undefined && given.note !== '' ? { note: given.note } : {}),
        raisedBy: raised,
        reasons,
      });
    }
  }
  return { overall, sections, actions, referrals, flagged, pending };
}

/** Blocker answers with neither a lawyer referral nor a note: filing must wait for them. */
export function unmitigatedBlockers(assessment: Assessment): FlaggedItem[] {
  return assessment.flagged.filter(
    (f) => f.risk === 'blocker' && !f.lawyer && !(f.note && f.note.trim()),
  );
}
