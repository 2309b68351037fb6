// The engine: given a pack, the answers so far and the scan findings, what to ask next and what
// the risk is. Pure and deterministic.
//
// Answers are keyed by question id; a question inside a repeat group is keyed `id#n` for item n,
// and the group's own key holds the number of items ("2") once the reporter says there are no more.
import type { Assessment } from './assessment.js';
import type { FlaggedItem } from './assessment.js';
import { evaluate, evaluateOpen, walkConditions, type ConditionFacts } from './conditions.js';
import { own } from './own.js';
import {
  type AnswerValue,
  choicesOf,
  DEFAULT_UNSURE,
  maxRisk,
  NONE,
  type Outcome,
  type Pack,
  type Question,
  REPEAT_MAX_DEFAULT,
  REPEAT_MAX_LIMIT,
  type Risk,
  riskRank,
  type SectionId,
  UNSURE_PREFIX,
} from './schema.js';

export interface GivenAnswer {
  readonly value: AnswerValue;
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
  /** Items of a repeat group the walk has opened ("Another proceeding?" yes) not yet answered. */
  readonly items?: Readonly<Record<string, number>> | undefined;
}

/** One question in its place: for a question in a repeat group, the item it is asked for. */
export interface Located {
  readonly question: Question;
  readonly section: SectionId;
  /** Where its answer is kept: the question id, or `id#n` for item n of a repeat group. */
  readonly key: string;
  readonly group?: { readonly question: Question; readonly n: number } | undefined;
}

export const itemKey = (id: string, n: number): string => `${id}#${n}`;

export function parseKey(key: string): { id: string; n: number | undefined } {
  const m = /^(.*)#([1-9][0-9]?)$/.exec(key);
  return m ? { id: m[1]!, n: Number(m[2]) } : { id: key, n: undefined };
}

interface Indexed {
  readonly question: Question;
  readonly section: SectionId;
  readonly group?: Question | undefined;
}
const indexes = new WeakMap<Pack, Map<string, Indexed>>();

function indexOf(pack: Pack): Map<string, Indexed> {
  let index = indexes.get(pack);
  if (!index) {
    index = new Map();
    for (const s of pack.sections)
      for (const q of s.questions) {
        index.set(q.id, { question: q, section: s.id });
        for (const c of q.questions ?? [])
          index.set(c.id, { question: c, section: s.id, group: q });
      }
    indexes.set(pack, index);
  }
  return index;
}

/** Every question of the pack, in ask order (a repeat group, then its questions, once). */
export function allQuestions(pack: Pack): Located[] {
  return pack.sections.flatMap((s) =>
    s.questions.flatMap((question) => [
      { question, section: s.id, key: question.id },
      ...(question.questions ?? []).map((c) => ({
        question: c,
        section: s.id,
        key: itemKey(c.id, 1),
        group: { question, n: 1 },
      })),
    ]),
  );
}

/** A question by its answer key (`id`, or `id#n` inside a repeat group). */
export function findQuestion(pack: Pack, key: string): Located | undefined {
  const { id, n } = parseKey(key);
  const found = indexOf(pack).get(id);
  if (!found) return undefined;
  if (!found.group)
    return n === undefined ? { question: found.question, section: found.section, key } : undefined;
  if (n === undefined || n > maxItems(found.group)) return undefined;
  return {
    question: found.question,
    section: found.section,
    key,
    group: { question: found.group, n },
  };
}

/** The repeat group a question belongs to, if any. */
export function groupOf(pack: Pack, id: string): Question | undefined {
  return indexOf(pack).get(id)?.group;
}

export const maxItems = (group: Question): number =>
  Math.min(group.max ?? REPEAT_MAX_DEFAULT, REPEAT_MAX_LIMIT);

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "Proceeding 2", for a question asked for an item of a repeat group. */
export function itemLabel(located: Pick<Located, 'group'>): string | undefined {
  const g = located.group;
  return g ? `${capital(g.question.item ?? 'item')} ${g.n}` : undefined;
}

