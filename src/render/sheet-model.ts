// The sign-off sheet as one plain data object, built from the record, the checklist pack (when it
// can be found) and the signature checks. Pure: no clock, no files. The Markdown and HTML
// renderers draw this object; `prepub export --format json` prints it.
import { own } from '../core/checklist/own.js';
import {
  answerLabel,
  findQuestion,
  groupOf,
  itemLabel,
  parseKey,
  listLabel,
  type Located,
  resolveAnswer,
} from '../core/checklist/engine.js';
import {
  SECTION_IDS,
  YES_NO_LABELS,
  type Pack,
  type Question,
  type Risk,
} from '../core/checklist/schema.js';
import type {
  ArticleRef,
  HistoryEntry,
  RecordFile,
  RecordStatus,
  Story,
} from '../core/record/schema.js';
import type { FlaggedItem } from '../core/checklist/assessment.js';
import type { Severity } from '../core/scan/finding.js';
import { placesOf } from '../core/scan/places.js';
import type { SignoffRow } from './signoff-chain.js';
import { copyLines, itemLines, type CopyLine } from '../core/record/copy-lines.js';
import { itemTitle } from '../core/record/item-title.js';
import { conversation, predicatesOf } from '../core/signing/conversation.js';
import { isFiled, type SignoffPredicate } from '../core/signing/statement.js';

export const SHEET_FORMAT = 'prepub/sheet@1';

/** Titles for the canonical sections when the pack is not available. */
export const SECTION_TITLES: Readonly<Record<string, string>> = {
  safety: 'Personal safety',
  restrictions: 'Reporting restrictions and contempt',
  defamation: 'Defamation',
  privacy: "Privacy and the Editors' Code",
  sources: 'Confidential sources',
  accuracy: 'Accuracy',
};

export const STATUS_LABELS: Readonly<Record<RecordStatus, string>> = {
  draft: 'Draft: not yet filed',
  filed: 'Filed: awaiting the desk',
  returned: 'Returned to the reporter',
  approved: 'Approved',
};

export const RISK_LABELS: Readonly<Record<Risk, string>> = {
  none: 'NONE',
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
  blocker: 'BLOCKER',
};

export const DISCLAIMER =
  'This sheet records the questions asked, the answers given and the decisions taken before ' +
  'publication. It supports editorial and legal judgement; it is not legal advice and does not ' +
  'mean that a story is free of legal risk.';

/** Where the question texts and citations came from. */
export type CitationSource = 'pack' | 'current-pack' | 'unavailable';

export interface SheetAnswer {
  readonly question: string;
  /** The question as asked, or null when neither the pack nor the record has its text. */
  readonly ask: string | null;
  /** As recorded: a string, or (checkbox) the options ticked. */
  readonly value: string | readonly string[];
  /** The answer as the reporter saw it (the choice's label, or the free text). */
  readonly answer: string;
  readonly risk: Risk | null;
  readonly lawyer: boolean;
  /** The assessment flagged it for the desk (risk, lawyer referral, or a scan finding). */
  readonly flagged: boolean;
  readonly raisedBy: readonly string[];
  readonly note: string | null;
  readonly answeredAt: string;
  readonly citations: readonly string[];
  /** For a flagged answer, the lines of the article it is about (when the text was given). */
  readonly copy: readonly CopyLine[];
}

/** A reviewer's word on one item, from a signed review envelope. */
export interface SheetDecision {
  readonly envelope: number;
  readonly role: string;
  readonly by: string;
  readonly at: string;
  readonly decision: 'accepted' | 'queried';
  readonly comment: string;
  /** Accepted with every other item by --accept-all, without an item review. */
  readonly acceptedAll: boolean;
  /** Accepted with the decision's comment, without prompts or a reviews file. */
  readonly byDecision: boolean;
}

/** A blocker or a lawyer referral, and who accepted (or queried) it, with their comment. */
export interface SheetBlocker {
  readonly question: string;
  readonly title: string;
  readonly answer: string;
  readonly risk: Risk;
  readonly lawyer: boolean;
  readonly note: string | null;
  readonly copy: readonly CopyLine[];
  readonly decisions: readonly SheetDecision[];
}

