// Context around a match: the helpers a rule (or a detector) uses to judge a word by its
// surroundings rather than by itself. Pure; everything is computed lazily, once per scan.
//
// API (small on purpose; detectors may call it too):
//
//   const ctx = new ScanContext(text, tokens)      one per scan (the scanner makes it)
//   ctx.sentenceOf(span)            → [start, end) offsets of the sentence holding the span
//   ctx.scope(span)                 → 'negated' | 'hypothetical' | undefined: is the match inside
//                                     the scope of "not/never/no/…" or "if/would/could/whether…"
//                                     in its own clause ("has not been arrested", "if they had
//                                     been charged", "no arrest has been made")
//   ctx.denied(span)                → true when the clause says it is denied ("denies fraud",
//                                     "rejected the allegations")
//   ctx.inQuote(span)               → true when the span is inside quotation marks
//   ctx.attribution(span)           → the attribution of the sentence ("police said",
//                                     "according to", "sources say") or undefined
//   ctx.nearest(span, spans, within, sameSentence)
//                                   → the closest of `spans` within `within` words, or undefined
//
// Words are counted as tokens (tokens.ts); sentences end at . ! ? before a space or a closing
// quote, or at a blank line (the scanner's sentenceIds).
import type { Span } from './detectors/types.js';
import { floorIndex } from './positions.js';
import type { Tokens } from './tokens.js';
import { sentenceStarts } from './sentences.js';

export type Scope = 'negated' | 'hypothetical';

const NEGATORS = new Set([
  'not',
  'never',
  'no',
  'nobody',
  'neither',
  'nor',
  'without',
  "isn't",
  "wasn't",
  "aren't",
  "weren't",
  "hasn't",
  "haven't",
  "hadn't",
  "didn't",
  "doesn't",
  "don't",
  "won't",
  "wouldn't",
  'cannot',
  "can't",
  'isn’t',
  'wasn’t',
  'hasn’t',
  'haven’t',
  'hadn’t',
  'didn’t',
  'doesn’t',
  'won’t',
]);
const HYPOTHETICAL = new Set(['if', 'unless', 'whether', 'would', 'could', 'might', 'should']);
const DENIALS = new Set([
  'denies',
  'denied',
  'deny',
  'denying',
  'rejects',
  'rejected',
  'disputes',
  'disputed',
]);
/** Words that start a new clause: the scope of a negation does not reach past them. */
const CLAUSE_BREAK = new Set([
  'but',
  'and',
  'although',
  'though',
  'however',
  'after',
  'before',
  'when',
  'while',
  'who',
  'which',
  'because',
  'so',
  'then',
]);

/** How many words back a negation or a condition reaches. */
const SCOPE_WORDS = 6;

// "said Smith" needs the capital of a name after the verb: checked in code, since under the `i`
// flag \p{Lu} matches a small letter too ("said nothing" is no attribution).
const ATTRIBUTION =
  /(?<![\p{L}])(?:police said|a spokes(?:man|woman|person) (?:for [\p{L} ]{1,40})?said|said in a statement|according to|sources? (?:say|said|claim|close to)|it is (?:claimed|alleged|understood)|(?:he|she|they|it) (?:said|says|claimed|claims|alleged|alleges|told)|(?:said|says|claimed|alleged|told)(?= \p{L}))(?![\p{L}])/giu;
const BARE_VERB = /^(?:said|says|claimed|alleged|told)$/i;
const NAME_NEXT = /^ \p{Lu}/u;
const PRONOUN_NEXT = /^ (?:he|she|they|police|officers)(?![\p{L}])/iu;

/** Does text[from, to) hold a comma, semicolon, colon, bracket, en or em dash? */
function breaksClause(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 44 || c === 59 || c === 58 || c === 40 || c === 41 || c === 0x2013 || c === 0x2014)
      return true;
  }
  return false;
}

export class ScanContext {
  private sentenceStarts?: Int32Array;
  private quoteRanges?: Int32Array;

  constructor(
    readonly text: string,
    readonly tokens: Tokens,
  ) {}

  /** First token whose start is >= offset. */
  tokenAt(offset: number): number {
    return floorIndex(this.tokens.starts, offset - 1) + 1;
  }

  /** Offsets where sentences start, in order. */
  private sentences(): Int32Array {
    if (this.sentenceStarts) return this.sentenceStarts;
    return (this.sentenceStarts = sentenceStarts(this.text, this.tokens));
  }

  sentenceOf(span: Span): [number, number] {
    const starts = this.sentences();
    const k = Math.max(0, floorIndex(starts, span.start));
    return [starts[k] as number, starts[k + 1] ?? this.text.length];
  }