function facts(
  pack: Pack | undefined,
  state: EngineState,
  item?: Located['group'],
): ConditionFacts {
  const live = state.findings.filter((f) => !f.suppressed);
  const one = (key: string) => {
    const v = own(state.answers, key)?.value;
    return v === undefined ? [] : [v];
  };
  return {
    answer: (id) => {
      const group = pack ? groupOf(pack, id) : undefined;
      if (!group) return one(id);
      if (item && item.question.id === group.id) return one(itemKey(id, item.n));
      // Outside its group: true when any item's answer satisfies the condition.
      const out: AnswerValue[] = [];
      for (let n = 1; n <= maxItems(group); n++) out.push(...one(itemKey(id, n)));
      return out;
    },
    finding: (rule) => live.some((f) => f.rule === rule),
    sectionFindings: (section) => live.some((f) => f.section === section),
  };
}

/** The rule ids of the live findings that raise this question (a checkbox's options included). */
export function raisedBy(q: Question, findings: readonly FindingRef[]): string[] {
  const rules = new Set<string>();
  const optionRules = Object.values(q.answers ?? {}).flatMap((o) => o.rules ?? []);
  for (const f of findings) {
    if (f.suppressed) continue;
    if (
      f.questions.includes(q.id) ||
      (q.rules ?? []).includes(f.rule) ||
      optionRules.includes(f.rule)
    )
      rules.add(f.rule);
  }
  return [...rules].sort();
}

/**
 * The checkbox options the scan suggests: those whose `rules:` fired, with the findings that are
 * their evidence. Suggestions are pre-ticked for the reporter to confirm, never answers.
 */
export function suggestions<F extends FindingRef>(
  q: Question,
  findings: readonly F[],
): { value: string; label: string; findings: F[] }[] {
  if (q.type !== 'checkbox') return [];
  return choicesOf(q).flatMap((c) => {
    const rules = c.outcome.rules ?? [];
    const hits = findings.filter((f) => !f.suppressed && rules.includes(f.rule));
    return hits.length > 0 ? [{ value: c.value, label: c.label, findings: hits }] : [];
  });
}

/**
 * Is the question asked, given the answers and findings? Under a 1.0 pack, findings raise
 * questions whatever `when` says; under a 2.0 pack a question with a `when` is asked only when
 * it holds (a rule that must force a question names one without `when`).
 */
export function isApplicable(
  q: Question,
  state: EngineState,
  pack?: Pack,
  item?: Located['group'],
): boolean {
  if (!q.when) return true;
  if (pack?.format !== 2 && raisedBy(q, state.findings).length > 0) return true;
  return evaluate(q.when, facts(pack, state, item));
}

/** A repeat group's answer: its number of items, when it is a whole number in range. */
export function itemCount(group: Question, value: AnswerValue | undefined): number | undefined {
  if (typeof value !== 'string' || !/^[1-9][0-9]?$/.test(value)) return undefined;
  const n = Number(value);
  return n <= maxItems(group) ? n : undefined;
}

/** The items of a repeat group in play: those the reporter counted, else answered or opened. */
function itemsOf(group: Question, state: EngineState): number {
  const counted = itemCount(group, own(state.answers, group.id)?.value);
  if (counted !== undefined) return counted;
  let n = Math.max(1, own(state.items ?? {}, group.id) ?? 0);
  for (let k = n + 1; k <= maxItems(group); k++)
    if ((group.questions ?? []).some((c) => own(state.answers, itemKey(c.id, k)) !== undefined))
      n = k;
  return Math.min(n, maxItems(group));
}

/**
 * The questions in force, in ask order, repeat groups expanded: each item's questions, then the
 * group itself (its answer is the number of items). An answer to a question no longer in force
 * is ignored.
 */
export function activeQuestions(pack: Pack, state: EngineState): Located[] {
  const out: Located[] = [];
  for (const s of pack.sections) {
    for (const q of s.questions) {
      if (!isApplicable(q, state, pack)) continue;
      const here: Located = { question: q, section: s.id, key: q.id };
      if (q.type !== 'repeat') {
        out.push(here);
        continue;
      }
      const items = itemsOf(q, state);
      for (let n = 1; n <= items; n++) {
        const group = { question: q, n };
        for (const c of q.questions ?? [])
          if (isApplicable(c, state, pack, group))
            out.push({ question: c, section: s.id, key: itemKey(c.id, n), group });
      }
      out.push(here);
    }
  }
  return out;
}

/** The next question to ask, or undefined when the walk is complete. */
export function nextQuestion(pack: Pack, state: EngineState): Located | undefined {
  return activeQuestions(pack, state).find((l) => own(state.answers, l.key) === undefined);
}

