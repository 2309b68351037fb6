// Small context helpers for the sentence-level detectors (allegation as fact, threats, legal
// terms): the words of a sentence, whether an offset sits inside a quotation, and a regular
// expression built from a list of phrases.
import type { Mentions } from '../mentions.js';
import type { Tokens } from '../tokens.js';

/** The lower-cased words of sentence `id`, from token `from` (inclusive) to `to` (inclusive). */
export function wordsBetween(tokens: Tokens, from: number, to: number): string[] {
  const out: string[] = [];
  for (let t = Math.max(0, from); t <= to && t < tokens.count; t++)
    out.push(tokens.words[t] as string);
  return out;
}

/** The lower-cased words of a whole sentence. */
export function sentenceWords(m: Mentions, tokens: Tokens, id: number): string[] {
  const from = m.sentenceStart[id];
  const to = m.sentenceEnd[id];
  return from === undefined || to === undefined ? [] : wordsBetween(tokens, from, to);
}

export function hasAny(words: readonly string[], set: ReadonlySet<string>): boolean {
  return words.some((w) => set.has(w) || set.has(w.replace(/['’]s$/, '')));
}

/**
 * True when `offset` is inside a quotation in its paragraph: an odd number of straight double
 * quotes before it, or an opening curly quote not yet closed. Looks back at most 3,000
 * characters, to the last blank line.
 */
export function insideQuote(text: string, offset: number): boolean {
  let straight = 0;
  let curly = 0;
  const stop = Math.max(0, offset - 3000);
  for (let k = offset - 1; k >= stop; k--) {
    const c = text.charCodeAt(k);
    if (c === 10 && k > 0 && text.charCodeAt(k - 1) === 10) break;
    if (c === 34) straight++;
    else if (c === 0x201c) curly++;
    else if (c === 0x201d) curly--;
  }
  return straight % 2 === 1 || curly > 0;
}

/**
 * A global regular expression matching any of the phrases on word boundaries; case-insensitive
 * unless `caseSensitive` (needed for phrases that use \\p{Lu} for a proper name).
 */
export function phraseRegex(phrases: readonly string[], caseSensitive = false): RegExp {
  return new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${phrases.join('|')})(?![\\p{L}\\p{N}])`,
    caseSensitive ? 'gu' : 'giu',
  );
}

export function wordSet(words: string): ReadonlySet<string> {
  return new Set(words.split(/\s+/).filter((w) => w.length > 0));
}