/** A desk query, the reporter's reply and what the next review decided: all from envelopes. */
export interface SheetThread {
  readonly item: string;
  readonly title: string;
  readonly query: {
    readonly envelope: number;
    readonly role: string;
    readonly by: string;
    readonly at: string;
    readonly comment: string;
  };
  readonly reply: {
    readonly by: string;
    readonly at: string;
    readonly text: string;
    /** The filing that signed it, or null for a draft reply not filed yet. */
    readonly filed: number | null;
  } | null;
  readonly outcome: {
    readonly envelope: number;
    readonly role: string;
    readonly by: string;
    readonly decision: 'accepted' | 'queried';
    readonly comment: string;
  } | null;
  readonly open: boolean;
  readonly copy: readonly CopyLine[];
}

export interface SheetAcceptedAll {
  readonly envelope: number;
  readonly role: string;
  readonly by: string;
  readonly at: string;
  readonly items: number;
}

export interface SheetSection {
  readonly id: string;
  readonly title: string;
  readonly risk: Risk | null;
  readonly answers: readonly SheetAnswer[];
}

export interface SheetFinding {
  readonly rule: string;
  readonly section: string;
  readonly sectionTitle: string;
  readonly severity: Severity;
  readonly line: number;
  readonly column: number;
  readonly excerpt: string;
  readonly message: string;
  readonly suppressed: { readonly reason: string; readonly by: 'comment' | 'flag' } | null;
  /** Why it has its severity: the corroborating words (scanner 2). */
  readonly because: readonly SheetPlace[];
  /** The same problem elsewhere in the article. */
  readonly alsoAt: readonly SheetPlace[];
  /** Where the problem lies ("the complainant"), listed apart. */
  readonly check: readonly SheetPlace[];
}

/**
 * A finding's corroboration, the places its problem lies and the places it comes again, as the
 * lines the HTML and Markdown sheets print under its message (`escape` makes record text safe
 * for the format).
 */
export function placeNotes(f: SheetFinding, escape: (text: string) => string): string[] {
  const at = (p: SheetPlace) =>
    `${p.line}:${p.column}${p.excerpt === null ? '' : ` “${escape(p.excerpt)}”`}${p.why === null ? '' : ` (${escape(p.why)})`}`;
  const notes: string[] = [];
  if (f.because.length > 0) notes.push(`Because: ${f.because.map(at).join('; ')}`);
  if (f.check.length > 0) notes.push(`Check: ${f.check.map(at).join('; ')}`);
  if (f.alsoAt.length > 0)
    notes.push(`Also at ${f.alsoAt.map(at).join('; ')} (${f.alsoAt.length + 1} times in all)`);
  return notes;
}

/** A place in the article as the sheet shows it. */
function place(p: {
  line: number;
  column: number;
  excerpt?: string | undefined;
  why?: string | undefined;
}): SheetPlace {
  return { line: p.line, column: p.column, excerpt: p.excerpt ?? null, why: p.why ?? null };
}

export interface SheetPlace {
  readonly line: number;
  readonly column: number;
  readonly excerpt: string | null;
  /** What the place is (a corroboration's or a pointed-at place's reason), or null. */
  readonly why: string | null;
}

export interface Sheet {
  readonly format: typeof SHEET_FORMAT;
  readonly record: {
    readonly id: string;
    readonly status: RecordStatus;
    readonly statusLabel: string;
    /** The latest time in the record's history: the sheet shows the record as of then. */
    readonly asOf: string | null;
  };
  readonly story: Story;
  readonly article: ArticleRef | null;
  readonly checklist: {
    readonly id: string;
    readonly version: string;
    readonly sha256: string;
    readonly title: string | null;
    readonly citations: {
      readonly source: CitationSource;
      readonly packVersion: string | null;
      readonly text: string;
    };
  };
  readonly assessment: {
    readonly overall: Risk;
    readonly pending: number;
    readonly sections: readonly {
      readonly id: string;
      readonly title: string;
      readonly risk: Risk | null;
    }[];
    readonly actions: readonly {
      readonly question: string;
      readonly section: string;
      readonly ask: string | null;
      readonly text: string;
    }[];
    readonly referrals: readonly {
      readonly question: string;
      readonly section: string;
      readonly ask: string;
      readonly answer: string;
      readonly risk: Risk;
    }[];
  };
  readonly sections: readonly SheetSection[];
  readonly findings: readonly SheetFinding[];
  readonly signoffs: {
    /** The keyring the signatures were checked against, or null when none was given. */
    readonly keyring: string | null;
    readonly summary: string;
    readonly rows: readonly SignoffRow[];
    readonly integrity: readonly IntegrityCheck[];
  };
  readonly history: readonly HistoryEntry[];
  /** The desk's side: blockers and referrals with who accepted them, queries and replies, and
   * approvals given without item review. Read from the signed envelopes. */
  readonly desk: {
    readonly blockers: readonly SheetBlocker[];
    readonly conversation: readonly SheetThread[];
    readonly acceptedAll: readonly SheetAcceptedAll[];
  };
  readonly disclaimer: string;
}

