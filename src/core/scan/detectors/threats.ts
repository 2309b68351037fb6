// Threat and reprisal language. Two detectors share one table:
// - `call-to-harm`: a call to kill or hurt, or a reward or bounty for harming, in a sentence that
//   names a person (by name, surname, or "him"/"her" carried from an earlier sentence);
// - `reprisal-language`: the same words where no person is named in the sentence, and
//   retribution, "should be dealt with", and doxxing ("we know where he lives").
// Sport and idiom ("killed off the game", "rewarded for his patience") are not matched: every
// phrase needs a harm word and a person it is aimed at.
import { mentionsOf, tokenAt } from '../mentions.js';
import { execIn, phraseRegex, sentencesWith, triggerSet } from './sentence-context.js';
import type { Detector, DetectorInput, Span } from './types.js';

const HARM =
  '(?:kill(?:ed)?|shot|shoot|stab(?:bed)?|hang(?:ed)?|hung|hurt|harm(?:ed)?|attack(?:ed)?|beat(?:en)?(?: up)?|burn(?:ed|t)?|knee-?capped|maimed|murdered|executed|lynched|strung up|taken out|done in|battered|punished)';
const WHO = '(?:him|her|them|you|his|hers|their|your)';

/** Calls to kill or hurt, and bounties for harm. */
const CALLS = phraseRegex([
  `(?:should|must|ought to|deserves? to|needs? to|wants? to|need to) be ${HARM}`,
  `(?:would|will|are going to|is going to|gonna) be ${HARM}`,
  `(?:i|we|i'll|we'll|i’ll|we’ll|i'd|i’d|we'd|we’d|someone|somebody|someone should|somebody should|somebody needs to|someone needs to) (?:will |should |must |are going to |am going to |need to |needs to |is going to )?(?:kill|shoot|stab|hang|hurt|burn|knife|murder|get|find) ${WHO}(?: kids| children| family| grandkids| wife| husband)?(?: and (?:grand)?(?:kids|children))?`,
  `(?:kill|shoot|stab|hang|hurt|burn|knife|murder) ${WHO}(?: kids| children| family| grandkids)?`,
  `death to`,
  `put a bullet in`,
  `(?:a )?(?:price|bounty|contract|hit) on (?:his|her|their) (?:head|life|lives)`,
  `put a (?:hit|contract|bounty) (?:out )?on`,
  `(?:(?:£\\s?\\d[\\d,.]*k? )?(?:reward|bounty)|£\\s?\\d[\\d,.]*k?|\\$\\d[\\d,.]*k?) (?:to|for) (?:anyone|anybody|whoever|the first person) (?:who|that|to) (?:\\p{L}+ ){0,3}?(?:kills?|shoots?|stabs?|hurts?|harms?|attacks?|beats?|breaks?|burns?|finds?|injures?|maims?|hospitali[sz]es?|batters?|punches?)`,
  `(?:offered|offering|posted|put up) (?:a )?(?:reward|bounty|£\\s?\\d[\\d,.]*k?) (?:\\p{L}+ ){0,4}?(?:to|for) (?:kill|hurt|harm|attack|beat|shoot|stab|find)`,
]);

/** Retribution, "dealt with", doxxing. */
const REPRISALS = phraseRegex([
  `(?:should|must|will|needs? to|ought to) be (?:dealt with|sorted out|taught a lesson|made to pay|run out of town|hunted down)`,
  `(?:will|is going to|are going to|gonna) pay for (?:this|what)`,
  `get what(?:'s|’s| is) coming`,
  `teach (?:him|her|them) a lesson`,
  `retribution`,
  `reprisals?`,
  `pay ?back time`,
  `we know where (?:he|she|they|you) (?:lives?|works?|sleeps?)`,
  `(?:know|found out|find out) where (?:he|she|they|you) (?:lives?|sleeps?)`,
  `(?:his|her|their) (?:home )?address is`,
  `(?:here is|here's|here’s) (?:his|her|their) address`,
  `(?:published|posted|shared|leaked) (?:his|her|their) (?:home )?address`,
]);

/** A word each call or reprisal phrase holds: only sentences with one of them are read. */
const TRIGGERS = triggerSet(`
  kill killed shot shoot stab stabbed hang hanged hung hurt harm harmed attack attacked beat beaten
  burn burned burnt kneecapped knee capped maimed murdered executed lynched strung taken done
  battered punished knife murder death bullet price bounty contract hit reward dealt sorted taught
  lesson pay coming teach retribution reprisal reprisals payback lives live works work sleeps
  sleep address run hunted`);

function spans(input: DetectorInput, re: RegExp): Span[] {
  const ranges = sentencesWith(mentionsOf(input), input.tokens, input.text, TRIGGERS);
  return execIn(re, input.text, ranges).map((r) => ({
    start: r.index,
    end: r.index + r[0].length,
  }));
}

/** True when the sentence holding the span names a person (a name, or a pronoun that refers to one). */
function namesPerson(input: DetectorInput, s: Span): boolean {
  const m = mentionsOf(input);
  const t = tokenAt(input.tokens, s.start);
  const id = m.sentence[t] as number;
  const from = m.sentenceStart[id] as number;
  const to = m.sentenceEnd[id] as number;
  for (let k = from; k <= to; k++) if ((m.tokenPerson[k] as number) >= 0) return true;
  return false;
}

/** The calls to harm of a scan, found once for both detectors. */
const callsOf = new WeakMap<object, Span[]>();
function calls(input: DetectorInput): Span[] {
  let list = callsOf.get(input.tokens);
  if (list === undefined) callsOf.set(input.tokens, (list = spans(input, CALLS)));
  return list;
}

export const callToHarm: Detector = (input) => calls(input).filter((s) => namesPerson(input, s));

export const reprisalLanguage: Detector = (input) => {
  const named = new Set(input.detect('call-to-harm').map((n) => n.start));
  const unnamed = calls(input).filter((s) => !named.has(s.start));
  return [...unnamed, ...spans(input, REPRISALS)].sort((a, b) => a.start - b.start);
};
