// What a detector gets and gives. Detectors are pure: text in, spans out.
import type { Tokens } from '../tokens.js';
import { eachMatch, SKIP_FROM } from '../regex-skip.js';

/** A match: offsets into the text, `end` exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface DetectorInput {
  readonly text: string;
  readonly tokens: Tokens;
  /** Another detector's spans, computed once per scan (person names are shared, say). */
  readonly detect: (name: string) => readonly Span[];
}

export type Detector = (input: DetectorInput) => Span[];

/** Run a global regular expression over the text; `accept` may veto or reshape a match. */
export function regexSpans(
  text: string,
  re: RegExp,
  accept: (m: RegExpExecArray) => Span | boolean = () => true,
): Span[] {
  const out: Span[] = [];
  // The matches of `re.exec` in a loop (an empty match skipped), found in two steps over a long
  // text (regex-skip.ts).
  eachMatch(
    re,
    text,
    (m) => {
      const verdict = accept(m);
      if (verdict === true) out.push({ start: m.index, end: m.index + m[0].length });
      else if (verdict !== false) out.push(verdict);
    },
    text.length >= SKIP_FROM,
  );
  return out;
}

const UPPER_WORD = /^[A-Z]{2,}$/;

/**
 * True when the span stands apart from capitalised prose: a headline in capitals ("B52 HIT
 * TOWN") is not a registration mark. Looks at the words either side on the same line.
 */
export function isolatedFromCapitals(text: string, start: number, end: number): boolean {
  const before = /([A-Za-z]+)[ \t]*$/.exec(text.slice(Math.max(0, start - 24), start));
  const after = /^[ \t]*([A-Za-z]+)/.exec(text.slice(end, end + 24));
  if (
    before?.[1] &&
    UPPER_WORD.test(before[1]) &&
    before.index + before[0].length === Math.min(24, start)
  )
    return false;
  if (after?.[1] && UPPER_WORD.test(after[1])) return false;
  return true;
}
