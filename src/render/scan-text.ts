// The scan result as a linter would print it: one line per finding, grouped by section, then a
// summary. Meaning never rests on colour: the severity is always a word.
import { SECTION_IDS, type SectionId } from '../core/checklist/ids.js';
import type { Finding } from '../core/scan/finding.js';
import { placesOf } from '../core/scan/places.js';
import type { Severity } from '../core/scan/finding.js';
import type { OmittedFindings, StoryReading } from '../core/scan/scanner.js';
import { SEVERITIES } from '../core/scan/severity.js';
import { safeLine } from './text.js';

/** The canonical section order. */
export const SECTION_ORDER: readonly SectionId[] = SECTION_IDS;

export interface ScanResult {
  readonly article: { readonly path: string; readonly sha256: string; readonly bytes: number };
  readonly findings: readonly Finding[];
  /** Findings past the per-rule limit: counted, not listed. Absent when there are none. */
  readonly omitted?: readonly OmittedFindings[] | undefined;
  /** The story reading (rules files with `scanner: 2`). Absent otherwise. */
  readonly reading?: StoryReading | undefined;
}

export interface ScanTextOptions {
  readonly color: boolean;
  /** "paragraph" for .docx: positions are paragraph:column and are shown as ¶n:c. */
  readonly positions: 'line' | 'paragraph';
  readonly failOn: Severity;
  /** Show rule ids beside titles, and every place of a grouped finding. */
  readonly verbose?: boolean | undefined;
}