  /** Is the span in the scope of a negation or a condition in its own clause? */
  scope(span: Span): Scope | undefined {
    const { text, tokens } = this;
    const first = this.tokenAt(span.start);
    const [sentenceStart] = this.sentenceOf(span);
    for (let i = first - 1, n = 0; i >= 0 && n < SCOPE_WORDS; i--, n++) {
      if ((tokens.starts[i] as number) < sentenceStart) break;
      // A comma, semicolon, colon or bracket between this word and the next ends the clause.
      if (breaksClause(text, tokens.ends[i] as number, tokens.starts[i + 1] ?? text.length)) break;
      const word = tokens.words[i] as string;
      if (NEGATORS.has(word) || word.endsWith("n't") || word.endsWith('n’t')) return 'negated';
      if (HYPOTHETICAL.has(word)) return 'hypothetical';
      if (CLAUSE_BREAK.has(word)) break;
    }
    return undefined;
  }

  /** Does the clause say the matter is denied ("denies fraud", "rejected the allegations")? */
  denied(span: Span): boolean {
    const { tokens } = this;
    const first = this.tokenAt(span.start);
    const [sentenceStart, sentenceEnd] = this.sentenceOf(span);
    for (let i = Math.max(0, first - SCOPE_WORDS); i < tokens.count; i++) {
      const s = tokens.starts[i] as number;
      if (s < sentenceStart) continue;
      if (s >= sentenceEnd || s > span.end + 60) break;
      if (DENIALS.has(tokens.words[i] as string)) return true;
    }
    return false;
  }

  /** Pairs of quotation marks ("…", “…”), each closed within its paragraph: [open, close, …]. */
  private quotes(): Int32Array {
    if (this.quoteRanges) return this.quoteRanges;
    const text = this.text;
    const out: number[] = [];
    let open = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x201c) open = i;
      else if (c === 0x201d) {
        if (open >= 0) out.push(open, i + 1);
        open = -1;
      } else if (c === 34) {
        if (open >= 0) {
          out.push(open, i + 1);
          open = -1;
        } else open = i;
      } else if (c === 10 && text.charCodeAt(i + 1) === 10) {
        open = -1; // a quote left open at a paragraph's end closes nothing
      }
    }
    return (this.quoteRanges = Int32Array.from(out));
  }

  inQuote(span: Span): boolean {
    const q = this.quotes();
    // Opens are at even indices; find the last open at or before the span.
    let lo = 0;
    let hi = q.length / 2 - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if ((q[mid * 2] as number) <= span.start) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && (q[found * 2 + 1] as number) >= span.end;
  }

  /** The attribution phrase of the span's sentence, if it has one. */
  attribution(span: Span): string | undefined {
    const [a, b] = this.sentenceOf(span);
    const sentence = this.text.slice(a, Math.min(b, a + 600));
    ATTRIBUTION.lastIndex = 0;
    for (let m = ATTRIBUTION.exec(sentence); m; m = ATTRIBUTION.exec(sentence)) {
      if (!BARE_VERB.test(m[0])) return m[0];
      const next = sentence.slice(m.index + m[0].length, m.index + m[0].length + 12);
      if (NAME_NEXT.test(next) || PRONOUN_NEXT.test(next)) return m[0];
    }
    return undefined;
  }

  /**
   * The closest of `spans` (sorted by start) within `within` words of `span`; in the same
   * sentence when `sameSentence`. Linear in the spans near the match only (binary search).
   */
  nearest(
    span: Span,
    spans: readonly Span[],
    within: number,
    sameSentence: boolean,
  ): Span | undefined {
    if (spans.length === 0) return undefined;
    const { tokens } = this;
    const a = this.tokenAt(span.start);
    const b = Math.max(a, floorIndex(tokens.starts, span.end - 1));
    const lo = tokens.starts[Math.max(0, a - within - 1)] ?? 0;
    const hiTok = Math.min(tokens.count - 1, b + within + 1);
    const hi = tokens.ends[hiTok] ?? this.text.length;
    const [ss, se] = sameSentence ? this.sentenceOf(span) : [0, this.text.length];
    const from = Math.max(lo, ss);
    const to = Math.min(hi, se);
    // First candidate starting at or after `from`.
    let k = 0;
    let l = 0;
    let h = spans.length - 1;
    k = spans.length;
    while (l <= h) {
      const m = (l + h) >>> 1;
      if ((spans[m] as Span).start >= from) {
        k = m;
        h = m - 1;
      } else l = m + 1;
    }
    // A span that started before `from` may still reach into the window.
    if (k > 0 && (spans[k - 1] as Span).end > from) k--;
    let best: Span | undefined;
    let bestDistance = Infinity;
    for (; k < spans.length; k++) {
      const s = spans[k] as Span;
      if (s.start >= to) break;
      if (s.end > span.start && s.start < span.end) continue; // the match itself
      const d = s.start >= span.end ? s.start - span.end : span.start - s.end;
      if (d < bestDistance) {
        best = s;
        bestDistance = d;
      }
    }
    return best;
  }
}
