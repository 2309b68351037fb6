// Plain-text rendering of filing, review, verification and status results. Meaning is carried
// by words and symbols (✓ ✗), never by colour alone; no colour is used here.
import type { ReviewItem } from '../record/lifecycle.js';
import type { RecordFile } from '../record/schema.js';
import type { VerifyResult } from '../signing/verify.js';

export function renderChecks(file: string, result: VerifyResult): string {
  const width = Math.max(...result.checks.map((c) => c.name.length));
  const lines = result.checks.map(
    (c) =>
      `${c.ok ? '✓' : '✗'} ${c.name.padEnd(width)}  ${c.ok ? 'ok    ' : 'FAILED'}  ${c.detail}`,
  );
  const verdict = result.ok
    ? `${file}: verified — approved, signed by trusted keys`
    : `${file}: NOT verified (${result.checks.filter((c) => !c.ok).length} failed)`;
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
  return [
    `${story.headline}`,
    `  slug ${story.slug} · desk ${story.desk} · reporter ${story.reporter}`,
    `  filed ${when(filedAt)}${filedBy ? ` by ${filedBy}` : ''} · status ${file.status}`,
    `  overall risk: ${assessment.overall}`,
    '',
  ].join('\n');
}

export function renderItem(item: ReviewItem, n: number, total: number): string {
  const lines = [
    `[${n}/${total}] ${item.section} · ${item.level}${item.lawyer ? ' · LAWYER' : ''} · ${item.id}`,
    `  ${item.title}`,
  ];
  if (item.answer !== undefined) lines.push(`  answer: ${item.answer}`);
  lines.push(`  why: ${item.why}`);
  lines.push(`  reporter's note: ${item.note?.trim() ? item.note : '(none)'}`);
  return `${lines.join('\n')}\n`;
}

export interface StatusRow {
  readonly path: string;
  readonly slug: string;
  readonly headline: string;
  readonly reporter: string;
  readonly status: string;
  readonly risk: string;
  readonly lastChange: string | null;
  /** true: signatures verify; false: they do not; null: nothing signed, or no keyring to check with. */
  readonly valid: boolean | null;
  readonly problems: readonly string[];
}

function cut(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text.padEnd(width) : `${chars.slice(0, width - 1).join('')}…`;
}

export function renderStatus(rows: readonly StatusRow[], keyring: boolean): string {
  if (rows.length === 0) return 'No records (*.prepub.json) found.\n';
  const head = `${cut('SLUG', 24)}  ${cut('HEADLINE', 36)}  ${cut('REPORTER', 18)}  ${cut('STATUS', 9)}  ${cut('RISK', 7)}  ${cut('CHANGED', 21)}  VALID`;
  const lines = rows.map((r) => {
    const valid =
      r.valid === true ? '✓ yes' : r.valid === false ? `✗ no (${r.problems.join(', ')})` : '– n/a';
    return `${cut(r.slug, 24)}  ${cut(r.headline, 36)}  ${cut(r.reporter, 18)}  ${cut(r.status, 9)}  ${cut(r.risk, 7)}  ${cut(when(r.lastChange ?? undefined), 21)}  ${valid}`;
  });
  const foot = keyring
    ? `${rows.length} record${rows.length === 1 ? '' : 's'}`
    : `${rows.length} record${rows.length === 1 ? '' : 's'} (no keyring: signatures not checked)`;
  return `${head}\n${lines.join('\n')}\n${foot}\n`;
}
