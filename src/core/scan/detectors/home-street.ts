// A street named without a house number where someone lives: "lives on Acacia Avenue", "the home
// they shared on Rothesay Road". With a number it is the `street-address` detector's; a street
// named without anyone's home near it ("plans for a shop on Station Road") is not found.
import { STREET_TYPES } from './street-address.js';
import { regexSpans, type Detector } from './types.js';

const HOME_WORDS =
  '(?:lives?|lived|living|moved to|grew up|(?:his|her|their|family|the|whose) (?:home|house|flat|bungalow|cottage|address)|(?:at|to|from|outside) (?:a|the) (?:property|house|flat|address))';
const STREET = `(?:\\p{Lu}[\\p{L}'’]+[ -]){1,3}(?:${STREET_TYPES.join('|')})\\b`;
// The home word, then at most eight words (in one sentence: no . ! ? between) before "on/in/at".
const HOME_STREET = new RegExp(
  `\\b${HOME_WORDS}\\b(?:[^.!?\\n\\d]{0,60}?)\\b(?:on|in|at|off|of|near)(?: the)? (${STREET})`,
  'gu',
);

export const homeStreet: Detector = ({ text }) =>
  regexSpans(text, HOME_STREET, (m) => {
    const street = m[1] as string;
    const start = m.index + m[0].length - street.length;
    return { start, end: start + street.length };
  });