/** A whole-record check from the verifier: the chain of digests, the record against the filing. */
export interface IntegrityCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface SheetInput {
  readonly record: RecordFile;
  /** The pack resolved by the record's checklist id, or null when it could not be loaded. */
  readonly pack: Pack | null;
  /** Why the pack could not be loaded (shown on the sheet). */
  readonly packProblem?: string | undefined;
  readonly signoffs: readonly SignoffRow[];
  /** A label for the keyring used (its path as given), or null when none was given. */
  readonly keyring: string | null;
  /** Whole-record checks made with the keyring (none without one). */
  readonly integrity?: readonly IntegrityCheck[] | undefined;
  /** The article's text as its findings count lines, to show the copy items are about. */
  readonly copy?: string | undefined;
}

function sectionOf(questionId: string): string {
  const prefix = questionId.split('.')[0] ?? '';
  return (SECTION_IDS as readonly string[]).includes(prefix) ? prefix : 'other';
}

function citationNote(input: SheetInput): Sheet['checklist']['citations'] {
  const ref = input.record.record.checklist;
  const { pack } = input;
  if (pack && pack.sha256 === ref.sha256) {
    return {
      source: 'pack',
      packVersion: pack.version,
      text: `Question texts and citations are from ${ref.id} ${ref.version}, the checklist this record was made with (its digest matches).`,
    };
  }
  if (pack) {
    return {
      source: 'current-pack',
      packVersion: pack.version,
      text:
        `Question texts and citations are from the current version of the ${ref.id} checklist ` +
        `(${pack.version}), not the exact one this record was made with (${ref.version}, ` +
        `different digest); check them against that version.`,
    };
  }
  const why = input.packProblem ? ` (${input.packProblem})` : '';
  return {
    source: 'unavailable',
    packVersion: null,
    text:
      `Citations unavailable: the ${ref.id} checklist could not be loaded${why}. ` +
      'Question texts are shown where the record itself carries them.',
  };
}

function latest(times: readonly string[]): string | null {
  let best: string | null = null;
  let bestMs = -Infinity;
  for (const t of times) {
    const ms = Date.parse(t);
    if (!Number.isNaN(ms) && ms >= bestMs) {
      best = t;
      bestMs = ms;
    }
  }
  return best;
}

function answerOf(
  id: string,
  answer: RecordFile['record']['answers'][string],
  located: Located | undefined,
  flagged: FlaggedItem | undefined,
  referred: boolean,
): SheetAnswer {
  const question = located?.question;
  let label: string | undefined;
  let risk: Risk | null = null;
  let lawyer = false;
  if (question) {
    const resolved = resolveAnswer(question, answer.value);
    if (question.type === 'text' || resolved) label = answerLabel(question, answer.value);
    risk = resolved?.risk ?? null;
    lawyer = resolved?.lawyer ?? false;
  }
  if (flagged) {
    label ??= flagged.answer;
    risk ??= flagged.risk;
    lawyer ||= flagged.lawyer;
  }
  const value = answer.value;
  label ??= typeof value === 'string' ? (own(YES_NO_LABELS, value) ?? value) : listLabel(value);
  const item = located ? itemLabel(located) : undefined;
  return {
    question: id,
    ask: question ? `${item ? `${item}: ` : ''}${question.ask}` : (flagged?.ask ?? null),
    value,
    answer: label,
    risk,
    lawyer: lawyer || referred,
    flagged: flagged !== undefined,
    raisedBy: flagged?.raisedBy ?? [],
    note: answer.note !== undefined && answer.note.length > 0 ? answer.note : null,
    answeredAt: answer.answeredAt,
    citations: question?.citations ?? [],
    copy: [],
  };
}

/** Every review's word on each item, from the envelopes that decode. */
function decisionsOf(
  predicates: readonly (SignoffPredicate | undefined)[],
): Map<string, SheetDecision[]> {
  const out = new Map<string, SheetDecision[]>();
  predicates.forEach((p, i) => {
    if (!p || isFiled(p)) return;
    for (const r of p.reviews) {
      const list = out.get(r.item) ?? [];
      list.push({
        envelope: i + 1,
        role: p.role,
        by: p.signer.name,
        at: p.time,
        decision: r.decision,
        comment: r.comment,
        acceptedAll: p.acceptedAll !== undefined,
        byDecision: p.reviewsFrom === 'decision',
      });
      out.set(r.item, list);
    }
  });
  return out;
}

