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
  /** A single word in any case, no gap: it matches wherever its first word stands. */
  readonly single: boolean;
}

/** The entries one word starts, arranged by the word that may follow it. */
interface Starter {
  readonly entries: readonly Entry[];
  /** Entries tried whatever follows: single words and phrases with gaps (their numbers). */
  readonly always: readonly number[];
  /** Per form of the second word, the phrases (without gaps) it may continue, by number. */
  readonly bySecond: ReadonlyMap<string, readonly number[]>;
  /** The same for two-word phrases only: their last word may also carry a possessive 's. */
  readonly twoWords: ReadonlyMap<string, readonly number[]>;
  /** Some phrase goes on past this word (`bySecond` is not empty): the next word matters. */
  readonly phrases: boolean;
}

/** The numbers in any of the ascending lists, ascending, once each (a merge: no set, no sort). */
function union(...lists: (readonly number[] | undefined)[]): number[] {
  const out: number[] = [];
  const at = lists.map(() => 0);
  for (;;) {
    let least = Infinity;
    for (let l = 0; l < lists.length; l++) {
      const v = lists[l]?.[at[l] as number];
      if (v !== undefined && v < least) least = v;
    }
    if (least === Infinity) return out;
    out.push(least);
    for (let l = 0; l < lists.length; l++)
      if (lists[l]?.[at[l] as number] === least) at[l] = (at[l] as number) + 1;
  }
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

/** A term as `add` registers it: its entry is made only when a text holds one of its first word's forms. */
interface Term {
  /** Its place among all the terms added: entries of one word keep this order. */
  readonly seq: number;
  readonly term: string;
  readonly words: readonly string[];
  readonly slot: number;
  readonly inflect: boolean;
  readonly caseSensitive: boolean;
  readonly gap: number | undefined;
  /** The forms of its first word that start it (worked out when first needed). */
  firstForms?: readonly string[];
  entry?: Entry;
}

/** Endings `inflections` adds to a word (or to the word less its final e or y, or doubled). */
const SUFFIXES = [
  's',
  'd',
  'r',
  'es',
  'ed',
  'er',
  'ly',
  'rs',
  'ing',
  'ers',
  'ely',
  'ies',
  'ied',
  'ier',
  'ily',
  'ery',
  'edly',
  'iers',
  'ment',
  'ments',
];

/**
 * Every word of which `form` could be an inflection (tokens.ts, `inflections`), and more: the
 * form itself, and the form less each ending it has, with an e or a y put back or a doubled last
 * letter undone. The term index checks each against `inflections` itself.
 */
export function baseCandidates(form: string): string[] {
  const out = [form];
  const add = (w: string) => {
    if (!out.includes(w)) out.push(w);
  };
  for (const suffix of SUFFIXES) {
    if (form.length <= suffix.length || !form.endsWith(suffix)) continue;
    const x = form.slice(0, -suffix.length);
    add(x);
    add(`${x}e`);
    add(`${x}y`);
    if (x.length >= 2 && x.charCodeAt(x.length - 1) === x.charCodeAt(x.length - 2))
      add(x.slice(0, -1));
  }
  return out;
}

/** See `run`: distinct words per first word of the pack from which the index is filled at once. */
const FILL_ALL_FROM = 1;

export class TermIndex {
  /**
   * Per word form, the entries it starts (null: none), in the order their terms were added.
   * Filled when a text first holds the form: a pack's lists hold about 4,000 terms and 2,700
   * first-word forms, a draft a few hundred distinct words, and building every entry when the
   * rules compile was most of a short scan's compile time.
   */
  private readonly byWord = new Map<string, Entry[] | null>();
  /** The terms (not prefix terms) by their first word. */
  private readonly byFirst = new Map<string, Term[]>();
  /**
   * The first two letters of the first words that may inflect: a word's other forms all begin
   * with them (inflections keeps all but the last letter of a word of three or more), so a word
   * that begins otherwise can only be a first word as it stands.
   */
  private readonly inflectable = new Set<string>();
  private terms = 0;
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
      const first = words[0] as string;
      const list = this.byFirst.get(first);
      const t: Term = {
        seq: this.terms++,
        term,
        words,
        slot,
        inflect,
        caseSensitive: options.caseSensitive === true,
        gap: options.gap,
      };
      if (list === undefined) this.byFirst.set(first, [t]);
      else list.push(t);
      if (inflect && first.length >= 3) this.inflectable.add(first.slice(0, 2));
    }
    return slot;
  }

  get size(): number {
    return this.slots;
  }

  /** The forms of a term's word `i` that count as that word. */
  private formsOf(t: Term, w: string, i: number): readonly string[] {
    return t.inflect &&
      (i === t.words.length - 1 || t.gap !== undefined) &&
      w.length >= 3 &&
      !/\d/.test(w)
      ? this.inflected(w)
      : [w];
  }

  /** A term's entry, made once. */
  private entryOf(t: Term): Entry {
    if (t.entry !== undefined) return t.entry;
    const rest = t.words.slice(1).map((w, i) => this.formSet(this.formsOf(t, w, i + 1)));
    const exact = t.caseSensitive
      ? (t.term.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? [])
      : undefined;
    const single = rest.length === 0 && !exact;
    const entry: Entry = exact
      ? { slot: t.slot, rest, exact, single }
      : { slot: t.slot, rest, single };
    return (t.entry = t.gap !== undefined && t.words.length > 1 ? { ...entry, gap: t.gap } : entry);
  }

  /** Every form of every term is in `byWord` (`fillAll`): a form not there starts nothing. */
  private complete = false;

  /**
   * File every term under every form of its first word at once, as a long text needs most of
   * them: cheaper then than finding each of thousands of words' terms one by one.
   */
  private fillAll(): void {
    if (this.complete) return;
    const all: Term[] = [];
    for (const list of this.byFirst.values()) all.push(...list);
    all.sort((a, b) => a.seq - b.seq);
    this.byWord.clear();
    for (const t of all) {
      const entry = this.entryOf(t);
      for (const form of (t.firstForms ??= this.formsOf(t, t.words[0] as string, 0))) {
        const list = this.byWord.get(form);
        if (list === undefined || list === null) this.byWord.set(form, [entry]);
        else list.push(entry);
      }
    }
    this.complete = true;
  }

  /** The entries a form starts, in the order their terms were added; null for none. */
  private startedBy(form: string): Entry[] | null {
    let entries = this.byWord.get(form);
    if (entries !== undefined) return entries;
    if (this.complete) return null;
    const found: Term[] = [];
    const bases = this.inflectable.has(form.slice(0, 2)) ? baseCandidates(form) : [form];
    for (const base of bases) {
      for (const t of this.byFirst.get(base) ?? [])
        if ((t.firstForms ??= this.formsOf(t, base, 0)).includes(form)) found.push(t);
    }
    found.sort((a, b) => a.seq - b.seq);
    entries = found.length === 0 ? null : found.map((t) => this.entryOf(t));
    this.byWord.set(form, entries);
    return entries;
  }

  /** The entries a word starts, or those of the word without its possessive 's. */
  private entriesOf(w: string): readonly Entry[] | undefined {
    const entries = this.startedBy(w);
    if (entries !== null) return entries;
    return (isPossessive(w) ? this.startedBy(w.slice(0, -2)) : null) ?? undefined;
  }

  /** The entries of each word, arranged by the word that may follow (built when first met). */
  private readonly starters = new Map<readonly Entry[], Starter>();

  private starterOf(entries: readonly Entry[]): Starter {
    let starter = this.starters.get(entries);
    if (starter !== undefined) return starter;
    const always: number[] = [];
    const bySecond = new Map<string, number[]>();
    const twoWords = new Map<string, number[]>();
    const index = (map: Map<string, number[]>, form: string, k: number) => {
      const list = map.get(form);
      if (list === undefined) map.set(form, [k]);
      else if (list.at(-1) !== k) list.push(k);
    };
    entries.forEach((entry, k) => {
      const { rest } = entry;
      if (entry.gap !== undefined || rest.length === 0) {
        always.push(k);
        return;
      }
      for (const form of rest[0] as ReadonlySet<string>) {
        index(bySecond, form, k);
        if (rest.length === 1) index(twoWords, form, k);
      }
    });
    starter = { entries, always, bySecond, twoWords, phrases: bySecond.size > 0 };
    this.starters.set(entries, starter);
    return starter;
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
    // A text of more distinct words than the pack has terms' first words is likely to hold most
    // of them: file them all at once.
    if ((tokens.distinct?.length ?? count) > FILL_ALL_FROM * this.byFirst.size) this.fillAll();
    const known: (Starter | null | undefined)[] = [];
    const knownPrefixes: (readonly number[] | null | undefined)[] = [];
    for (let i = 0; i < count; i++) {
      const w = words[i] as string;
      const id = ids === undefined ? -1 : (ids[i] as number);
      let starter = id >= 0 ? known[id] : undefined;
      if (starter === undefined) {
        const entries = this.entriesOf(w);
        starter = entries === undefined ? null : this.starterOf(entries);
        if (id >= 0) known[id] = starter;
      }
      if (starter !== null) {
        // Common words start many phrases ("the" starts dozens): only the phrases whose second
        // word may be the next word are tried (as matchRest would try them, in the same order),
        // with single words and phrases with gaps. A two-word phrase may also end in the next
        // word with a possessive 's ("the defendant's").
        const { always } = starter;
        let tried = always;
        // Most words start no phrase at all, only single words ("police" is in a dozen lists).
        if (starter.phrases) {
          const next = words[i + 1];
          const second = next === undefined ? undefined : starter.bySecond.get(next);
          const bare =
            next !== undefined && isPossessive(next)
              ? starter.twoWords.get(next.slice(0, -2))
              : undefined;
          if (second !== undefined || bare !== undefined)
            tried =
              always.length === 0 && bare === undefined
                ? (second as readonly number[])
                : union(always, second, bare);
        }
        // A single word's span is the word itself: one object for every list that holds it
        // (spans are never changed once found).
        let word: Span | undefined;
        for (const k of tried) {
          const entry = starter.entries[k] as Entry;
          if (entry.single) {
            (out[entry.slot] as Span[]).push(
              (word ??= { start: starts[i] as number, end: ends[i] as number }),
            );
            continue;
          }
          const end = this.matchRest(text, tokens, i, entry);
          if (end >= 0) (out[entry.slot] as Span[]).push({ start: starts[i] as number, end });
        }
      }
      if (hasPrefixes) {
        let slots = id >= 0 ? knownPrefixes[id] : undefined;
        if (slots === undefined) {
          slots = this.prefixSlots(w);
          if (id >= 0) knownPrefixes[id] = slots;
        }
        if (slots !== null)
          for (const slot of slots)
            (out[slot] as Span[]).push({ start: starts[i] as number, end: ends[i] as number });
      }
    }
    return out;
  }

  /** The slots of the prefix terms (`word*`) a word starts with, in order; null for none. */
  private prefixSlots(w: string): readonly number[] | null {
    if (w.length < 3 || !this.prefixFirst.has(w.charCodeAt(0))) return null;
    const candidates = this.byPrefix.get(w.slice(0, 3));
    if (!candidates) return null;
    const slots = candidates.filter((c) => w.startsWith(c.prefix)).map((c) => c.slot);
    return slots.length > 0 ? slots : null;
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
