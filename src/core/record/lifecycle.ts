// Status transitions of a record: draft → filed → approved | returned, and back to draft when an
// answer changes after a signature. Pure: records in, records out.
import { unmitigatedBlockers } from '../checklist/engine.js';
import type { HistoryEntry, RecordBody, RecordFile } from './schema.js';
import type { FlaggedItem } from '../checklist/assessment.js';
import type { Finding } from '../scan/finding.js';
import { ruleTitle } from './item-title.js';

function iso(now: Date | string): string {
  return typeof now === 'string' ? now : now.toISOString();
}

/**
 * Call when an answer changes. A record that was filed, returned or approved goes back to
 * `draft`; its history and its signatures are kept (they no longer cover the working copy, so
 * `verify` fails until it is filed again). A draft is returned unchanged.
 */
export function reopenIfSigned(file: RecordFile, by: string, now: Date | string): RecordFile {
  if (file.status === 'draft') return file;
  const entry: HistoryEntry = {
    at: iso(now),
    event: 'reopened',
    by,
    detail: `was ${file.status}; an answer changed after signing, so it must be filed again`,
  };
  return {
    ...file,
    status: 'draft',
    record: { ...file.record, history: [...file.record.history, entry] },
  };
}

/** Why the record cannot be filed yet: one line per reason; empty when it can. */
export function filingBlockers(record: RecordBody): string[] {
  const out: string[] = [];
  const { pending } = record.assessment;
  if (pending > 0)
    out.push(
      `${pending} question${pending === 1 ? '' : 's'} still to answer (prepub check --resume)`,
    );
  for (const f of unmitigatedBlockers(record.assessment)) {
    out.push(`${f.question}: a blocker answer needs a lawyer referral or a mitigation note`);
  }
  if (!record.article) out.push('the record names no article: file needs the text it covers');
  return out;
}

/** One thing a reviewer looks at: a flagged answer, or a scan finding the reporter suppressed. */
export interface ReviewItem {
  /** The question id, or `finding:<rule>@<line>:<column>`. */
  readonly id: string;
  /** A flagged answer, a suppressed finding, or an item queried last round and answered since. */
  readonly kind: 'flagged' | 'finding' | 'query';
  readonly section: string;
  readonly title: string;
  readonly answer?: string;
  readonly level: string;
  readonly lawyer: boolean;
  readonly note?: string;
  readonly why: string;
  /** A blocker, a lawyer referral, or a "no" to a question a finding raised: never accepted
   * without an item review (one by one at the prompts; `--reviews` or `--accept-all` without). */
  readonly serious: boolean;
  /** The desk queried this item last round and the reporter has replied in this filing. */
  readonly replied?: boolean;
}

const LOW_LEVELS = new Set(['none', 'low', 'medium']);

/** Whether an item may be accepted with the rest of its section in one step: not serious, below
 * high risk, and not a query the reporter has answered (that one is read on its own). */
export function bulkAcceptable(item: ReviewItem): boolean {
  return !item.serious && item.kind !== 'query' && !item.replied && LOW_LEVELS.has(item.level);
}

/** How a reviewer walks the items: section by section (in the order they first appear), each
 * serious item on its own, and a section's other items (two or more) offered in one step. */
export type ReviewStep =
  | { readonly kind: 'one'; readonly item: ReviewItem }
  | { readonly kind: 'section'; readonly section: string; readonly items: readonly ReviewItem[] };

export function reviewPlan(items: readonly ReviewItem[]): ReviewStep[] {
  const sections: string[] = [];
  for (const i of items) if (!sections.includes(i.section)) sections.push(i.section);
  const steps: ReviewStep[] = [];
  for (const section of sections) {
    const here = items.filter((i) => i.section === section);
    const bulk = here.filter(bulkAcceptable);
    for (const i of here)
      if (!bulk.includes(i) || bulk.length < 2) steps.push({ kind: 'one', item: i });
    if (bulk.length >= 2) steps.push({ kind: 'section', section, items: bulk });
  }
  return steps;
}

/** The items no approval may pass over without an item review. */
export function seriousItems(items: readonly ReviewItem[]): ReviewItem[] {
  return items.filter((i) => i.serious);
}

export function findingItemId(f: Finding): string {
  return `finding:${f.rule}@${f.line}:${f.column}`;
}

function flaggedItem(f: FlaggedItem, rule: (id: string) => string): ReviewItem {
  const why = f.reasons
    .map((r) =>
      r === 'risk'
        ? `risk ${f.risk}`
        : r === 'lawyer'
          ? 'referred to a lawyer'
          : `raised by the copy (${f.raisedBy.map(rule).join(', ') || 'a finding'})`,
    )
    .join('; ');
  return {
    id: f.question,
    kind: 'flagged',
    section: f.section,
    title: f.ask,
    answer: f.answer,
    level: f.risk,
    lawyer: f.lawyer,
    ...(f.note !== undefined ? { note: f.note } : {}),
    why,
    serious: f.risk === 'blocker' || f.lawyer || f.reasons.includes('finding'),
  };
}

/**
 * The items a reviewer in `role` must look at, in record order. An editor sees every flagged
 * answer and every suppressed finding; a lawyer the items referred to a lawyer.
 */
export function reviewItems(record: RecordBody, role: 'editor' | 'lawyer'): ReviewItem[] {
  const rule = (id: string) => ruleTitle(id, record.findings.find((x) => x.rule === id)?.message);
  const flagged = record.assessment.flagged
    .filter((f) => role === 'editor' || f.lawyer)
    .map((f) => flaggedItem(f, rule));
  if (role === 'lawyer') {
    for (const r of record.assessment.referrals) {
      if (!flagged.some((i) => i.id === r.question)) {
        flagged.push({
          id: r.question,
          kind: 'flagged',
          section: r.section,
          title: r.ask,
          answer: r.answer,
          level: r.risk,
          lawyer: true,
          why: 'referred to a lawyer',
          serious: true,
        });
      }
    }
    return flagged;
  }
  const suppressed = record.findings
    .filter((f) => f.suppressed)
    .map((f): ReviewItem => ({
      id: findingItemId(f),
      kind: 'finding',
      section: f.section,
      title: `${ruleTitle(f.rule, f.message)} (line ${f.line}: "${f.excerpt}")`,
      level: f.severity,
      lawyer: false,
      note: f.suppressed?.reason ?? '',
      why: `finding suppressed by ${f.suppressed?.by === 'flag' ? 'a command-line flag' : 'a comment in the article'}`,
      serious: f.severity === 'blocker',
    }));
  return [...flagged, ...suppressed];
}

export function withHistory(file: RecordFile, entry: HistoryEntry): RecordBody {
  return { ...file.record, history: [...file.record.history, entry] };
}