/**
 * "Question 12 of about 30": the questions answered so far (in force), plus one; and the
 * questions in force plus those not yet in force whose conditions still wait on answers. Computed
 * from the answers, so it survives resume and review edits. Repeat groups' "another?" is not counted.
 */
export function progressOf(pack: Pack, state: EngineState): { number: number; total: number } {
  const active = activeQuestions(pack, state).filter((l) => l.question.type !== 'repeat');
  const answered = active.filter((l) => own(state.answers, l.key) !== undefined).length;
  const inForce = new Set(active.map((l) => l.question.id));
  const status = new Map<string, 'in' | 'out' | 'maybe'>();
  const f = facts(pack, state);
  const open = (id: string) =>
    status.get(id) !== 'out' && f.answer(id).every((v) => v === '\0pending');
  let maybe = 0;
  for (const { question: q, group } of allQuestions(pack)) {
    if (group && status.get(group.question.id) === 'out') {
      status.set(q.id, 'out');
      continue;
    }
    if (inForce.has(q.id) || (q.type === 'repeat' && isApplicable(q, state, pack))) {
      status.set(q.id, 'in');
      continue;
    }
    const r = q.when ? evaluateOpen(q.when, f, open) : group ? undefined : true;
    status.set(q.id, r === false ? 'out' : 'maybe');
    if (r !== false && q.type !== 'repeat') maybe++;
  }
  return { number: answered + 1, total: Math.max(active.length + maybe, answered + 1) };
}

export function outcomeOf(q: Question, value: AnswerValue): Outcome | undefined {
  if (q.type === 'text') return q.outcome ?? { risk: 'none', note: false, lawyer: false };
  if (q.type === 'repeat')
    return itemCount(q, value) !== undefined
      ? { risk: 'none', note: false, lawyer: false }
      : undefined;
  if (typeof value !== 'string') {
    const r = resolveAnswer(q, value);
    return r && { risk: r.risk, note: r.note, lawyer: r.lawyer, action: r.actions[0] };
  }
  if (q.type === 'checkbox') return undefined;
  return own(q.answers, value);
}

/** What an answer comes to: its risk, whether it needs a note (and the prompt), a referral, actions. */
export interface Resolved {
  readonly risk: Risk;
  readonly note: boolean | string;
  readonly lawyer: boolean;
  readonly actions: readonly string[];
}

/** A checkbox answer's problem, in plain words, or undefined when it is a valid list. */
export function checkboxProblem(q: Question, value: AnswerValue): string | undefined {
  const options = Object.keys(q.answers ?? {});
  const list = options.filter((o) => o !== NONE).join(', ');
  if (typeof value === 'string')
    return `this is a checkbox question: give a list of options (${list}), or [${NONE}]`;
  if (value.length === 0) return `tick at least one option, or answer [${NONE}]`;
  const seen = new Set<string>();
  for (const v of value) {
    const unsure = v.startsWith(UNSURE_PREFIX);
    const option = unsure ? v.slice(UNSURE_PREFIX.length) : v;
    if (!options.includes(option) || (unsure && option === NONE))
      return `"${v}" is not an option of this question (choose from ${list}, or ${NONE}; "${UNSURE_PREFIX}<option>" for one you are not sure about)`;
    if (seen.has(option)) return `"${option}" is given twice`;
    seen.add(option);
  }
  if (seen.has(NONE) && value.length > 1) return `"${NONE}" cannot be ticked with other options`;
  return undefined;
}

export function resolveAnswer(q: Question, value: AnswerValue): Resolved | undefined {
  if (q.type === 'checkbox') {
    if (checkboxProblem(q, value) !== undefined || typeof value === 'string') return undefined;
    const applied: {
      risk: Risk;
      note: boolean | string;
      lawyer: boolean;
      action?: string | undefined;
    }[] = [];
    const order = Object.keys(q.answers ?? {});
    const ticked = value.filter((v) => !v.startsWith(UNSURE_PREFIX));
    for (const v of order) if (ticked.includes(v)) applied.push(q.answers![v]!);
    if (ticked.length < value.length) applied.push(q.unsure ?? DEFAULT_UNSURE);
    let risk: Risk = 'none';
    for (const o of applied) risk = maxRisk(risk, o.risk);
    const prompt = applied.find((o) => typeof o.note === 'string')?.note;
    return {
      risk,
      note: prompt ?? applied.some((o) => o.note === true),
      lawyer: applied.some((o) => o.lawyer),
      actions: [...new Set(applied.flatMap((o) => (o.action ? [o.action] : [])))],
    };
  }
  const o = outcomeOf(q, value);
  return o && { risk: o.risk, note: o.note, lawyer: o.lawyer, actions: o.action ? [o.action] : [] };
}

