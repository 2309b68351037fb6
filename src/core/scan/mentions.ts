// Who a sentence is about: a small mention resolver for detectors that need to tie a finding to
// a named person ("John Smith runs the depot. He took bribes." — "He" is John Smith). Cheap rules,
// not a parser: a full name (from the person-name detector) starts a person; a later surname or
// a personal pronoun (he, him, his, she, her) refers to the most recently named person, if that
// person was named within the last two sentences. Gender is not checked.
import type { DetectorInput, Span } from './detectors/types.js';
import type { Tokens } from './tokens.js';
import { sentenceIds } from './sentences.js';

export interface Mentions {
  /** Full names in the order they were first met ("John Smith"). */
  readonly persons: readonly string[];
  /** Per token: the index in `persons` it refers to (name, surname or pronoun), else -1. */
  readonly tokenPerson: Int32Array;
  /** Per token: 1 when the token is a pronoun (he, his…) rather than a name. */
  readonly pronoun: Uint8Array;
  /** Per token: its sentence number. */
  readonly sentence: Int32Array;
  /** Per sentence: the token range [first, last] it covers. */
  readonly sentenceStart: readonly number[];
  readonly sentenceEnd: readonly number[];
}

const PRONOUNS = new Set(['he', 'him', 'his', 'himself', 'she', 'her', 'hers', 'herself']);

/** Sentences that a pronoun can reach back over to its name. */
const PRONOUN_REACH = 2;

/** A word without its possessive 's or ’s ("Smith's" → "smith"), as /['’]s$/ would strip it. */
function withoutPossessive(w: string): string {
  const n = w.length;
  if (n < 2 || w.charCodeAt(n - 1) !== 115) return w;
  const q = w.charCodeAt(n - 2);
  return q === 39 || q === 0x2019 ? w.slice(0, -2) : w;
}

/** Resolve names, surnames and pronouns to people, given the person-name detector's spans. */
export function resolveMentions(text: string, tokens: Tokens, names: readonly Span[]): Mentions {
  const { count, starts, words } = tokens;
  const sentence = sentenceIds(text, tokens);
  const tokenPerson = new Int32Array(count).fill(-1);
  const pronoun = new Uint8Array(count);
  const persons: string[] = [];
  const bySurname = new Map<string, number>();
  const sentenceStart: number[] = [];
  const sentenceEnd: number[] = [];
  for (let i = 0; i < count; i++) {
    const s = sentence[i] as number;
    if (sentenceStart[s] === undefined) sentenceStart[s] = i;
    sentenceEnd[s] = i;
  }

  let k = 0; // next name span
  let last = -1; // most recent person
  let lastSentence = -1_000;
  for (let i = 0; i < count; i++) {
    const start = starts[i] as number;
    while (k < names.length && (names[k] as Span).end <= start) k++;
    const span = names[k];
    if (span !== undefined && span.start <= start && start < span.end) {
      // A name: the tokens up to the span's end.
      let j = i;
      while (j + 1 < count && (starts[j + 1] as number) < span.end) j++;
      const full = text.slice(span.start, span.end);
      const surname = withoutPossessive(words[j] as string);
      let person = bySurname.get(surname);
      if (person === undefined) {
        person = persons.length;
        persons.push(full);
        bySurname.set(surname, person);
      } else if (j > i && !(persons[person] as string).includes(' ')) {
        persons[person] = full;
      }
      for (let t = i; t <= j; t++) tokenPerson[t] = person;
      last = person;
      lastSentence = sentence[i] as number;
      i = j;
      continue;
    }
    const w = words[i] as string;
    if (PRONOUNS.has(w) && last >= 0 && (sentence[i] as number) - lastSentence <= PRONOUN_REACH) {
      tokenPerson[i] = last;
      pronoun[i] = 1;
      lastSentence = sentence[i] as number;
    }
  }
  return { persons, tokenPerson, pronoun, sentence, sentenceStart, sentenceEnd };
}

/** The person a sentence is about: the first person mentioned in it, or -1. */
export function sentencePerson(m: Mentions, sentenceId: number): number {
  const from = m.sentenceStart[sentenceId];
  const to = m.sentenceEnd[sentenceId];
  if (from === undefined || to === undefined) return -1;
  for (let t = from; t <= to; t++)
    if ((m.tokenPerson[t] as number) >= 0) return m.tokenPerson[t] as number;
  return -1;
}

const cache = new WeakMap<Tokens, Mentions>();

/** The mentions of a scan's text, resolved once per scan and shared by the detectors. */
export function mentionsOf(input: DetectorInput): Mentions {
  let m = cache.get(input.tokens);
  if (m === undefined) {
    m = resolveMentions(input.text, input.tokens, input.detect('person-name'));
    cache.set(input.tokens, m);
  }
  return m;
}

/** The index of the token that holds `offset` (or the first after it). */
export function tokenAt(tokens: Tokens, offset: number): number {
  let lo = 0;
  let hi = tokens.count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((tokens.ends[mid] as number) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
