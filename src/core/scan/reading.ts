// The story-level reading: what kind of story a draft is (a court report and its stage, an
// inquest, an obituary, a sports report, a review…), with the words that say so. Rules of a
// `scanner: 2` rules file use it (`context.unless-reading`, `context.corroborated-by-reading`),
// `prepub scan` prints it first ("Reads as: court report, after verdict — line 2: 'was jailed
// for'"), and `check` may use it to pre-select screening answers for the reporter to confirm.
//
// The type `Reading` is a stable interface: other parts of prepub consume it. Add kinds at the
// end of READING_KINDS; never rename one.
//
// How: weighted cue phrases, counted in the first READING_WINDOW characters (a draft is one
// story; the cost stays flat however long the text). The legal kinds win when their cues are
// there at all (a court report about a footballer is a court report); otherwise the kind with
// the highest score wins if it reaches a threshold; else `general`. Pure and cheap: a dozen
// regular expressions over at most 8,000 characters.
import type { Span } from './detectors/types.js';

export const READING_KINDS = [
  'court-report',
  'crime-allegation',
  'investigation',
  'inquest',
  'tribunal',
  'family-court',
  'obituary',
  'sport',
  'review',
  'business',
  'health-science',
  'weather',
  'planning',
  'community',
  'general',
  // Reading 2 (uk-ew 2.1.0, `reading: 2`): features on centuries-old crimes, trials and executions.
  'history',
] as const;
export type ReadingKind = (typeof READING_KINDS)[number];

/** The stage of a criminal case, when the story is a court report or an investigation. */
export const COURT_STAGES = [
  'before-charge',
  'charged',
  'before-trial',
  'trial',
  'after-verdict',
  'appeal',
] as const;
export type CourtStage = (typeof COURT_STAGES)[number];

/** One piece of evidence for a reading: where, the words, and what they point to. */
export interface ReadingEvidence {
  readonly start: number;
  readonly end: number;
  readonly excerpt: string;
  readonly why: string;
}

export interface Reading {
  /** The main kind. */
  readonly kind: ReadingKind;
  /** For court reports, investigations and crime allegations: the stage of the case. */
  readonly stage?: CourtStage | undefined;
  /** Other kinds the text also reads as (strongest first), e.g. an inquest that is also an obituary. */
  readonly also: readonly ReadingKind[];
  /** "court report, after verdict" */
  readonly label: string;
  /** The strongest cues, in text order (at most three). */
  readonly evidence: readonly ReadingEvidence[];
}

/** How much of the text is read for the reading. */
export const READING_WINDOW = 8_000;

type Cue = readonly [kind: ReadingKind, weight: number, re: RegExp, why: string];