/** The desk's part of the sheet: blockers and referrals, the conversation, accept-alls. */
function deskPart(input: SheetInput, askOf: (q: string) => string | null): Sheet['desk'] {
  const file = input.record;
  const r = file.record;
  const predicates = predicatesOf(file);
  const decisions = decisionsOf(predicates);
  const copyOf = (item: string, texts: readonly string[] = []) =>
    input.copy !== undefined ? copyLines(input.copy, itemLines(r, item, texts)) : [];
  const titleOf = (item: string) => askOf(item) ?? itemTitle(r, item);
  const serious = r.assessment.flagged.filter((f) => f.risk === 'blocker' || f.lawyer);
  const blockers: SheetBlocker[] = serious.map((f) => ({
    question: f.question,
    title: f.ask,
    answer: f.answer,
    risk: f.risk,
    lawyer: f.lawyer,
    note: f.note?.length ? f.note : null,
    copy: copyOf(f.question),
    decisions: decisions.get(f.question) ?? [],
  }));
  for (const x of r.assessment.referrals) {
    if (blockers.some((b) => b.question === x.question)) continue;
    blockers.push({
      question: x.question,
      title: x.ask,
      answer: x.answer,
      risk: x.risk,
      lawyer: true,
      note: r.answers[x.question]?.note ?? null,
      copy: copyOf(x.question),
      decisions: decisions.get(x.question) ?? [],
    });
  }
  const threads: SheetThread[] = conversation(file, predicates).map((t) => ({
    item: t.query.item,
    title: titleOf(t.query.item),
    query: {
      envelope: t.query.envelope,
      role: t.query.role,
      by: t.query.by,
      at: t.query.at,
      comment: t.query.comment,
    },
    reply: t.reply
      ? { by: t.reply.by, at: t.reply.at, text: t.reply.reply, filed: t.replyFiled }
      : null,
    outcome: t.outcome
      ? {
          envelope: t.outcome.envelope,
          role: t.outcome.role,
          by: t.outcome.by,
          decision: t.outcome.decision,
          comment: t.outcome.comment,
        }
      : null,
    open: t.open,
    copy: copyOf(t.query.item, [t.query.comment, ...(t.reply ? [t.reply.reply] : [])]),
  }));
  const acceptedAll: SheetAcceptedAll[] = [];
  predicates.forEach((p, i) => {
    if (p && !isFiled(p) && p.acceptedAll !== undefined)
      acceptedAll.push({
        envelope: i + 1,
        role: p.role,
        by: p.signer.name,
        at: p.time,
        items: p.acceptedAll,
      });
  });
  return { blockers, conversation: threads, acceptedAll };
}

