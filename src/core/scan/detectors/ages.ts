// Ages next to names ("Jane Smith, 40, of Leeds", "Mr Patel (52)", "Tom Blake, aged 19,") and
// ages that mark a child ("aged 15", "a 14-year-old", "a boy, 16,").
import { regexSpans, type Detector, type Span } from './types.js';

const AFTER_NAME =
  /^(?:,?\s{1,3}(?:aged\s|age\s)?|\s?\()(\d{1,3})(?=\)|[,.;:]|\s(?:of|from|and|who|was|is|has|had|were|appeared|admitted|denied|pleaded|told|said|died)\b)\)?/;

function ageAfter(text: string, end: number): { end: number; age: number } | undefined {
  const m = AFTER_NAME.exec(text.slice(end, end + 20));
  if (!m?.[1]) return undefined;
  const age = Number(m[1]);
  if (age < 1 || age > 115) return undefined;
  return { end: end + m[0].length, age };
}

/** A name with an age: the span covers both. */
export const ageNextToName: Detector = ({ text, detect }) => {
  const out: Span[] = [];
  for (const name of detect('person-name')) {
    const age = ageAfter(text, name.end);
    if (age) out.push({ start: name.start, end: age.end });
  }
  return out;
};

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
};
const NUM = `\\d{1,2}|${Object.keys(NUMBER_WORDS).join('|')}`;
// "a twelve-year-old spaniel" is not a child.
const NOT_A_PERSON =
  '(?![- ](?:dog|dogs|cat|cats|spaniel|terrier|labrador|collie|horse|pony|mare|stallion|bull|cow|car|van|tractor|boat|bus|building|house|tree|oak|business|firm|company|shop|pub|tradition|record|event|fete|festival|show|scheme|charity|club|bridge|church|mill|school|vehicle|machine|engine)\\b)';
const CHILD_AGE = new RegExp(
  `\\b(?:(?:aged|age) (${NUM})\\b|(${NUM})[- ]years?[- ]old\\b${NOT_A_PERSON}|(?:boy|girl|teenager|teen|youth|youngster|child|pupil|schoolboy|schoolgirl|son|daughter|student|defendant|complainant|victim), (\\d{1,2}),)`,
  'gi',
);

function toAge(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const lower = s.toLowerCase();
  return NUMBER_WORDS[lower] ?? Number(lower);
}

/** An age under 18, however it is written; also a name with an age under 18. */
export const minorAge: Detector = ({ text, detect }) => {
  const out = regexSpans(text, CHILD_AGE, (m) => {
    const age = toAge(m[1] ?? m[2] ?? m[3]);
    return age !== undefined && age >= 1 && age < 18;
  });
  for (const name of detect('person-name')) {
    const age = ageAfter(text, name.end);
    if (age && age.age < 18) out.push({ start: name.start, end: age.end });
  }
  return out.sort((a, b) => a.start - b.start);
};
