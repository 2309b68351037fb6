// Public bodies under the names newsrooms actually write: "Department for Health" and
// "Department of Health", "DWP", "HMRC", "the CPS", "IOPC", "Met Police", "Leeds City Council"
// and "Council of Leeds", "West Yorkshire Police". Rules use it where a statement by a public
// body matters (privilege for fair and accurate reports of what it says).
import { regexSpans, type Detector } from './types.js';

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

export const publicBody: Detector = ({ text }) => regexSpans(text, PUBLIC_BODY);
