// Relatives identified through a possessive: "Smith's daughter", "his mother, Lynn Orange",
// "her 14-year-old son", "the boy's parents". Naming or describing the relative of a person in
// the news identifies the relative too, and around a child or a complainant it is a jigsaw
// piece. A name's possessive counts only when the name is a person's (not "the council's"), and
// "his"/"her" only when they refer to a person named in the last two sentences.
import { mentionsOf, tokenAt } from '../mentions.js';
import { execIn, sentencesWith, triggerSet } from './sentence-context.js';
import type { Detector, DetectorInput, Span } from './types.js';

const RELATIVES =
  '(?:sons?|daughters?|mother|mum|father|dad|wife|husband|partner|brothers?|sisters?|siblings?|parents|children|kids|child|grandsons?|granddaughters?|grandchildren|grandmother|grandfather|grandparents|nan|gran|uncle|aunt|nephew|niece|cousins?|stepson|stepdaughter|stepfather|stepmother|fianc[eé]e?|girlfriend|boyfriend|baby|twins?|widow|widower)';
const QUALIFIER =
  '(?:(?:\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)-year-old|young|teenage|eldest|youngest|older|younger|new|late|former|elder|baby|infant|twin|little|estranged|adult|two|three|four)';
const CHILD_OWNER =
  '(?:[Tt]he|[Aa]) (?:boy|girl|child|teenager|teen|youngster|pupil|schoolboy|schoolgirl|toddler|baby|infant|victim|complainant|youth)';

const POSSESSIVE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(${CHILD_OWNER})['’]s|(his|her|their|His|Her|Their)|(\\p{Lu}[\\p{L}'’-]+)['’]s)(?: ${QUALIFIER}){0,2} ${RELATIVES}(?![\\p{L}\\p{N}])`,
  'gu',
);
const MINOR_AGE =
  /(?:^|\s)(?:\d|1[0-7]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)-year-old/iu;

const TRIGGERS = triggerSet(`
  son sons daughter daughters mother mum father dad wife husband partner brother brothers sister
  sisters sibling siblings parents children kids child grandson grandsons granddaughter
  granddaughters grandchildren grandmother grandfather grandparents nan gran uncle aunt nephew
  niece cousin cousins stepson stepdaughter stepfather stepmother fiance fiancee fiancé fiancée
  girlfriend boyfriend baby twin twins widow widower`);

interface Found {
  readonly span: Span;
  readonly child: boolean;
}

const found = new WeakMap<object, Found[]>();

/** The possessive relatives of a scan, found once for both detectors. */
function find(input: DetectorInput): Found[] {
  let list = found.get(input.tokens);
  if (list === undefined) found.set(input.tokens, (list = findAll(input)));
  return list;
}

function findAll(input: DetectorInput): Found[] {
  const { text, tokens } = input;
  const m = mentionsOf(input);
  const out: Found[] = [];
  const ranges = sentencesWith(m, tokens, text, TRIGGERS);
  if (ranges.length === 0) return out;
  // Sentences with an age under 18 in them: "his" or "her" there, or up to four sentences later,
  // with no named person to refer to, is the child's ("a 15-year-old boy … his parents").
  const minorSentences = input
    .detect('minor-age')
    .map((s) => m.sentence[tokenAt(tokens, s.start)] as number);
  const afterMinor = (id: number): boolean => {
    // The last sentence with a minor's age at or before `id` (the list is in text order).
    let lo = 0;
    let hi = minorSentences.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if ((minorSentences[mid] as number) <= id) {
        k = minorSentences[mid] as number;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return k >= 0 && id - k <= 4;
  };
  for (const r of execIn(POSSESSIVE, text, ranges)) {
    const [whole, childOwner, pronoun, name] = r;
    const t = tokenAt(tokens, r.index);
    if (name !== undefined && ((m.tokenPerson[t] as number) < 0 || m.pronoun[t] === 1)) continue;
    let ofMinor = false;
    if (pronoun !== undefined) {
      if (/^their$/i.test(pronoun)) continue;
      if ((m.tokenPerson[t] as number) < 0) {
        if (!afterMinor(m.sentence[t] as number)) continue;
        ofMinor = true;
      }
    }
    const child = ofMinor || childOwner !== undefined || MINOR_AGE.test(whole);
    out.push({ span: { start: r.index, end: r.index + whole.length }, child });
  }
  return out;
}

/** A relative identified through a possessive of a person (not a child's: see childRelative). */
export const possessiveRelative: Detector = (input) =>
  find(input)
    .filter((f) => !f.child)
    .map((f) => f.span);

/** A relative of a child or complainant ("the boy's mother"), or a child relative with an age. */
export const childRelative: Detector = (input) =>
  find(input)
    .filter((f) => f.child)
    .map((f) => f.span);
