// Every match of a global regular expression, as `re.exec` in a loop finds them, but faster for
// the expressions of a pack's rules.
//
// V8 runs a case-insensitive Unicode expression (`giu`, the flags of every `pattern` rule) that
// starts with `\b` or a lookbehind about ten times slower than the same expression without the
// assertion: the assertion at the start stops it from skipping ahead to its first letters. So
// the search goes in two steps. A "skip" expression, the rule's own with every assertion (`\b`,
// `\B`, `^`, `$`, lookarounds) taken out, finds the next place where the rule could match: it
// matches wherever the rule does, since taking out an assertion only lets more through, and it
// is fast. The rule itself, made sticky, then says whether it matches at exactly that place.
// Each place the rule's own loop would try before the skip expression's is one where the rule
// cannot match, so the matches (places, text, groups) are exactly those of the plain loop.
//
// Used only where it pays: the skip expression must start with a letter, a digit or a space
// (an expression starting with a class such as \p{Lu} finds a place at nearly every word), and
// a search that keeps finding places where the rule does not match goes back to the plain loop
// for the rest of the text. An expression the rewriting does not understand (no `u` flag, the
// `v` flag, back-references, a skip expression that could match nothing) always uses the plain
// loop. test/scan/regex-skip.test.ts checks both loops agree, and bench/scan-identity.js that
// no finding changed.

interface Skip {
  /** The expression without its assertions, global: where the next match could start. */
  readonly skip: RegExp;
  /** The expression itself, sticky: does it match exactly here? */
  readonly sticky: RegExp;
}

const skips = new WeakMap<RegExp, Skip | null>();