/** Whether two answer values are the same (lists: the same entries in the same order). */
export function sameValue(a: AnswerValue, b: AnswerValue): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** An answer value as the record stores it (a list copied). */
export function storedValue(v: AnswerValue): string | string[] {
  return typeof v === 'string' ? v : [...v];
}

/** An answer value in one line, for history and messages: "a" or "[a, unsure:b]". */
export function valueText(v: AnswerValue): string {
  return typeof v === 'string' ? v : `[${v.join(', ')}]`;
}

export const DISMISSIVE = ['no', 'not-applicable'] as const;

/** "No", "not applicable", or (checkbox) "none of these": an answer that dismisses a finding. */
export function isDismissive(value: AnswerValue): boolean {
  if (typeof value === 'string') return (DISMISSIVE as readonly string[]).includes(value);
  return value.length === 1 && value[0] === NONE;
}

export const NOTE_PROMPT = 'Note (what you did, or why this is not a problem):';
/** The note asked for after "no" or "not applicable" to a question a finding raised, by default. */
export const DISMISS_PROMPT = 'What did you check, and what did you find?';

/** Whether an answer needs a note, and the prompt for it. */
export function notePrompt(
  q: Question,
  value: AnswerValue,
  findings: readonly FindingRef[],
): string | undefined {
  const r = resolveAnswer(q, value);
  if (r && typeof r.note === 'string') return r.note;
  if (r?.note === true) return NOTE_PROMPT;
  if (raisedBy(q, findings).length > 0 && isDismissive(value)) return q.dismiss ?? DISMISS_PROMPT;
  return undefined;
}

