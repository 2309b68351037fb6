// Legal-term errors that need their context to be sure: "found guilty" in a sentence about an
// inquest (an inquest reaches a conclusion; it finds no one guilty). Errors that are wrong
// wherever they occur ("cleared for" an offence, "charged on suspicion of") are `pattern` rules
// in the pack's rules.yaml.
import { mentionsOf, tokenAt } from '../mentions.js';
import { hasAny, phraseRegex, sentenceWords, wordSet } from './sentence-context.js';
import type { Detector, Span } from './types.js';

const GUILTY = phraseRegex([
  'found (?:\\p{L}+ ){0,3}?guilty',
  'guilty verdict',
  'verdict of guilty',
  'declared (?:\\p{L}+ )?guilty',
]);
const INQUEST = wordSet('inquest inquests coroner coroners');
/** A sentence that also speaks of a criminal court is about that court's verdict. */
const CRIMINAL_COURT = wordSet(
  'court courts trial crown magistrates convicted pleaded sentenced jailed prosecution prosecutor charged offence offences',
);

export const inquestGuilty: Detector = (input) => {
  const m = mentionsOf(input);
  const out: Span[] = [];
  GUILTY.lastIndex = 0;
  for (let r = GUILTY.exec(input.text); r !== null; r = GUILTY.exec(input.text)) {
    const words = sentenceWords(
      m,
      input.tokens,
      m.sentence[tokenAt(input.tokens, r.index)] as number,
    );
    if (hasAny(words, INQUEST) && !hasAny(words, CRIMINAL_COURT))
      out.push({ start: r.index, end: r.index + r[0].length });
  }
  return out;
};