/** The source with every assertion outside a class taken out, or undefined when unsure. */
export function withoutAssertions(source: string): string | undefined {
  let out = '';
  let i = 0;
  const classEnd = (from: number): number => {
    // In `u` mode a class does not nest and `]` inside it is escaped.
    let j = from + 1;
    while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
    return j;
  };
  while (i < source.length) {
    const c = source[i] as string;
    if (c === '\\') {
      const n = source[i + 1];
      if (n === undefined) return undefined;
      if (n === 'b' || n === 'B') {
        i += 2;
        continue;
      }
      // A back-reference would point at other groups once lookarounds are gone.
      if (/[1-9k]/.test(n)) return undefined;
      out += source.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === '[') {
      const j = classEnd(i);
      if (j >= source.length) return undefined;
      out += source.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '^' || c === '$') {
      i++;
      continue;
    }
    if (
      source.startsWith('(?=', i) ||
      source.startsWith('(?!', i) ||
      source.startsWith('(?<=', i) ||
      source.startsWith('(?<!', i)
    ) {
      let depth = 0;
      let j = i;
      for (; j < source.length; j++) {
        const d = source[j];
        if (d === '\\') j++;
        else if (d === '[') j = classEnd(j);
        else if (d === '(') depth++;
        else if (d === ')' && --depth === 0) break;
      }
      if (j >= source.length) return undefined;
      i = j + 1;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/**
 * Does every match of the (assertion-free) source start with a letter, a digit or a space written
 * out, in every alternative? Then the skip expression can jump from one such character to the
 * next. Conservative: an escape (\s, \p{Lu}), a class, an empty alternative or anything unusual
 * answers no.
 */
export function startsWithLiteral(source: string): boolean {
  let i = 0;
  /** After an atom that ends at `i`: is it optional (?, *, {0…})? Moves past the quantifier. */
  const optional = (): boolean => {
    const q = source[i];
    if (q === '?' || q === '*') {
      i++;
      if (source[i] === '?') i++;
      return true;
    }
    if (q === '+') {
      i++;
      if (source[i] === '?') i++;
      return false;
    }
    if (q === '{') {
      const m = /^\{(\d+)(?:,\d*)?\}\??/.exec(source.slice(i));
      if (m === null) return false;
      i += m[0].length;
      return m[1] === '0';
    }
    return false;
  };
  /** Alternatives from `i` to the `)` that closes them (or the end): each starts literally. */
  const alternatives = (): boolean => {
    let ok = true;
    for (;;) {
      if (!sequence()) ok = false;
      if (source[i] === '|') {
        i++;
        continue;
      }
      return ok;
    }
  };
  /** One alternative: its first atoms (past optional ones) are literal; skips to its end. */
  const sequence = (): boolean => {
    let decided: boolean | undefined;
    while (i < source.length && source[i] !== '|' && source[i] !== ')') {
      const c = source[i] as string;
      let literal: boolean;
      if (c === '(') {
        i += source.startsWith('(?:', i) ? 3 : 1;
        literal = alternatives();
        if (source[i] !== ')') return false;
        i++;
      } else if (c === '\\') {
        i += 2;
        literal = false;
      } else if (c === '[') {
        while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
        i++;
        literal = false;
      } else {
        i++;
        literal = /^[\p{L}\p{N} ]$/u.test(c);
      }
      const skippable = optional();
      if (decided === undefined) {
        if (!literal) decided = false;
        else if (!skippable) decided = true;
      }
    }
    return decided === true;
  };
  const ok = alternatives();
  return ok && i === source.length;
}

/**
 * Whether an expression without assertions can match nothing, asked of a long string of the
 * kind it will search (one or two bytes a character) rather than of "": V8 compiles an expression
 * first run on a short string to bytecode, and again to machine code when it meets the long text,
 * and the bytecode compilation is the dearer (stop 20: 25-45 ms of CPU for the 54 skip
 * expressions of a scan of 1 MB). At the end of a string the only match there can be is an empty
 * one, and with no assertion in it the expression matches nothing there exactly when it matches
 * "". (A global search from the end never steps back into a surrogate pair.)
 */
function matchesEmpty(skip: RegExp, probe: string): boolean {
  const at = probe.length >= PROBE_LENGTH ? probe.length : 0;
  skip.lastIndex = at;
  const m = skip.exec(at === 0 ? '' : probe);
  skip.lastIndex = 0;
  return m !== null;
}

/** From this length V8 compiles an expression straight to machine code (sentence-context.ts). */
const PROBE_LENGTH = 1000;

function skipOf(re: RegExp, probe = ''): Skip | null {
  let known = skips.get(re);
  if (known !== undefined) return known;
  known = null;
  const { flags } = re;
  if (flags.includes('g') && flags.includes('u') && !flags.includes('v') && !flags.includes('y')) {
    const source = withoutAssertions(re.source);
    if (source !== undefined && source !== re.source && startsWithLiteral(source)) {
      try {
        const skip = new RegExp(source, flags);
        // A skip expression that can match nothing would find a place everywhere.
        if (!matchesEmpty(skip, probe))
          known = { skip, sticky: new RegExp(re.source, flags.replace('g', 'y')) };
      } catch {
        known = null;
      }
    }
  }
  skips.set(re, known);
  return known;
}

/** True when `eachMatch` searches with a skip expression for `re` (tests and benchmarks). */
export function searchesWithSkip(re: RegExp): boolean {
  return skipOf(re) !== null;
}

/**
 * The two expressions `eachMatch` runs for `re` (skip, then sticky), or null for the plain loop.
 * `text`: the text they will search, if known (see matchesEmpty).
 */
export function skipExpressions(re: RegExp, text?: string): readonly [RegExp, RegExp] | null {
  const s = skipOf(re, text);
  return s === null ? null : [s.skip, s.sticky];
}

/**
 * From this many characters on, the two-step search pays for compiling its two expressions;
 * below it (an article of 1,000 words has about 6,500 characters) the plain loop is cheaper
 * from a cold start (measured through the CLI: about 20 ms less on a 1,000-word article).
 */
export const SKIP_FROM = 100_000;

/** A search that found this many places in vain, at more than one per this many characters,
 * goes back to the plain loop. */
const VAIN_PLACES = 32;
const VAIN_SPACING = 256;

/**
 * Call `each` with every match of the global expression `re` in `text`, in order, exactly as
 * `for (m = re.exec(text); m; m = re.exec(text))` would (skipping past an empty match by one).
 * Leaves `re.lastIndex` at 0. `twoSteps: false` always searches with the plain loop.
 */
export function eachMatch(
  re: RegExp,
  text: string,
  each: (m: RegExpExecArray) => void,
  twoSteps = true,
): void {
  const s = twoSteps ? skipOf(re, text) : null;
  let pos = 0;
  if (s !== null) {
    const { skip, sticky } = s;
    let vain = 0;
    for (;;) {
      skip.lastIndex = pos;
      const place = skip.exec(text);
      if (place === null) {
        pos = -1;
        break;
      }
      const at = place.index;
      sticky.lastIndex = at;
      const m = sticky.exec(text);
      if (m === null) {
        // The next place the plain loop would try: one character on, or past a surrogate pair.
        const c = text.charCodeAt(at);
        const d = text.charCodeAt(at + 1);
        pos = at + (c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff ? 2 : 1);
        if (++vain > VAIN_PLACES && vain * VAIN_SPACING > pos) break;
        continue;
      }
      if (m[0].length === 0) {
        // Never for a rule's expression (the skip expression cannot match nothing); the plain
        // loop below handles it as it always has.
        pos = at;
        break;
      }
      each(m);
      pos = at + m[0].length;
    }
    skip.lastIndex = 0;
    sticky.lastIndex = 0;
  }
  if (pos >= 0) {
    re.lastIndex = pos;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      each(m);
    }
  }
  re.lastIndex = 0;
}