const w = (words: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${words})(?![\\p{L}\\p{N}])`, 'giu');

/** Cue phrases per kind. Weights: 3 decisive, 2 strong, 1 suggestive. */
const CUES: readonly Cue[] = [
  [
    'court-report',
    3,
    w(
      "crown court|magistrates['’]? court|youth court|old bailey|told the court|the court heard|told jurors|the jury|jury (?:heard|was told|were told)|pleaded (?:not )?guilty|pleads (?:not )?guilty|appeared (?:at|before)|in the dock|was jailed|were jailed|jailed for|sentenced to|remanded in custody|(?<=, )(?:prosecuting|defending|mitigating)|stands? trial|stood trial|found (?:not )?guilty|was convicted|were convicted|acquitted|the defendant|not guilty|verdicts?|cleared of|courtroom|sentencing|jailed|convicted of",
    ),
    'court',
  ],
  [
    'inquest',
    3,
    w(
      "inquest|coroner['’]?s? court|(?:senior|assistant|area) coroner|the coroner|narrative conclusion",
    ),
    'inquest',
  ],
  [
    'tribunal',
    3,
    w(
      'employment tribunal|tribunal heard|the tribunal|unfair(?:ly)? dismiss(?:al|ed)|constructive dismissal',
    ),
    'tribunal',
  ],
  [
    'family-court',
    3,
    w('family court|care proceedings|court of protection|taken into care|cafcass'),
    'family court',
  ],
  [
    'investigation',
    3,
    w(
      'arrested on suspicion|held on suspicion|released (?:on bail|under investigation)|has been arrested|have been arrested|were arrested|was arrested|has been charged|have been charged|was charged|were charged',
    ),
    'arrest or charge',
  ],
  [
    'investigation',
    2,
    w(
      'police (?:are|were) investigating|police investigation|police inquiry|police raid|search warrant|detectives',
    ),
    'police',
  ],
  [
    'crime-allegation',
    2,
    w(
      'allegations? (?:of|that)|alleged(?:ly)?|accused of|denies|denied (?:the|any) (?:claims|allegations)|the claims',
    ),
    'allegation',
  ],
  [
    'obituary',
    3,
    w(
      'has died|died aged|dies aged|died at the age|died peacefully|passed away|is survived by|survived by (?:his|her)|obituary|has died at',
    ),
    'death and tributes',
  ],
  ['obituary', 1, w('tributes?|funeral|rest in peace|career|born in'), 'death and tributes'],
  [
    'sport',
    2,
    w(
      'scored|goals?|striker|midfielder|defender|goalkeeper|wicket|innings|century|fixture|premier league|championship|league|season|the match|trial match|kick-off|half-time|full-time|manager|coach|squad|debut|try|tries|the pitch|captain|batting|bowled|ran in|rugby|football|cricket|the club|first team',
    ),
    'sport',
  ],
  [
    'review',
    2,
    w(
      'reviewed|production|new play|staging|the action|audiences?|adaptation|the play|playwright|on stage|theatre|the cast|the film|novels?|performances?|stars as|★+|the show|musical|booker prize|the judges|shortlist|premiere|courtroom drama|script|screenplay',
    ),
    'review or arts',
  ],
  [
    'business',
    1,
    w(
      'chief executive|shares|profits?|revenue|turnover|shareholders|investors|the company|the firm|ftse|dividend|acquisition|the bank',
    ),
    'business',
  ],
  [
    'health-science',
    1,
    w(
      'researchers|the study|clinical trial|patients|scientists|treatment|drug trial|the research|nhs|professor|university',
    ),
    'health or science',
  ],
  [
    'weather',
    2,
    w(
      'met office|forecast|forecasters|rain|snow|temperatures?|weather warning|heatwave|gusts|flooding|storm',
    ),
    'weather',
  ],
  [
    'planning',
    2,
    w(
      'planning (?:application|permission|committee|inspector|officers?)|planning|the application|the development|homes on|outline permission|approved plans|the site',
    ),
    'planning',
  ],
  [
    'community',
    1,
    w(
      'fun day|fundraising|raised £|charity|volunteers|residents|the village|community|the event|parish council|festival|fete',
    ),
    'community',
  ],
];

/**
 * Reading 2 (a rules file's `reading: 2`, uk-ew 2.1.0): more cues for the kinds of harmless copy
 * whose trap words read as crime (issue #14 precision round 2). Added to CUES, never replacing
 * them, so reading 1 — which released packs are pinned to — is unchanged.
 */
const CUES_2: readonly Cue[] = [
  [
    'review',
    2,
    w(
      'documentary|docu-?drama|drama series|the series|(?:two|three|four|five|six)-part|episodes?|true[- ]crime|whodunn?it|agatha christie|crime (?:novel|fiction|writer|thriller)|thriller|the plot|the novel|the author|the audience|the reader|readers|to-camera|the doc|box set|the interval',
    ),
    'review or arts',
  ],
  // Fiction and performance say outright that the court and the crime are on stage or screen.
  [
    'review',
    3,
    w('played by|plays the|stars as|starring|the cast|new cast|cast members?'),
    'a cast',
  ],
  // Corpus round 3: a tribunal report says "a tribunal was told" or "the tribunal retires", and
  // a hearing's "verdict" should not make it a criminal court report.
  [
    'tribunal',
    3,
    w('tribunal (?:was told|were told|ruled|found|retires?|retired|panel|judge)|employment judge'),
    'tribunal',
  ],
  [
    'health-science',
    2,
    w(
      'fossils?|fossilised|dinosaurs?|palaeontolog\\w*|species|predators?|predatory|prey|marine biologists?|wildlife|habitats?|orcas?|killer whales?|whales|million years|the pod|naturalists?|zoologists?',
    ),
    'nature or science',
  ],
  [
    'business',
    1,
    w(
      'fintechs?|firms|customers|the sector|the industry|insurers?|premiums|underwriting|market share|first quarter|half-year|full-year|annual results|pre-tax|c-suite|chief executive|the group',
    ),
    'business',
  ],
  [
    'obituary',
    2,
    w(
      '(?:his|her) widow|(?:his|her) widower|leaves behind|grandfather-of-\\w+|grandmother-of-\\w+|paid tribute|paid tributes|after (?:a|his|her) (?:long|short) illness',
    ),
    'death and tributes',
  ],
  // Corpus round 3 (stop 19): a death report often gives the age apart from "died" ("died at
  // home on Monday, aged 79"), and speaks of "the passing of" someone and of condolences.
  ['obituary', 3, w('died\\b[^.\\n]{2,40}?\\baged \\d{1,3}'), 'death and tributes'],
  ['obituary', 2, w('the passing of|(?:deep(?:est)? )?condolences'), 'death and tributes'],
  [
    'community',
    1,
    w(
      'community garden|the garden|trustees|allotments?|greenhouse|seedlings|bowling club|scouts|the shed',
    ),
    'community',
  ],
  // Corpus round 3: fundraising said otherwise than "raised £" ("raising money for local
  // charities", "raised nearly £900", "the club's fund-raisers").
  [
    'community',
    1,
    w(
      'charities|fund-?rais(?:ing|ers?|ed)|raising (?:funds|money)|raised (?:more than |over |nearly |almost |around |about )£',
    ),
    'community',
  ],
  [
    'history',
    2,
    w(
      'public executions?|executions|gallows|hangman|tyburn|newgate|bloody code|victorian|georgian|tudor|medieval|(?:1[2-9]|20)th[- ]century|(?:seventeenth|eighteenth|nineteenth) century|centuries|historians?|the archives?|historical records',
    ),
    'history',
  ],
  ['history', 2, w('in 1[0-8]\\d\\d'), 'a date long past'],
  // Corpus round 4 (stop 20): a page of reviews, or a round-up of them, says so in its
  // headlines ("Dirty God review - an important piece of filmmaking", "film reviews") and
  // speaks of filmmakers and cinemas.
  [
    'review',
    2,
    w(
      'review\\s+[-–—]|(?:film|theatre|theater|book|album|tv|television|concert|gig|restaurant|dance|opera|exhibition) reviews?|filmmak\\w*|film-?makers?|writer-director|auteur|feature film|cinemas?|box office',
    ),
    'review or arts',
  ],
  // A work of fiction or a documentary that "follows" or "tells" its story is decisive.
  [
    'review',
    3,
    w(
      '(?:the|this|a|her|his|their) (?:new )?(?:film|story|novel|series|play|drama|book|documentary|musical|opera|thriller|comedy)(?: (?:follows|tells|centres on|centers on|is set in|is based on)|, set in| stars)',
    ),
    'a work of fiction',
  ],
  // Corpus round 3: a decade of a past century ("in the 1770s") places the story's events in
  // that time, more surely than one year (a building "built in 1847" in today's news).
  ['history', 3, w('(?:the )?1[0-8]\\d0s'), 'a date long past'],
];

const LEGAL: ReadonlySet<ReadingKind> = new Set([
  'court-report',
  'inquest',
  'tribunal',
  'family-court',
  'investigation',
  'crime-allegation',
]);

/** The score a legal kind needs to win over any other (one decisive or two strong cues). */
const LEGAL_MIN = 3;
/** The score any other kind needs. */
const OTHER_MIN = 3;
/** Sport words are everywhere ("the club", "season"): a sports report needs more of them. */
const KIND_MIN: Partial<Record<ReadingKind, number>> = { sport: 8 };

const STAGES: readonly (readonly [CourtStage, RegExp])[] = [
  [
    'appeal',
    w('court of appeal|appeal against (?:his|her|their) (?:conviction|sentence)|appeal judges'),
  ],
  [
    'after-verdict',
    w(
      'was jailed|were jailed|jailed for|sentenced to|was sentenced|were sentenced|found guilty|found not guilty|was convicted|were convicted|acquitted|cleared of|pleaded guilty|admitted (?:the|a|two|three|causing)',
    ),
  ],
  [
    'trial',
    w(
      'told jurors|the jury|jury heard|trial continues|the trial heard|giving evidence|cross-examined',
    ),
  ],
  [
    'before-trial',
    w(
      'remanded in custody|first appearance|appeared at|appeared before|sent to crown court|due to appear|will appear|due to stand trial|pleaded not guilty|preliminary hearing|trial date',
    ),
  ],
  ['charged', w('has been charged|have been charged|was charged|were charged|charged with')],
  [
    'before-charge',
    w(
      'arrested on suspicion|held on suspicion|released (?:on bail|under investigation)|has been arrested|was arrested|no arrests?|not been arrested|police (?:are|were) investigating',
    ),
  ],
];

const STAGE_LABEL: Readonly<Record<CourtStage, string>> = {
  'before-charge': 'before any charge',
  charged: 'after charge',
  'before-trial': 'before trial',
  trial: 'trial under way',
  'after-verdict': 'after verdict',
  appeal: 'appeal',
};

const KIND_LABEL: Readonly<Record<ReadingKind, string>> = {
  'court-report': 'court report',
  'crime-allegation': 'allegation of wrongdoing',
  investigation: 'police investigation',
  inquest: 'inquest',
  tribunal: 'tribunal report',
  'family-court': 'family court report',
  obituary: 'obituary or death report',
  sport: 'sport',
  review: 'review or arts',
  business: 'business',
  'health-science': 'health or science',
  weather: 'weather',
  planning: 'planning',
  community: 'community news',
  general: 'general news',
  history: 'history feature',
};

function excerpt(text: string, s: Span): string {
  return text.slice(s.start, s.end).replace(/\s+/g, ' ').trim().slice(0, 60);
}

/** The story-reading versions: 1 (released packs) and 2 (a rules file's `reading: 2`). */
export type ReadingVersion = 1 | 2;

/**
 * Read a story. Pure; looks at the first READING_WINDOW characters only. `version` 2 adds the
 * cues of CUES_2, the `history` kind, and lets a review or a history feature win over the court
 * words it is full of when its own cues are at least as strong (reading 1 asks for half as much
 * again, which a theatre review of a trial rarely reaches).
 */
export function readStory(fullText: string, version: ReadingVersion = 1): Reading {
  const text = fullText.length > READING_WINDOW ? fullText.slice(0, READING_WINDOW) : fullText;
  const score = new Map<ReadingKind, number>();
  const firstHit = new Map<ReadingKind, ReadingEvidence>();
  for (const [kind, weight, re, why] of version === 2 ? [...CUES, ...CUES_2] : CUES) {
    re.lastIndex = 0;
    let n = 0;
    for (let m = re.exec(text); m !== null && n < 6; m = re.exec(text)) {
      n++;
      if (!firstHit.has(kind)) {
        const s = { start: m.index, end: m.index + m[0].length };
        firstHit.set(kind, { ...s, excerpt: excerpt(text, s), why });
      }
    }
    // Diminishing returns: the first hits count most, so one long list cannot swamp the rest.
    if (n > 0) score.set(kind, (score.get(kind) ?? 0) + weight * Math.min(n, 4));
  }
  const ranked = [...score.entries()].sort((a, b) => b[1] - a[1]);
  const legal = ranked.filter(([k, s]) => LEGAL.has(k) && s >= LEGAL_MIN);
  const other = ranked.filter(([k, s]) => !LEGAL.has(k) && s >= (KIND_MIN[k] ?? OTHER_MIN));
  // A court report outranks a police investigation and an allegation when both are there.
  const legalOrder = (k: ReadingKind) =>
    [
      'court-report',
      'inquest',
      'family-court',
      'tribunal',
      'investigation',
      'crime-allegation',
    ].indexOf(k);
  legal.sort((a, b) =>
    a[1] >= 6 && b[1] >= 6
      ? legalOrder(a[0]) - legalOrder(b[0])
      : b[1] - a[1] || legalOrder(a[0]) - legalOrder(b[0]),
  );
  // An obituary of a footballer is an obituary: death outranks the other non-legal kinds.
  const obituary = other.find(([k]) => k === 'obituary');
  // A review of a courtroom play, or a long sports report, outweighs a few court words.
  const arts = other.find(([k]) => k === 'review' || k === 'sport' || k === 'history');
  const legalTop = legal[0];
  // Reading 2: a review or a history feature wins when its own cues are at least as strong as
  // the court words it retells; a sports report still needs half as much again.
  const even = version === 2 && arts !== undefined && arts[0] !== 'sport';
  const artsWin =
    arts !== undefined &&
    arts[1] >= 6 &&
    (!legalTop || arts[1] > 1.5 * legalTop[1] || (even && arts[1] >= legalTop[1]));
  // Reading 2 (corpus round 4): the obituary of a judge or a barrister names the court once;
  // a death outweighs one court cue, never a court report's several (a victim who "died, aged
  // 19" in a trial report is still a court report).
  const deathWins =
    version === 2 &&
    legalTop !== undefined &&
    obituary !== undefined &&
    legalTop[1] < 6 &&
    obituary[1] >= 3 &&
    obituary[1] > legalTop[1];
  const winner: ReadingKind =
    (legalTop && !artsWin && !deathWins ? legalTop[0] : undefined) ??
    (obituary && obituary[1] >= 3 ? 'obituary' : other[0]?.[0]) ??
    'general';
  const also = [...legal, ...other].map(([k]) => k).filter((k) => k !== winner);
  let stage: CourtStage | undefined;
  const evidence: ReadingEvidence[] = [];
  const main = firstHit.get(winner);
  if (main) evidence.push(main);
  if (winner === 'court-report' || winner === 'investigation' || winner === 'crime-allegation') {
    for (const [s, re] of STAGES) {
      re.lastIndex = 0;
      const m = re.exec(text);
      if (m) {
        stage = s;
        const sp = { start: m.index, end: m.index + m[0].length };
        evidence.push({ ...sp, excerpt: excerpt(text, sp), why: STAGE_LABEL[s] });
        break;
      }
    }
  }
  const second = also[0] !== undefined ? firstHit.get(also[0]) : undefined;
  if (second && evidence.length < 3) evidence.push(second);
  evidence.sort((a, b) => a.start - b.start);
  const label =
    stage !== undefined ? `${KIND_LABEL[winner]}, ${STAGE_LABEL[stage]}` : KIND_LABEL[winner];
  return { kind: winner, ...(stage !== undefined ? { stage } : {}), also, label, evidence };
}

/** True when the story reads as any of `kinds`, as its main kind. */
export function readsAs(reading: Reading, kinds: readonly string[]): boolean {
  return kinds.includes(reading.kind);
}
