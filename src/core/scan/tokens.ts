// Words of a text with their offsets, found once per scan and shared by every matcher.
// Hyphens split words ("far-right" is two tokens; phrase matching allows the hyphen back);
// apostrophes inside a word keep it whole ("O'Brien", "didn't").

export interface Tokens {
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Lower-cased words. */
  readonly words: readonly string[];
  /**
   * Per word, its number among the distinct words of the text (the same word, the same number):
   * lets a matcher look a word up once per distinct word rather than once per word. `tokenize`
   * always sets it.
   */
  readonly ids?: Int32Array | undefined;
  /** The distinct words, by number (`distinct[ids[i]] === words[i]`). */
  readonly distinct?: readonly string[] | undefined;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;

/**
 * Word characters beyond ASCII, decided once per code unit seen: the class plus one (0: not
 * decided yet; then 1: not a word character, 2: digit-like, 3: letter). A table rather than a Map:
 * curly quotes and apostrophes come every few words in news copy.
 */
const wideClass = new Uint8Array(0x10000);

function wide(text: string, i: number, code: number): number {
  const known = wideClass[code] as number;
  if (known !== 0) return known - 1;
  const ch = text.charAt(i);
  const c = LETTER.test(ch) ? 2 : LETTER_OR_DIGIT.test(ch) ? 1 : 0;
  if (code < 0xd800 || code > 0xdfff) wideClass[code] = c + 1;
  return c;
}

/** The class of each ASCII character: 2 for a letter, 1 for a digit, 0 otherwise. */
const ASCII_CLASS = Uint8Array.from({ length: 128 }, (_, code) =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) ? 2 : code >= 48 && code <= 57 ? 1 : 0,
);

/** 2 for a letter, 1 for a digit, 0 otherwise. */
function charClass(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 128)
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90)
      ? 2
      : code >= 48 && code <= 57
        ? 1
        : 0;
  if (code >= 0xd800 && code <= 0xdbff) {
    // An astral character: a word character if it is a letter or digit as a whole.
    return LETTER_OR_DIGIT.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  if (code >= 0xdc00 && code <= 0xdfff) return 0;
  return wide(text, i, code);
}

/**
 * One string per distinct word: news text repeats its words, and a million short strings held
 * for the whole scan were most of its memory (10 MB of text: about 70 MB of words). A word is
 * looked up by a hash of its characters, read in place, so a word already met costs no new
 * string at all (slicing each word to look it up in a Map was most of the tokenizer's time).
 */
class WordTable {
  private mask = 1023;
  /** Open addressing: slot → index in `words`, or -1. */
  private slots = new Int32Array(this.mask + 1).fill(-1);
  private readonly hashes: number[] = [];
  /** The distinct words, by number. */
  readonly words: string[] = [];

  /** The number of the word made of the characters from..to of `src` (already lower-cased). */
  intern(src: string, from: number, to: number): number {
    let h = 0x811c9dc5;
    for (let k = from; k < to; k++) h = Math.imul(h ^ src.charCodeAt(k), 0x01000193);
    const length = to - from;
    let slot = h & this.mask;
    for (;;) {
      const at = this.slots[slot] as number;
      if (at === -1) break;
      if (this.hashes[at] === h) {
        const w = this.words[at] as string;
        if (w.length === length) {
          let k = 0;
          while (k < length && w.charCodeAt(k) === src.charCodeAt(from + k)) k++;
          if (k === length) return at;
        }
      }
      slot = (slot + 1) & this.mask;
    }
    // Flatten it, so the word does not keep the whole lower-cased text alive as its parent.
    const word = (' ' + src.slice(from, to)).slice(1);
    const id = this.words.length;
    this.slots[slot] = id;
    this.hashes.push(h);
    this.words.push(word);
    if (this.words.length * 2 > this.mask) this.grow();
    return id;
  }

  private grow(): void {
    this.mask = this.mask * 2 + 1;
    this.slots = new Int32Array(this.mask + 1).fill(-1);
    for (let at = 0; at < this.words.length; at++) {
      let slot = (this.hashes[at] as number) & this.mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & this.mask;
      this.slots[slot] = at;
    }
  }
}

