// Which lines of the article an item is about, so a reviewer (and the reporter answering a query)
// reads the words in the copy, not only the note: the spans of the findings behind the item, and
// the lines a note or a query names ("line 5", "lines 3 and 5", "lines 3-5"). Pure.
import type { RecordBody } from './schema.js';

/** One line of the article as shown beside an item. */
export interface CopyLine {
  readonly line: number;
  readonly text: string;
}

const MENTION = /\b(?:lines?|ll?\.)\s*(\d{1,6}(?:\s*(?:,|and|&|-|–|to)\s*\d{1,6})*)/gi;

/** The line numbers a piece of text names: "line 5", "lines 3 and 5", "lines 3-5", "l. 4". */
export function linesMentioned(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(MENTION)) {
    const parts = m[1]!.split(/\s*(,|and|&|-|–|to)\s*/i);
    let prev: number | undefined;
    let range = false;
    for (const part of parts) {
      if (/^(-|–|to)$/i.test(part)) {
        range = true;
        continue;
      }
      if (!/^\d+$/.test(part)) continue;
      const n = Number(part);
      if (range && prev !== undefined && n >= prev && n - prev <= 50)
        for (let k = prev + 1; k <= n; k++) out.push(k);
      else out.push(n);
      prev = n;
      range = false;
    }
  }
  return out;
}

/**
 * The lines an item is about: for a question, the findings that raised it (open or suppressed);
 * for a finding item (`finding:<rule>@<line>:<column>`), its own span; and the lines named in
 * `texts` (the reporter's note, a query, a reply). Sorted, without duplicates.
 */
export function itemLines(
  record: RecordBody,
  item: string,
  texts: readonly string[] = [],
): number[] {
  const lines = new Set<number>();
  const span = (start: number, end: number) => {
    for (let k = start; k <= Math.max(start, Math.min(end, start + 10)); k++) lines.add(k);
  };
  const own = /^finding:(.+)@(\d+):(\d+)$/.exec(item);
  for (const f of record.findings) {
    const about = own
      ? f.rule === own[1] && f.line === Number(own[2]) && f.column === Number(own[3])
      : f.questions.includes(item);
    if (about) span(f.line, f.endLine);
  }
  if (own && lines.size === 0) lines.add(Number(own[2]));
  const note = record.answers[item]?.note;
  for (const t of [...texts, ...(note ? [note] : [])])
    for (const n of linesMentioned(t)) lines.add(n);
  return [...lines].filter((n) => n >= 1).sort((a, b) => a - b);
}

/** Those lines of the text (lines past its end are left out), at most `max` of them. */
export function copyLines(text: string, lines: readonly number[], max = 8): CopyLine[] {
  const all = text.split(/\r\n|\r|\n/);
  return lines
    .filter((n) => n <= all.length)
    .slice(0, max)
    .map((n) => ({ line: n, text: all[n - 1]! }));
}
