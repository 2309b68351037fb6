// Plain-text rendering of filing, review, verification and status results. Meaning is carried
// by words and symbols (✓ ✗), never by colour alone; no colour is used here. Every value from a
// record or keyring is one terminal-safe line (safeLine): it can neither send an escape sequence
// nor forge a line of the verdict.
import type { StatusRow } from '../core/signing/status-row.js';
import type { ReviewItem } from '../core/record/lifecycle.js';
import type { RecordFile } from '../core/record/schema.js';
import type { VerifyResult } from '../core/signing/verify.js';
import type { CopyLine } from '../core/record/copy-lines.js';
import type { Thread } from '../core/signing/conversation.js';
import { safeLine } from './text.js';

export function renderChecks(file: string, result: VerifyResult): string {
  const width = Math.max(...result.checks.map((c) => safeLine(c.name).length));
  const lines = result.checks.map(
    (c) =>
      `${c.ok ? '✓' : '✗'} ${safeLine(c.name).padEnd(width)}  ${c.ok ? 'ok    ' : 'FAILED'}  ${safeLine(c.detail)}`,
  );
  const shown = safeLine(file);
  const verdict = result.ok
    ? `${shown}: verified — approved, signed by trusted keys`
    : `${shown}: NOT verified (${result.checks.filter((c) => !c.ok).length} failed)`;
  return `${lines.join('\n')}\n${verdict}\n`;
}

function when(iso: string | undefined): string {
  return iso
    ? iso
        .replace('T', ' ')
        .replace(/:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/, ' $2')
        .replace(' Z', ' UTC')
    : '—';
}

/** What a reviewer sees first: the story, who filed it and when, the overall risk. */
export function renderReviewHeader(
  file: RecordFile,
  filedAt: string | undefined,
  filedBy: string | undefined,
): string {
  const { story, assessment } = file.record;
  const s = safeLine;
  return [
    `${s(story.headline)}`,
    `  slug ${s(story.slug)} · desk ${s(story.desk)} · reporter ${s(story.reporter)}`,
    `  filed ${s(when(filedAt))}${filedBy ? ` by ${s(filedBy)}` : ''} · status ${file.status}`,
    `  overall risk: ${assessment.overall}`,
    '',
  ].join('\n');
}

export function renderItem(
  item: ReviewItem,
  n: number,
  total: number,
  options: { readonly verbose?: boolean; readonly section?: string } = {},
): string {
  const s = safeLine;
  const level =
    item.kind === 'query'
      ? 'queried last round'
      : item.kind === 'finding'
        ? `${item.level} finding`
        : `risk ${item.level}`;
  const lines = [
    `[${n}/${total}] ${s(options.section ?? item.section)} · ${level}${item.lawyer ? ' · REFER TO LAWYER' : ''}${options.verbose ? ` · ${s(item.id)}` : ''}`,
    `  ${s(item.title)}`,
  ];
  if (item.answer !== undefined) lines.push(`  answer: ${s(item.answer)}`);
  lines.push(`  why: ${s(item.why)}`);
  if (item.kind !== 'query')
    lines.push(`  reporter's note: ${item.note?.trim() ? s(item.note) : '(none)'}`);
  return `${lines.join('\n')}\n`;
}

function cut(text: string, width: number): string {
  const safe = safeLine(text);
  const chars = [...safe];
  return chars.length <= width ? safe.padEnd(width) : `${chars.slice(0, width - 1).join('')}…`;
}

export function renderStatus(
  rows: readonly StatusRow[],
  keyring: boolean,
  filters: Readonly<Record<string, string>> = {},
): string {
  const filtered = Object.entries(filters)
    .map(([k, v]) => `--${k} ${v}`)
    .join(' ');
  if (rows.length === 0)
    return filtered
      ? `No records match ${safeLine(filtered)}.\n`
      : 'No records (*.prepub.json) found.\n';
  const head = `${cut('PATH', 28)}  ${cut('SLUG', 24)}  ${cut('HEADLINE', 24)}  ${cut('DESK', 10)}  ${cut('REPORTER', 16)}  ${cut('STATUS', 9)}  ${cut('RISK', 7)}  ${cut('QUERIES', 7)}  ${cut('CHANGED', 21)}  VALID`;
  const lines = rows.map((r) => {
    const valid =
      r.valid === true
        ? '✓ yes'
        : r.valid === false
          ? `✗ no (${safeLine(r.problems.join(', '))})`
          : '– n/a';
    const notes = [
      (r.waitingFor ?? []).length > 0 ? `waiting for ${r.waitingFor!.join(' and ')}` : '',
      r.unbound ? 'unbound (article not found beside it)' : '',
    ].filter(Boolean);
    const queries = r.openQueries ? `${r.openQueries} open` : '';
    return `${cut(r.path, 28)}  ${cut(r.slug, 24)}  ${cut(r.headline, 24)}  ${cut(r.desk ?? '', 10)}  ${cut(r.reporter, 16)}  ${cut(r.status, 9)}  ${cut(r.risk, 7)}  ${cut(queries, 7)}  ${cut(when(r.lastChange ?? undefined), 21)}  ${valid}${notes.length > 0 ? ` · ${notes.join(' · ')}` : ''}`;
  });
  const n = `${rows.length} record${rows.length === 1 ? '' : 's'}${filtered ? ` matching ${safeLine(filtered)}` : ''}`;
  const foot = keyring ? n : `${n} (no keyring: signatures not checked)`;
  return `${head}\n${lines.join('\n')}\n${foot}\n`;
}

/** The article lines an item is about, indented under it: `    5 │ text`. */
export function renderCopy(lines: readonly CopyLine[]): string {
  if (lines.length === 0) return '';
  const width = String(Math.max(...lines.map((l) => l.line))).length;
  return `${lines.map((l) => `    ${String(l.line).padStart(width)} │ ${safeLine(l.text)}`).join('\n')}\n`;
}

/** One query, its reply and the decision on it: what a reviewer and the reporter read. */
export function renderThread(t: Thread, options: { readonly title?: string } = {}): string {
  const s = safeLine;
  const lines: string[] = [];
  if (options.title) lines.push(`  ${s(options.title)}`);
  lines.push(
    `  query (${s(t.query.by)}, ${t.query.role}, ${s(when(t.query.at))}): ${s(t.query.comment)}`,
  );
  if (t.reply)
    lines.push(
      `  reply (${s(t.reply.by)}, ${s(when(t.reply.at))}${t.replyFiled === null ? ', not filed yet' : ''}): ${s(t.reply.reply)}`,
    );
  else if (!t.open) lines.push('  reply: (none)');
  if (t.outcome)
    lines.push(
      `  ${t.outcome.decision} by ${s(t.outcome.by)} (${t.outcome.role})${t.outcome.comment ? `: ${s(t.outcome.comment)}` : ''}`,
    );
  return `${lines.join('\n')}\n`;
}