const ANSI: Record<Severity | 'dim' | 'bold', [string, string]> = {
  low: ['\u001b[36m', '\u001b[39m'],
  medium: ['\u001b[33m', '\u001b[39m'],
  high: ['\u001b[31m', '\u001b[39m'],
  blocker: ['\u001b[1;31m', '\u001b[22;39m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  bold: ['\u001b[1m', '\u001b[22m'],
};

function pad(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Findings counted by place: a finding that groups repeats counts each of its places (not the
 * places it only points at, `why`: those are where its problem lies, not more of it).
 */
export function places(findings: readonly Finding[]): number {
  return findings.reduce(
    (n, f) => n + 1 + (f.repeats?.filter((r) => r.why === undefined).length ?? 0),
    0,
  );
}

export function renderScanText(result: ScanResult, opts: ScanTextOptions): string {
  const paint = (style: keyof typeof ANSI, s: string) =>
    opts.color ? `${ANSI[style][0]}${s}${ANSI[style][1]}` : s;
  const name = result.article.path === '-' ? '<stdin>' : safeLine(result.article.path);
  const where = (f: Finding) =>
    opts.positions === 'paragraph'
      ? `${name}:¶${f.line}:${f.column}`
      : `${name}:${f.line}:${f.column}`;
  const findings = result.findings;
  const omitted = result.omitted ?? [];
  const out: string[] = [];
  const reading = result.reading;
  // "general news" says nothing worth a line when nothing was found.
  if (reading && (findings.length > 0 || reading.kind !== 'general')) {
    const first = reading.evidence[0];
    const why = first
      ? ` — ${opts.positions === 'paragraph' ? '¶' : 'line '}${first.line}: '${safeLine(first.excerpt)}'`
      : '';
    out.push(`${paint('bold', 'Reads as:')} ${safeLine(reading.label)}${why}`, '');
  }
  if (findings.length === 0) return `${out.map((l) => `${l}\n`).join('')}${name}: no findings\n`;

  const locWidth = Math.max(...findings.map((f) => where(f).length));
  if (opts.positions === 'paragraph')
    out.push(paint('dim', `${name}: positions are paragraph:column (¶) in this .docx`), '');
  for (const section of SECTION_ORDER) {
    const inSection = findings.filter((f) => f.section === section);
    if (inSection.length === 0) continue;
    const more = omitted.filter((o) => o.section === section);
    const total = places(inSection) + more.reduce((n, o) => n + o.open + o.suppressed, 0);
    out.push(paint('bold', `${section} (${total})`));
    for (const f of inSection) {
      // The excerpt is the article's own text: any control character in it is shown, not sent.
      const head = f.title !== undefined ? `${safeLine(f.title)}: ` : '';
      const text = `${head}${safeLine(f.message)} "${safeLine(f.excerpt)}"`;
      // A titled rule shows its title; the id only under --verbose (it stays in JSON).
      const id = f.title === undefined || opts.verbose ? `  ${paint('dim', safeLine(f.rule))}` : '';
      const line = `  ${pad(where(f), locWidth)}  ${paint(f.severity, pad(f.severity, 7))}  ${pad(section, 12)}  ${text}${id}`;
      out.push(
        f.suppressed
          ? `${line}  ${paint('dim', `(suppressed by ${f.suppressed.by}: ${safeLine(f.suppressed.reason)})`)}`
          : line,
      );
      const indent = ' '.repeat(locWidth + 4);
      if (f.because && f.because.length > 0) {
        const list = f.because.map(
          (b) => `${safeLine(b.why)} (${b.line}:${b.column} "${safeLine(b.excerpt)}")`,
        );
        out.push(`${indent}${paint('dim', `because: ${list.join('; ')}`)}`);
      }
      const { repeats: own, pointsAt: pointed } = placesOf(f);
      if (own.length > 0) {
        const shown = opts.verbose ? own : own.slice(0, 5);
        // A story-level finding's places are other words: each says which.
        const places = shown
          .map((r) =>
            r.excerpt === undefined
              ? `${r.line}:${r.column}`
              : `${r.line}:${r.column} "${safeLine(r.excerpt)}"`,
          )
          .join(', ');
        const rest = own.length - shown.length;
        out.push(
          `${indent}${paint('dim', `also at ${places}${rest > 0 ? ` and ${rest} more` : ''} (${plural(own.length + 1, 'time')} in all)`)}`,
        );
      }
      if (pointed.length > 0) {
        const shown = opts.verbose ? pointed : pointed.slice(0, 5);
        const list = shown
          .map((r) => `${r.line}:${r.column} "${safeLine(r.excerpt ?? '')}" (${safeLine(r.why!)})`)
          .join(', ');
        const rest = pointed.length - shown.length;
        out.push(`${indent}${paint('dim', `check ${list}${rest > 0 ? ` and ${rest} more` : ''}`)}`);
      }
    }
    for (const o of more) {
      const note =
        o.suppressed === 0
          ? ''
          : o.open === 0
            ? ' (all suppressed)'
            : ` (${o.suppressed} of them suppressed)`;
      out.push(
        `  … and ${o.open + o.suppressed} more ${paint('dim', safeLine(o.rule))} findings, not listed${note}`,
      );
    }
    out.push('');
  }
  const open = findings.filter((f) => f.suppressed === undefined);
  // Counted, not listed: the omitted findings of each severity.
  const moreOpen = (severity?: Severity) =>
    omitted.reduce(
      (n, o) => n + (severity === undefined || o.severity === severity ? o.open : 0),
      0,
    );
  const counts = [...SEVERITIES]
    .reverse()
    .map((s) => [s, places(open.filter((f) => f.severity === s)) + moreOpen(s)] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const suppressed =
    places(findings) - places(open) + omitted.reduce((n, o) => n + o.suppressed, 0);
  const sections = new Set(findings.map((f) => f.section)).size;
  const rank = SEVERITIES.indexOf(opts.failOn);
  const failing =
    places(open.filter((f) => SEVERITIES.indexOf(f.severity) >= rank)) +
    SEVERITIES.slice(rank).reduce((n, s) => n + moreOpen(s), 0);
  let summary = `${plural(places(open) + moreOpen(), 'finding')}${counts.length ? ` (${counts.join(', ')})` : ''} in ${plural(sections, 'section')}`;
  if (suppressed > 0) summary += `, ${suppressed} suppressed`;
  summary +=
    failing > 0 ? `; ${failing} at or above ${opts.failOn}` : `; none at or above ${opts.failOn}`;
  out.push(summary);
  return `${out.join('\n')}\n`;
}