/** Check one answer; returns the problem in plain words, or undefined. */
export function checkAnswer(
  q: Question,
  answer: GivenAnswer,
  findings: readonly FindingRef[],
): string | undefined {
  const value = answer.value;
  if (q.type === 'checkbox') {
    const problem = checkboxProblem(q, value);
    if (problem !== undefined) return problem;
  } else if (typeof value !== 'string') {
    return 'give one answer, not a list';
  } else if (q.type === 'text') {
    if (q.required && value.trim() === '') return 'an answer is required';
  } else if (q.type === 'repeat') {
    if (itemCount(q, value) === undefined)
      return `give the number of ${q.item ?? 'item'}s, from 1 to ${maxItems(q)}`;
    return undefined;
  } else if (own(q.answers, value) === undefined) {
    return `"${value}" is not an answer to this question (choose ${choicesOf(q)
      .map((c) => c.value)
      .join(', ')})`;
  }
  if (notePrompt(q, value, findings) !== undefined && (answer.note ?? '').trim() === '') {
    return raisedBy(q, findings).length > 0 && isDismissive(value)
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

/**
 * The answer keys to clear when the answer under `key` changes to `value`: the questions that
 * depend on it (within the same item, for a question in a repeat group), and, when a group's
 * number of items goes down, the answers of the items dropped.
 */
export function dependentKeys(
  pack: Pack,
  key: string,
  value: AnswerValue,
  answers: Readonly<Record<string, unknown>>,
): string[] {
  const { id, n } = parseKey(key);
  const mine = groupOf(pack, id);
  const out: string[] = [];
  const keysOf = (d: string): string[] => {
    const g = groupOf(pack, d);
    if (!g) return [d];
    if (n !== undefined && mine?.id === g.id) return [itemKey(d, n)];
    return Array.from({ length: maxItems(g) }, (_, i) => itemKey(d, i + 1));
  };
  for (const d of dependents(pack, id)) out.push(...keysOf(d));
  const located = findQuestion(pack, key);
  const count =
    located?.question.type === 'repeat' ? itemCount(located.question, value) : undefined;
  if (located && count !== undefined)
    for (const c of located.question.questions ?? [])
      for (let k = count + 1; k <= maxItems(located.question); k++) out.push(itemKey(c.id, k));
  return [...new Set(out)].filter((k) => own(answers, k) !== undefined);
}

/** A checkbox answer as people read it: "A, B; not sure: C". */
export function checkboxLabel(q: Question, value: readonly string[]): string {
  const label = (v: string) => choicesOf(q).find((c) => c.value === v)?.label ?? v;
  const ticked = value.filter((v) => !v.startsWith(UNSURE_PREFIX)).map(label);
  const unsure = value
    .filter((v) => v.startsWith(UNSURE_PREFIX))
    .map((v) => label(v.slice(UNSURE_PREFIX.length)));
  return [ticked.join(', '), unsure.length ? `not sure: ${unsure.join(', ')}` : '']
    .filter((x) => x !== '')
    .join('; ');
}

/** A list answer read without its question: "A, B; not sure: C" from the values themselves. */
export function listLabel(value: readonly string[]): string {
  const ticked = value.filter((v) => !v.startsWith(UNSURE_PREFIX));
  const unsure = value
    .filter((v) => v.startsWith(UNSURE_PREFIX))
    .map((v) => v.slice(UNSURE_PREFIX.length));
  return [ticked.join(', '), unsure.length ? `not sure: ${unsure.join(', ')}` : '']
    .filter((x) => x !== '')
    .join('; ');
}

/** How an answer reads to people: a choice's label (yes-no's own labels), or a text answer as given. */
export function answerLabel(q: Question, value: AnswerValue): string {
  if (typeof value !== 'string')
    return q.type === 'checkbox' ? checkboxLabel(q, value) : listLabel(value);
  if (q.type === 'text') return value;
  if (q.type === 'repeat') {
    const n = itemCount(q, value);
    return n === undefined ? value : `${n} ${q.item ?? 'item'}${n === 1 ? '' : 's'}`;
  }
  return choicesOf(q).find((c) => c.value === value)?.label ?? value;
}

/** The assessment: overall and per-section risk, required actions, referrals, flagged items. */
export function assess(pack: Pack, state: EngineState): Assessment {
  const v2 = pack.format === 2;
  const sections = {} as Record<SectionId, Risk>;
  for (const s of pack.sections) sections[s.id] = 'none';
  let overall: Risk = 'none';
  const actions: Assessment['actions'] = [];
  const actionTexts = new Set<string>();
  const referrals: Assessment['referrals'] = [];
  const flagged: FlaggedItem[] = [];
  let pending = 0;
  for (const located of activeQuestions(pack, state)) {
    const { question: q, section, key } = located;
    const given = own(state.answers, key);
    const outcome = given && resolveAnswer(q, given.value);
    if (!given || !outcome) {
      // Unanswered, or answered with a value the question does not offer: still to answer.
      pending++;
      continue;
    }
    if (q.type === 'repeat') continue;
    const item = itemLabel(located);
    const prefix = item ? `${item}: ` : '';
    const note = given.note !== undefined && given.note !== '' ? { note: given.note } : {};
    sections[section] = maxRisk(sections[section], outcome.risk);
    overall = maxRisk(overall, outcome.risk);
    for (const a of outcome.actions) {
      const text = `${prefix}${a}`;
      if (v2 && actionTexts.has(text)) continue;
      actionTexts.add(text);
      actions.push({ question: key, section, text });
    }
    if (outcome.lawyer)
      referrals.push({
        question: key,
        section,
        ask: `${prefix}${q.ask}`,
        answer: answerLabel(q, given.value),
        risk: outcome.risk,
        ...(v2 ? note : {}),
      });
    const raised = raisedBy(q, state.findings);
    const reasons: FlaggedItem['reasons'] = [];
    if (riskRank(outcome.risk) >= riskRank('medium')) reasons.push('risk');
    if (outcome.lawyer) reasons.push('lawyer');
    if (raised.length > 0 && isDismissive(given.value)) reasons.push('finding');
    if (reasons.length > 0) {
      flagged.push({
        question: key,
        section,
        ask: `${prefix}${q.ask}`,
        value: typeof given.value === 'string' ? given.value : [...given.value],
        answer: answerLabel(q, given.value),
        risk: outcome.risk,
        lawyer: outcome.lawyer,
        ...note,
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