/** Build the sheet. Same input, same output: nothing here reads the clock or the disk. */
export function buildSheet(input: SheetInput): Sheet {
  const { record: file, pack } = input;
  const r = file.record;
  const questions = new Map<string, { question: Question; section: string }>();
  const sectionTitles = new Map<string, string>();
  const order: string[] = [];
  for (const section of pack?.sections ?? []) {
    sectionTitles.set(section.id, section.title);
    order.push(section.id);
    for (const q of section.questions.flatMap((x): Question[] => [x, ...(x.questions ?? [])]))
      questions.set(q.id, { question: q, section: section.id });
  }
  const flagged = new Map(r.assessment.flagged.map((f) => [f.question, f]));
  const referred = new Set(r.assessment.referrals.map((x) => x.question));
  const titleOf = (id: string) =>
    sectionTitles.get(id) ?? own(SECTION_TITLES, id) ?? 'Other questions';

  // Sections: the pack's order, then any canonical section the record mentions, then "other".
  const mentioned = new Set<string>([
    ...Object.keys(r.assessment.sections),
    ...Object.keys(r.answers).map((q) => questions.get(parseKey(q).id)?.section ?? sectionOf(q)),
  ]);
  for (const id of [...SECTION_IDS, 'other']) {
    if (mentioned.has(id) && !order.includes(id)) order.push(id);
  }

  const packOrder = [...questions.keys()];
  // A question of a repeat group sorts under its group, item by item.
  const rank = (key: string): [number, number, number] => {
    const { id, n } = parseKey(key);
    const group = pack ? groupOf(pack, id) : undefined;
    const at = (x: string) => {
      const i = packOrder.indexOf(x);
      return i === -1 ? Infinity : i;
    };
    return group ? [at(group.id), n ?? 0, at(id)] : [at(id), 0, 0];
  };
  const answerIds = Object.keys(r.answers).sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    if (ra[0] !== Infinity || rb[0] !== Infinity)
      return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2] || 0;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const bySection = new Map<string, SheetAnswer[]>(order.map((id) => [id, []]));
  for (const id of answerIds) {
    const answer = own(r.answers, id);
    if (!answer) continue;
    const known = questions.get(parseKey(id).id);
    const section = known?.section ?? flagged.get(id)?.section ?? sectionOf(id);
    const located = pack ? findQuestion(pack, id) : undefined;
    const row = answerOf(id, answer, located, flagged.get(id), referred.has(id));
    bySection
      .get(section)
      ?.push(
        row.flagged && input.copy !== undefined
          ? { ...row, copy: copyLines(input.copy, itemLines(r, id)) }
          : row,
      );
  }
  const sectionRisk = (id: string): Risk | null =>
    own(r.assessment.sections as Partial<Record<string, Risk>>, id) ?? null;
  const sections: SheetSection[] = order.map((id) => ({
    id,
    title: titleOf(id),
    risk: sectionRisk(id),
    answers: bySection.get(id) ?? [],
  }));

  const askOf = (q: string) => questions.get(q)?.question.ask ?? flagged.get(q)?.ask ?? null;
  const findings: SheetFinding[] = [...r.findings]
    .sort(
      (a, b) =>
        a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
    )
    .map((f) => ({
      rule: f.rule,
      section: f.section,
      sectionTitle: titleOf(f.section),
      severity: f.severity,
      line: f.line,
      column: f.column,
      excerpt: f.excerpt,
      message: f.message,
      suppressed: f.suppressed ? { reason: f.suppressed.reason, by: f.suppressed.by } : null,
      because: (f.because ?? []).map((b) => place(b)),
      alsoAt: placesOf(f).repeats.map((p) => place(p)),
      check: placesOf(f).pointsAt.map((p) => place(p)),
    }));

  const rows = input.signoffs;
  const verified = rows.filter((s) => s.signature.status === 'verified').length;
  const summary =
    rows.length === 0
      ? 'No sign-offs: the record has not been signed.'
      : input.keyring === null
        ? `${rows.length} sign-off${rows.length === 1 ? '' : 's'}; signatures not checked (no keyring).`
        : `${verified} of ${rows.length} signature${rows.length === 1 ? '' : 's'} verified against the keyring ${input.keyring} when this sheet was made.`;

  return {
    format: SHEET_FORMAT,
    record: {
      id: r.id,
      status: file.status,
      statusLabel: STATUS_LABELS[file.status],
      asOf: latest(r.history.map((h) => h.at)),
    },
    story: { ...r.story },
    article: r.article ? { ...r.article } : null,
    checklist: {
      id: r.checklist.id,
      version: r.checklist.version,
      sha256: r.checklist.sha256,
      title: pack?.title ?? null,
      citations: citationNote(input),
    },
    assessment: {
      overall: r.assessment.overall,
      pending: r.assessment.pending,
      sections: sections.map((s) => ({ id: s.id, title: s.title, risk: s.risk })),
      actions: r.assessment.actions.map((a) => ({
        question: a.question,
        section: a.section,
        ask: askOf(a.question),
        text: a.text,
      })),
      referrals: r.assessment.referrals.map((x) => ({ ...x })),
    },
    sections,
    findings,
    signoffs: {
      keyring: input.keyring,
      summary,
      rows: [...rows],
      integrity: (input.integrity ?? []).map((c) => ({ name: c.name, ok: c.ok, detail: c.detail })),
    },
    history: r.history.map((h) => ({ ...h })),
    desk: deskPart(input, askOf),
    disclaimer: DISCLAIMER,
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "14 Mar 2025, 09:12 UTC" from an ISO time, in UTC whatever the machine's zone; the input
 * itself when it is not a time. Deterministic: no locale, no time zone database. */
export function displayTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

export const SIGNATURE_LABELS: Readonly<Record<SignoffRow['signature']['status'], string>> = {
  verified: 'Verified',
  failed: 'NOT VERIFIED',
  'not-checked': 'Not checked',
};
