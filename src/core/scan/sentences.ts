// Where sentences break, in words: after . ! or ? followed by a space, a line break or a closing
// quote, and at a blank line. One definition for the scanner's `near`, the context (negation
// scope, corroboration) and the mention resolver (how far back a pronoun reaches).
import type { Tokens } from './tokens.js';

/** Does a sentence end between word i-1 and word i? */
function breaksBefore(text: string, tokens: Tokens, i: number): boolean {
  const from = tokens.ends[i - 1] as number;
  const to = tokens.starts[i] as number;
  let newlines = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 46 || c === 33 || c === 63) {
      const next = text.charCodeAt(k + 1);
      if (
        k + 1 >= to ||
        next === 32 ||
        next === 10 ||
        next === 13 ||
        next === 34 ||
        next === 0x201d ||
        next === 39 ||
        next === 0x2019
      )
        return true;
    } else if (c === 10 && ++newlines >= 2) return true;
  }
  return false;
}

/** Sentence numbers already worked out, per scan (the scanner, context and mentions share them). */
const idsCache = new WeakMap<Tokens, { readonly text: string; readonly ids: Int32Array }>();

/**
 * The sentence number of each word (0 for the first sentence). Worked out once per scan and
 * shared: callers must not write to the array.
 */
export function sentenceIds(text: string, tokens: Tokens): Int32Array {
  const cached = idsCache.get(tokens);
  if (cached !== undefined && cached.text === text) return cached.ids;
  const ids = new Int32Array(tokens.count);
  let id = 0;
  for (let i = 1; i < tokens.count; i++) {
    if (breaksBefore(text, tokens, i)) id++;
    ids[i] = id;
  }
  idsCache.set(tokens, { text, ids });
  return ids;
}

/** The offset where each sentence starts, in order (the first is 0). */
export function sentenceStarts(text: string, tokens: Tokens): Int32Array {
  const ids = sentenceIds(text, tokens);
  const out = new Int32Array(tokens.count === 0 ? 1 : (ids[tokens.count - 1] as number) + 1);
  for (let i = 1; i < tokens.count; i++)
    if (ids[i] !== ids[i - 1]) out[ids[i] as number] = tokens.starts[i] as number;
  return out;
}
