// Word and phrase lists, matched in one pass over the words of the text, whatever the number
// of rules: each word is looked up once in a map from its form to the terms it can start.
import { inflections, isPhraseGap, termWords, type Tokens } from './tokens.js';
import type { Span } from './detectors/types.js';

interface Entry {
  /** Which matcher slot the term belongs to. */
  readonly slot: number;
  /** Forms each following word may take. */
  readonly rest: readonly ReadonlySet<string>[];
  /** For case-sensitive terms: the exact spelling of each word. */
  readonly exact?: readonly string[];
  /** #14, opt-in: words that may stand between two words of the phrase (a, an, the are free). */
  readonly gap?: number;
}

export interface TermOptions {
  readonly caseSensitive?: boolean | undefined;
  readonly inflect?: boolean | undefined;
  /** Up to this many inserted words inside a phrase; every word of the phrase may inflect. */
  readonly gap?: number | undefined;
}

const FREE_IN_GAP = new Set(['a', 'an', 'the']);

function isPossessive(w: string): boolean {
  const n = w.length;
  if (n < 3 || w.charCodeAt(n - 1) !== 115) return false;
  const q = w.charCodeAt(n - 2);
  return q === 39 || q === 0x2019;
}

export class TermIndex {
  private readonly byWord = new Map<string, Entry[]>();
  private readonly byPrefix = new Map<string, { prefix: string; slot: number }[]>();
  /** First characters of the prefix terms, to skip most words without a lookup. */
  private readonly prefixFirst = new Set<number>();
  private slots = 0;

  /** A word's inflections, worked out once per index (packs repeat their words). */
  private readonly inflectionsOf = new Map<string, readonly string[]>();
  /** One set per list of forms, shared by the phrases that end in the same word. */
  private readonly formSets = new Map<string, ReadonlySet<string>>();

  private inflected(w: string): readonly string[] {
    let forms = this.inflectionsOf.get(w);
    if (forms === undefined) this.inflectionsOf.set(w, (forms = inflections(w)));
    return forms;
  }

  private formSet(forms: readonly string[]): ReadonlySet<string> {
    const key = forms.join('\u0000');
    let set = this.formSets.get(key);
    if (set === undefined) this.formSets.set(key, (set = new Set(forms)));
    return set;
  }

  /** The slot of each list already added, by its terms and options. */
  private readonly slotOf = new Map<string, number>();

  /**
   * Register a list of terms; returns the slot whose spans `run` reports. A list added again
   * with the same options (packs share lists through YAML anchors) gets the same slot: its
   * spans are found once, and rules that name it share them (callers never change them).
   */
  add(terms: readonly string[], options: TermOptions = {}): number {
    const key = JSON.stringify([
      terms,
      options.caseSensitive === true,
      options.inflect !== false,
      options.gap ?? null,
    ]);
    const known = this.slotOf.get(key);
    if (known !== undefined) return known;
    const slot = this.slots++;
    this.slotOf.set(key, slot);
    const inflect = options.inflect !== false;
    for (const term of terms) {
      if (term.endsWith('*')) {
        const prefix = termWords(term.slice(0, -1)).join('');
        const key = prefix.slice(0, 3);
        const list = this.byPrefix.get(key) ?? [];
        list.push({ prefix, slot });
        this.byPrefix.set(key, list);
        this.prefixFirst.add(prefix.charCodeAt(0));
        continue;
      }
      const words = termWords(term);
      if (words.length === 0) continue;
      const lastIndex = words.length - 1;
      const gap = options.gap;
      const formsOf = (w: string, i: number): readonly string[] =>
        inflect && (i === lastIndex || gap !== undefined) && w.length >= 3 && !/\d/.test(w)
          ? this.inflected(w)
          : [w];
      const rest = words.slice(1).map((w, i) => this.formSet(formsOf(w, i + 1)));
      const exact = options.caseSensitive
        ? (term.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? [])
        : undefined;
      for (const form of formsOf(words[0] as string, 0)) {
        const list = this.byWord.get(form) ?? [];
        const entry: Entry = exact ? { slot, rest, exact } : { slot, rest };
        list.push(gap !== undefined && words.length > 1 ? { ...entry, gap } : entry);
        this.byWord.set(form, list);
      }
    }
    return slot;
  }

  get size(): number {
    return this.slots;
  }

  /** The entries a word starts, or those of the word without its possessive 's. */
  private entriesOf(w: string): readonly Entry[] | undefined {
    const entries = this.byWord.get(w);
    return entries === undefined && isPossessive(w) ? this.byWord.get(w.slice(0, -2)) : entries;
  }