export function tokenize(text: string): Tokens {
  const lower = text.toLowerCase();
  // Lower-casing changed some lengths (a dotted capital I becomes two characters): lower-case
  // word by word instead, so offsets stay those of the text. (A regular-expression tokenizer
  // did this before, three times slower than this loop.)
  const sameLength = lower.length === text.length;
  // Prose has a word every 5.5 to 6 characters: room for a word every 5 means the arrays seldom
  // grow, and the optimised loop is not thrown out for a path it has not seen (growing them).
  let starts = new Int32Array(Math.max(16, Math.ceil(text.length / 5)));
  let ends = new Int32Array(starts.length);
  let ids = new Int32Array(starts.length);
  const words: string[] = [];
  const table = new WordTable();
  let n = 0;
  const length = text.length;
  let i = 0;
  while (i < length) {
    // ASCII, most of any English text, is classed from a table without a call.
    const first = text.charCodeAt(i);
    const cls = first < 128 ? (ASCII_CLASS[first] as number) : charClass(text, i);
    if (cls === 0) {
      i++;
      continue;
    }
    const start = i;
    i += first >= 0xd800 && first <= 0xdbff ? 2 : 1;
    for (;;) {
      if (i >= length) break;
      const c = text.charCodeAt(i);
      if (c < 128) {
        if (c === 39) {
          // An apostrophe inside a word ("O'Brien", "didn't") keeps it whole.
          if (i + 1 < length && charClass(text, i + 1) === 2) {
            i += 2;
            continue;
          }
          break;
        }
        if (ASCII_CLASS[c] === 0) break;
        i++;
        continue;
      }
      if (c === 0x2019) {
        if (i + 1 < length && charClass(text, i + 1) === 2) {
          i += 2;
          continue;
        }
        break;
      }
      const k = charClass(text, i);
      if (k === 0) break;
      i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    }
    if (n === starts.length) {
      const s2 = new Int32Array(n * 2);
      s2.set(starts);
      starts = s2;
      const e2 = new Int32Array(n * 2);
      e2.set(ends);
      ends = e2;
      const i2 = new Int32Array(n * 2);
      i2.set(ids);
      ids = i2;
    }
    starts[n] = start;
    ends[n] = i;
    let id: number;
    if (sameLength) id = table.intern(lower, start, i);
    else {
      const word = text.slice(start, i).toLowerCase();
      id = table.intern(word, 0, word.length);
    }
    ids[n] = id;
    words.push(table.words[id] as string);
    n++;
  }
  return {
    count: n,
    starts: starts.subarray(0, n),
    ends: ends.subarray(0, n),
    words,
    ids: ids.subarray(0, n),
    distinct: table.words,
  };
}

/** Split a term into its words the same way the text is split. */
export function termWords(term: string): string[] {
  return term.toLowerCase().match(WORD) ?? [];
}

/**
 * True when the text between two words of a phrase is only spaces or hyphens (one line break
 * allowed), after an optional apostrophe that closes the first word's plural possessive
 * ("magistrates' court", "Coroners’ Court").
 */
export function isPhraseGap(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  const first = text.charCodeAt(from);
  if (first === 39 || first === 0x2019) from++;
  if (to - from > 4 || to <= from) return false;
  let newlines = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (++newlines > 1) return false;
    } else if (
      c !== 32 &&
      c !== 9 &&
      c !== 13 &&
      c !== 45 &&
      c !== 0xa0 &&
      c !== 0x2010 &&
      c !== 0x2011
    ) {
      return false;
    }
  }
  return true;
}

/**
 * The forms of a word that count as the same term: allege → alleges, alleged, alleging,
 * allegedly; threaten → threatens, threatened; stab → stabbed, stabbing; bully → bullied,
 * bullies. Cheap suffix rules, not a stemmer: over-generation is harmless because only forms
 * that occur in the text are ever looked up.
 */
export function inflections(word: string): string[] {
  const w = word.toLowerCase();
  const forms = new Set<string>([w]);
  if (w.length < 3 || !/^[a-z]+$/.test(w)) return [...forms];
  const add = (stem: string, suffixes: readonly string[]) => {
    for (const s of suffixes) forms.add(stem + s);
  };
  const vowel = (c: string | undefined) => c !== undefined && 'aeiou'.includes(c);
  const last = w.at(-1);
  const beforeLast = w.at(-2);
  if (last === 'e') {
    const stem = w.slice(0, -1);
    add(stem, ['es', 'ed', 'ing', 'er', 'ers', 'edly', 'ely']);
    add(w, ['s', 'd', 'r', 'rs', 'ly', 'ment', 'ments']);
  } else if (last === 'y' && !vowel(beforeLast)) {
    const stem = w.slice(0, -1);
    add(stem, ['ies', 'ied', 'ier', 'iers', 'ily']);
    add(w, ['ing']);
  } else {
    const es = /(?:s|x|z|ch|sh)$/.test(w) ? 'es' : 's';
    add(w, [es, 'ed', 'ing', 'er', 'ers', 'edly', 'ly', 'ment', 'ments']);
    // Consonant doubling: stab → stabbed, rob → robber.
    if (last && !vowel(last) && vowel(beforeLast) && !vowel(w.at(-3)) && !'wxy'.includes(last)) {
      add(w + last, ['ed', 'ing', 'er', 'ers', 'ery']);
    }
  }
  return [...forms];
}
