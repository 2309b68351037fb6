// Person names, without an NLP library: a run of capitalised words that follows a title
// ("Cllr Derek Malham", "Mr Patel"), starts with a common given name ("Jane Smith"), or is
// followed by an age ("Tom Blake, 19,"). Once a full name is found, its surname alone counts
// later in the text ("Malham denied it"). Deliberately cheap: it feeds proximity rules and the
// age detector, where a missed name costs little and a stray one costs a low-severity finding.
import { GIVEN_NAMES, HONORIFICS, NOT_NAME_WORDS } from './names-data.js';
import type { Detector, Span } from './types.js';

const honorifics = new Set(HONORIFICS);
const givenNames = new Set(GIVEN_NAMES);
const notName = new Set(NOT_NAME_WORDS);

function isCapitalised(text: string, start: number, end: number): boolean {
  const c = text.charCodeAt(start);
  // A capital letter followed by at least one lower-case letter, or a single capital ("Mr A").
  // ASCII is decided from the code (most words); other letters by their Unicode category.
  if (!(c >= 65 && c <= 90) && (c < 128 || !/\p{Lu}/u.test(text.charAt(start)))) return false;
  if (end - start === 1) return true;
  const d = text.charCodeAt(start + 1);
  if (d >= 97 && d <= 122) return true;
  if (d < 128) return d === 39;
  return d === 0x2019 || /\p{Ll}/u.test(text.charAt(start + 1));
}

function gapIsSpace(text: string, from: number, to: number, allowDot: boolean): boolean {
  // A name may be wrapped onto the next line of a Markdown or text file.
  const n = to - from;
  const a = text.charCodeAt(from);
  if (n === 1) return a === 32 || a === 45 || a === 10;
  if (n === 2) {
    const b = text.charCodeAt(from + 1);
    return (a === 13 && b === 10) || (allowDot && a === 46 && b === 32);
  }
  return false;
}

export const personName: Detector = ({ text, tokens }) => {
  const { count, starts, ends, words } = tokens;
  const out: Span[] = [];
  const surnames = new Set<string>();
  const named = new Uint8Array(count);
  let i = 0;
  while (i < count) {
    const s = starts[i] as number;
    const first0 = text.charCodeAt(s);
    // Most words start lower-case: skip them without a lookup.
    if ((first0 >= 97 && first0 <= 122) || (first0 >= 48 && first0 <= 57)) {
      i++;
      continue;
    }
    const w = words[i] as string;
    const e = ends[i] as number;
    const title = honorifics.has(w) && isCapitalised(text, s, e);
    const first = title ? i + 1 : i;
    // Collect the run of capitalised, non-stop words.
    let j = first;
    while (j < count && j - first < 4) {
      const ws = starts[j] as number;
      const we = ends[j] as number;
      const cipher = title && j === first && we - ws === 1; // "Mrs A"
      if (
        !isCapitalised(text, ws, we) ||
        (!cipher && notName.has(words[j] as string)) ||
        honorifics.has(words[j] as string)
      )
        break;
      if (j > first && !gapIsSpace(text, ends[j - 1] as number, ws, false)) break;
      if (j === first && title && !gapIsSpace(text, e, ws, true)) break;
      j++;
    }
    // "Organiser Margaret Ellis": start the name at its given name, not at a capitalised job title.
    let from = i;
    if (!title && j - first >= 3 && !givenNames.has(w)) {
      for (let k = first + 1; k < j - 1; k++) {
        if (givenNames.has(words[k] as string)) {
          from = k;
          break;
        }
      }
    }
    const length = j - from;
    let accept = false;
    if (title && length >= 1) accept = true;
    else if (!title && length >= 2 && givenNames.has(words[from] as string)) accept = true;
    else if (
      !title &&
      length >= 2 &&
      /^,?\s{1,3}(?:aged\s)?\d{1,3}\b/.test(text.slice(ends[j - 1], (ends[j - 1] as number) + 14))
    ) {
      accept = true;
    }
    if (accept) {
      out.push({ start: title ? s : (starts[from] as number), end: ends[j - 1] as number });
      const last = words[j - 1] as string;
      if (length >= 2 || (title && last.length >= 3)) {
        if (last.length >= 3 && !givenNames.has(last)) surnames.add(last);
      }
      for (let k = i; k < j; k++) named[k] = 1;
      i = j;
    } else {
      i = Math.max(i + 1, title ? i + 1 : i + 1);
    }
  }
  if (surnames.size === 0) return out;
  // Later mentions by surname alone.
  for (let k = 0; k < count; k++) {
    if (named[k] === 1) continue;
    const c0 = text.charCodeAt(starts[k] as number);
    if (c0 >= 97 && c0 <= 122) continue;
    const w = words[k] as string;
    const base = w.endsWith("'s") || w.endsWith('’s') ? w.slice(0, -2) : w;
    if (surnames.has(base) && isCapitalised(text, starts[k] as number, ends[k] as number)) {
      out.push({ start: starts[k] as number, end: ends[k] as number });
    }
  }
  return out.sort((a, b) => a.start - b.start);
};
