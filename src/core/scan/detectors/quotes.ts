// Changes inside direct quotes: a bracketed insertion ("he [the defendant] lied") or an
// ellipsis ("I did not … touch her"). Quotes are "straight" or “curly”, within a paragraph.
import type { Detector, Span } from './types.js';

const QUOTE = /"([^"\n]{1,800}(?:\n(?![ \t]*\n)[^"\n]{1,800}){0,20})"|“([^“”]{1,4000}?)”/g;
const BRACKETED = /\[[^[\]\n]{1,120}\]/g;
const ELLIPSIS = /\.\.\.|…/g;

function within(text: string, inner: RegExp): Span[] {
  const out: Span[] = [];
  QUOTE.lastIndex = 0;
  for (let q = QUOTE.exec(text); q !== null; q = QUOTE.exec(text)) {
    const body = q[1] ?? q[2] ?? '';
    const bodyStart = q.index + 1;
    inner.lastIndex = 0;
    for (let m = inner.exec(body); m !== null; m = inner.exec(body)) {
      out.push({ start: bodyStart + m.index, end: bodyStart + m.index + m[0].length });
    }
  }
  return out;
}

export const bracketedInsertion: Detector = ({ text }) =>
  within(text, BRACKETED).filter(
    // A Markdown link inside a quote is not an insertion.
    (s) => text.charAt(s.end) !== '(',
  );

export const quoteEllipsis: Detector = ({ text }) => within(text, ELLIPSIS);