  /** Spans per slot, in text order. */
  run(text: string, tokens: Tokens): Span[][] {
    const out: Span[][] = Array.from({ length: this.slots }, () => []);
    if (this.slots === 0) return out;
    const { count, starts, ends, words } = tokens;
    const hasPrefixes = this.byPrefix.size > 0;
    // Looked up once per distinct word when the tokenizer numbered them (news text repeats its
    // words: a megabyte has 170,000 words but 6,000 distinct ones).
    const ids = tokens.ids;
    const known: (readonly Entry[] | null | undefined)[] = [];
    for (let i = 0; i < count; i++) {
      const w = words[i] as string;
      let entries: readonly Entry[] | null | undefined;
      if (ids !== undefined) {
        const id = ids[i] as number;
        entries = known[id];
        if (entries === undefined) known[id] = entries = this.entriesOf(w) ?? null;
      } else entries = this.entriesOf(w);
      if (entries != null) {
        // Common words start many phrases ("the" starts dozens): test each phrase's second word
        // against the next word before anything else, as matchRest would, without the call.
        const next = words[i + 1];
        const bare = next !== undefined && isPossessive(next) ? next.slice(0, -2) : undefined;
        for (const entry of entries) {
          const { rest } = entry;
          if (entry.gap === undefined && rest.length > 0) {
            const second = rest[0] as ReadonlySet<string>;
            if (
              next === undefined ||
              (!second.has(next) && (rest.length > 1 || bare === undefined || !second.has(bare)))
            )
              continue;
          }
          const end = this.matchRest(text, tokens, i, entry);
          if (end >= 0) (out[entry.slot] as Span[]).push({ start: starts[i] as number, end });
        }
      }
      if (hasPrefixes && w.length >= 3 && this.prefixFirst.has(w.charCodeAt(0))) {
        const candidates = this.byPrefix.get(w.slice(0, 3));
        if (candidates) {
          for (const c of candidates) {
            if (w.startsWith(c.prefix))
              (out[c.slot] as Span[]).push({ start: starts[i] as number, end: ends[i] as number });
          }
        }
      }
    }
    return out;
  }

  private matchRest(text: string, tokens: Tokens, i: number, entry: Entry): number {
    if (entry.gap !== undefined) return this.matchWithGaps(text, tokens, i, entry, entry.gap);
    const { count, starts, ends, words } = tokens;
    if (entry.exact && text.slice(starts[i], ends[i]) !== entry.exact[0]) return -1;
    let end = ends[i] as number;
    for (let k = 0; k < entry.rest.length; k++) {
      const j = i + k + 1;
      if (j >= count) return -1;
      if (!isPhraseGap(text, end, starts[j] as number)) return -1;
      let w = words[j] as string;
      if (!(entry.rest[k] as ReadonlySet<string>).has(w)) {
        if (k === entry.rest.length - 1 && isPossessive(w)) w = w.slice(0, -2);
        if (!(entry.rest[k] as ReadonlySet<string>).has(w)) return -1;
      }
      if (entry.exact && text.slice(starts[j], ends[j]) !== entry.exact[k + 1]) return -1;
      end = ends[j] as number;
    }
    return end;
  }

  /** Like matchRest, but up to `gap` words (not counting a, an, the) may stand between two words. */
  private matchWithGaps(
    text: string,
    tokens: Tokens,
    i: number,
    entry: Entry,
    gap: number,
  ): number {
    const { count, starts, ends, words } = tokens;
    if (entry.exact && text.slice(starts[i], ends[i]) !== entry.exact[0]) return -1;
    let at = i;
    for (let k = 0; k < entry.rest.length; k++) {
      const want = entry.rest[k] as ReadonlySet<string>;
      let skipped = 0;
      let free = 0;
      let j = at + 1;
      for (;;) {
        if (j >= count || !isPhraseGap(text, ends[j - 1] as number, starts[j] as number)) return -1;
        let w = words[j] as string;
        if (!want.has(w) && isPossessive(w)) w = w.slice(0, -2);
        if (want.has(w) && (!entry.exact || text.slice(starts[j], ends[j]) === entry.exact[k + 1]))
          break;
        if (FREE_IN_GAP.has(words[j] as string) ? ++free > 2 : ++skipped > gap) return -1;
        j++;
      }
      at = j;
    }
    return ends[at] as number;
  }
}
