// Small context helpers for the sentence-level detectors (allegation as fact, threats, legal
// terms): the words of a sentence, whether an offset sits inside a quotation, and a regular
// expression built from a list of phrases.
import type { Mentions } from '../mentions.js';
import type { Tokens } from '../tokens.js';
import { eachMatch, SKIP_FROM, skipExpressions } from '../regex-skip.js';

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

const MERGE_GAP = 200;

/** Every registered trigger word, with a bit per trigger set that holds it. */
const TRIGGER_BITS = new Map<string, number>();
let triggerSets = 0;

/**
 * Register a set of trigger words (at module load); returns the id `sentencesWith` takes. All
 * sets are looked up in one pass over the words per scan, whatever their number (at most 31).
 */
export function triggerSet(words: string): number {
  const bit = 1 << triggerSets++;
  if (triggerSets > 31) throw new Error('too many trigger sets');
  for (const w of wordSet(words)) TRIGGER_BITS.set(w, (TRIGGER_BITS.get(w) ?? 0) | bit);
  return bit;
}

/** Per sentence, the trigger sets that have a word in it: one pass per scan, shared. */
const sentenceBits = new WeakMap<Tokens, Int32Array>();

function bitsOf(m: Mentions, tokens: Tokens): Int32Array {
  let bits = sentenceBits.get(tokens);
  if (bits !== undefined) return bits;
  bits = new Int32Array(m.sentenceStart.length);
  for (let t = 0; t < tokens.count; t++) {
    const w = tokens.words[t] as string;
    let b = TRIGGER_BITS.get(w);
    if (b === undefined) {
      const n = w.length;
      const q = n > 2 && w.charCodeAt(n - 1) === 115 ? w.charCodeAt(n - 2) : 0;
      if (q !== 39 && q !== 0x2019) continue;
      b = TRIGGER_BITS.get(w.slice(0, -2));
      if (b === undefined) continue;
    }
    const id = m.sentence[t] as number;
    bits[id] = (bits[id] as number) | b;
  }
  sentenceBits.set(tokens, bits);
  return bits;
}

/** The ranges already found per scan and trigger set (copies are handed out). */
const rangesOf = new WeakMap<Tokens, Map<number, readonly (readonly [number, number])[]>>();

/**
 * The text ranges of the sentences that hold at least one word of a trigger set (a possessive
 * "'s" is ignored), merged where they are close. Detectors run their regular expressions only
 * there, so a draft pays for a phrase table only where one of its words occurs.
 */
export function sentencesWith(
  m: Mentions,
  tokens: Tokens,
  text: string,
  set: number,
): [number, number][] {
  // Detectors that share a trigger set (call-to-harm and reprisal-language) share the ranges.
  let perSet = rangesOf.get(tokens);
  if (perSet === undefined)
    rangesOf.set(tokens, (perSet = new Map<number, readonly (readonly [number, number])[]>()));
  const known = perSet.get(set);
  if (known !== undefined) return known.map(([a, b]) => [a, b]);
  const bits = bitsOf(m, tokens);
  const out: [number, number][] = [];
  for (let id = 0; id < bits.length; id++) {
    if (((bits[id] as number) & set) === 0) continue;
    const start = tokens.starts[m.sentenceStart[id] as number] as number;
    const next = m.sentenceStart[id + 1];
    const end = next === undefined ? text.length : (tokens.starts[next] as number);
    // Ranges a few words apart are read as one: fewer, longer slices.
    const prev = out.at(-1);
    if (prev !== undefined && prev[1] + MERGE_GAP >= start) prev[1] = end;
    else out.push([start, end]);
  }
  perSet.set(
    set,
    out.map(([a, b]) => [a, b]),
  );
  return out;
}

/**
 * V8 first runs a regular expression on a short string (under 1,000 characters) through its
 * bytecode interpreter, and compiles it to machine code only at the next run: two compilations.
 * For the phrase tables here (Unicode letter classes, case-insensitive) each compilation costs
 * tens of milliseconds, and the bytecode one is the dearer: together about half a second of a
 * `prepub scan`, whatever the size of the draft. A first run on a string of 1,000 characters or
 * more compiles straight to machine code; `prime` gives each expression that first run once per
 * process, on a string of the same kind (one or two bytes a character) as the text. It changes
 * speed only: the result of the priming run is thrown away.
 */
const primed = new WeakSet<RegExp>();
const PRIME_LENGTH = 1000;

function prime(expressions: readonly RegExp[], text: string): void {
  let sample: string | undefined;
  for (const re of expressions) {
    if (primed.has(re)) continue;
    primed.add(re);
    // The text's own first characters, so the string holds the same kinds of character as the
    // slices will; padded with spaces when the text is shorter.
    sample ??=
      text.length >= PRIME_LENGTH ? text.slice(0, PRIME_LENGTH) : text.padEnd(PRIME_LENGTH);
    re.lastIndex = 0;
    re.exec(sample);
    re.lastIndex = 0;
  }
}

/** Every match of a global regular expression inside the ranges, with text offsets. */
export function execIn(
  re: RegExp,
  text: string,
  ranges: readonly (readonly [number, number])[],
): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  if (ranges.length === 0) return out;
  let length = 0;
  for (const [a, b] of ranges) length += b - a;
  // Over a short draft the plain loop is cheaper from a cold start (regex-skip.ts, SKIP_FROM).
  const skip = length >= SKIP_FROM ? skipExpressions(re, text) : null;
  prime(skip ?? [re], text);
  for (const [a, b] of ranges) {
    eachMatch(
      re,
      text.slice(a, b),
      (r) => {
        r.index += a;
        out.push(r);
      },
      skip !== null,
    );
  }
  return out;
}
