// Jigsaw identifiers around someone the story keeps anonymous: the small, unique details (their
// ward, team, years of service, where they trained) that let colleagues or neighbours work out
// who an anonymous source or a complainant is. Found in the sentence of the anonymity marker
// ("who asked not to be named", "who cannot be named for legal reasons") and the sentences either
// side. The span is the identifying detail, so the finding names it.
import { mentionsOf, tokenAt } from '../mentions.js';
import { execIn, phraseRegex, sentencesWith, triggerSet } from './sentence-context.js';
import type { Detector, DetectorInput, Span } from './types.js';

const SOURCE_MARKERS = phraseRegex([
  'asked not to be (?:named|identified)',
  "(?:did not|didn’t|didn't|does not) (?:want|wish) to be (?:named|identified)",
  'on condition of anonymity',
  '(?:requested|asked for|granted) anonymity',
  'spoke anonymously',
  'speaking anonymously',
  'declined to be named',
  'not to be named',
  'an anonymous source',
  'a source (?:said|told|close to)',
  'our source',
  'the whistleblower',
  'a whistleblower',
]);

const COMPLAINANT_MARKERS = phraseRegex([
  'the complainant',
  'the alleged victim',
  'the victim',
  "(?:who|which) (?:cannot|can’t|can't|could not|couldn’t|couldn't) be (?:named|identified)",
  'cannot be named for legal reasons',
  'lifelong anonymity',
  'legally entitled to anonymity',
  'entitled to anonymity',
]);

const DETAILS = phraseRegex([
  'on (?:the |a )?(?:\\p{L}+ ){0,2}ward',
  '(?:who has|who had|has|had|having) (?:worked|served|been|taught|nursed) (?:there |at the \\p{L}+ |in the \\p{L}+ |at the trust |for the \\p{L}+ )?for (?:\\d+|\\p{L}+) years',
  "(?:\\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|many|several) years(?:’|')? (?:service|experience)",
  '(?:who|she|he|having|had|after|they) trained (?:at|in|as) (?:\\p{L}+ ){0,3}?\\p{L}+',
  '(?:her|his|their) (?:team|department|unit|shift|wing|office|line manager|year group|class|squad|station)',
  'joined (?:the \\p{L}+ |the force |the trust )?in (?:19|20)\\d\\d',
  'one of (?:only|just) (?:two|three|four|five|six|\\d+)',
  'the only (?:\\p{L}+ )?(?:woman|man|nurse|doctor|teacher|officer|member|person|employee|black|female|male)',
]);

/** Details that name a place (case matters: a proper name starts with a capital). */
const NAMED_DETAILS = phraseRegex(
  [
    "(?:[Ww]orks|worked|lives|lived|studies|studied|spoke|teaches|taught) (?:at|in|for) (?:the )?\\p{Lu}[\\p{L}’'-]+(?: \\p{Lu}[\\p{L}’'-]+)*(?: (?:training centre|centre|ward|school|hospital|station|office|branch|depot))?",
    '(?:[Aa]|[Tt]he) (?:senior |junior |staff |agency |night |night-shift |ward )?(?:nurse|doctor|midwife|teacher|officer|porter|carer|paramedic|consultant|surgeon|clerk|cleaner|guard|sister|matron|manager) (?:on|at|in) (?:the )?\\p{Lu}\\p{L}+(?: \\p{Lu}\\p{L}+)*',
  ],
  true,
);

/** A word each anonymity marker holds: only sentences with one of them are read. */
const MARKER_TRIGGERS = triggerSet(`
  named identified anonymity anonymously anonymous source whistleblower complainant victim`);

function anchored(input: DetectorInput, markers: RegExp): Span[] {
  const { text, tokens } = input;
  const m = mentionsOf(input);
  // The marker's sentence and the sentences either side of it.
  const near: [number, number][] = [];
  for (const r of execIn(markers, text, sentencesWith(m, tokens, text, MARKER_TRIGGERS))) {
    const id = m.sentence[tokenAt(tokens, r.index)] as number;
    const from = m.sentenceStart[Math.max(0, id - 1)] as number;
    const after = m.sentenceStart[id + 2];
    const start = tokens.starts[from] as number;
    const end = after === undefined ? text.length : (tokens.starts[after] as number);
    const prev = near.at(-1);
    if (prev !== undefined && prev[1] >= start) prev[1] = Math.max(prev[1], end);
    else near.push([start, end]);
  }
  const out: Span[] = [];
  for (const re of [DETAILS, NAMED_DETAILS])
    for (const r of execIn(re, text, near))
      out.push({ start: r.index, end: r.index + r[0].length });
  return out.sort((x, y) => x.start - y.start);
}

export const sourceJigsaw: Detector = (input) => anchored(input, SOURCE_MARKERS);
export const complainantJigsaw: Detector = (input) => anchored(input, COMPLAINANT_MARKERS);
