// Public bodies under the names newsrooms actually write: "Department for Health" and
// "Department of Health", "DWP", "HMRC", "the CPS", "IOPC", "Met Police", "Leeds City Council"
// and "Council of Leeds", "West Yorkshire Police". Rules use it where a statement by a public
// body matters (privilege for fair and accurate reports of what it says).
import { mentionsOf } from '../mentions.js';
import { execIn, sentencesWith, triggerSet } from './sentence-context.js';
import type { Detector } from './types.js';

const CAP = "\\p{Lu}\\p{Ll}[\\p{L}'’-]*";
const BODIES = [
  `Department (?:for|of) ${CAP}(?:(?:,| and| &)? ${CAP}){0,4}`,
  `Ministry of ${CAP}`,
  `(?:the )?Home Office`,
  `(?:the )?Cabinet Office`,
  `(?:the )?Foreign(?:,)? (?:Commonwealth (?:and|&) Development )?Office`,
  `HM (?:Revenue (?:and|&) Customs|Treasury|Prison Service|Courts (?:and|&) Tribunals Service)`,
  `Crown Prosecution Service`,
  `Independent Office (?:for|of) Police Conduct`,
  `Metropolitan Police(?: Service)?`,
  `Met Police`,
  `(?:${CAP} ){1,2}(?:Police|Constabulary)`,
  `(?:${CAP} ){1,3}(?:Borough |City |County |District |Town |Parish |Metropolitan Borough )?Council`,
  `(?:Borough |City |County |District |Town )?Council of (?:the )?${CAP}(?: ${CAP})?`,
  `NHS (?:England|Digital|Resolution|${CAP} (?:Trust|Board))`,
  `(?:${CAP} ){1,4}NHS (?:Foundation )?Trust`,
  `Care Quality Commission`,
  `Health and Safety Executive`,
  `Financial Conduct Authority`,
  `Information Commissioner(?:'s|’s) Office`,
];
const ACRONYMS =
  'DWP|HMRC|CPS|IOPC|IPCC|DVLA|DfE|DHSC|MoJ|MoD|FCDO|HSE|FCA|CQC|ICO|Ofsted|Ofcom|Ofgem|Ofwat|SFO|NCA|HMPPS|HMCTS';
const PUBLIC_BODY = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${BODIES.join('|')}|(?:${ACRONYMS}))(?![\\p{L}\\p{N}])`,
  'gu',
);

/** A word each public body's name holds: only sentences with one of them are read. */
const TRIGGERS = triggerSet(
  `department ministry office hm crown independent police constabulary council nhs trust
  commission executive authority commissioner ${ACRONYMS.toLowerCase().split('|').join(' ')}`,
);

export const publicBody: Detector = (input) =>
  execIn(
    PUBLIC_BODY,
    input.text,
    sentencesWith(mentionsOf(input), input.tokens, input.text, TRIGGERS),
  ).map((r) => ({ start: r.index, end: r.index + r[0].length }));
