// The live uk-ew rules on the labelled corpus of real journalism (test/fixtures/corpus), per
// split, held to floors that can only go up: raise a floor when the rules improve, never lower
// it to let a change through. The metrics are bench/corpus-metrics.js, the same code as
// `node bench/corpus.js`. Rules are tuned on the tuning split only; the evaluation split is
// measured, never tuned on (see the corpus README), and its floors live in evaluation-floors.ts
// so that reading this file shows no evaluation figure.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateSplit, firstEvaluation, summaryLine } from '../../bench/corpus-metrics.js';
import { parseRules } from '../../src/adapters/read-rules.js';
import { scanText } from '../../src/core/scan/scanner.js';
import { ROOT } from '../helpers/run.js';
import { EVALUATION_FLOORS } from './evaluation-floors.js';

/**
 * Tuning floors, at the values reached (rounded in the safe direction). Before scanner 2
 * (uk-ew 1.0.0): tuning 14/26 harmless with high+, 1.0 medium per harmless, sections 73%,
 * spans 52%, high+ precision 31%. uk-ew 2.1.0's recall
 * rules (the "2.1.0 recall" block) took tuning from sections 74% and spans 61% to 95% (74/78)
 * and 90% (148/164), with no new high off a labelled span and nothing new on harmless copy.
 * uk-ew 2.1.0 precision (story-level findings said once, corroboration before high): tuning 0/26
 * harmless with high+, high+ precision 49% -> 78% (52/67) alone, 81% with the recall rules.
 */
const TUNING_FLOORS = {
  // Corpus round 2 (stop 18) grew the tuning split from 62 to 116 articles (51 harmless, 65
  // risky), collected and labelled blind, chosen for trap words (harmless) and varied phrasing
  // (risky); on it the rules as found gave 7 harmless with high+, 0.7 medium per harmless,
  // sections 88%, spans 82%, high+ precision 74%. Story reading 2, the lawyer's three notes and
  // the round 2 blocks took it to 0/51, 0.24 (12/51), 97% (140/145), 89% (268/302), 75%
  // (101/135). The split is larger, so these floors are not comparable with stop 17's.
  // Round 3 (one problem said once, story-level findings pointing at the people they protect,
  // the procedure of a jury and a named victim no longer high): spans 89% (269/302), high+
  // precision 86% (105/122), the rest unchanged.
  // Corpus round 3 (stop 19) added 24 harmless tuning articles (75 harmless in all), collected
  // and labelled blind; on them the rules as found gave 3/75 harmless with high+ and 0.51
  // (38/75) medium per harmless; the risky figures did not move. Round 3's harmless tuning
  // (reading 2's death, fundraising, decade and tribunal cues; children, reviews, history and
  // the sense of "affair", "exposed", "bullying", "as yet unnamed"): 0/75, 0.05 (4/75), sections
  // 97% (140/145) and spans 89% (269/302) unchanged, high+ precision 88% (106/120).
  // Corpus round 3 (stop 19, s6-risky) added 31 risky tuning articles (96 risky), labelled blind
  // before any scan. The articles alone, with the rules unchanged, took the tuning split to
  // 0/51, 0.2, sections 93% (202/217), spans 79% (352/445), high+ precision 74% (150/203): the
  // floors below are those measured values (the split grew; they do not compare with round 2's).
  // The round 3 risky recall block and its changes in place then took it to 0/51, 0.2, sections
  // 96% (209/217), spans 84% (374/445), high+ precision 80% (147/184).
  // Both round 3 branches merged (171 articles: 75 harmless, 96 risky): 0/75, 0.05 (4/75),
  // sections 96% (209/217), spans 84% (374/445), high+ precision 81% (148/183).
  // Corpus round 4 (stop 20, s7-harmless) added 22 harmless tuning articles (97 harmless),
  // labelled blind before any scan. The articles alone, rules unchanged: 1/97 harmless with
  // high+ (a travel feature's "Mrs M"), 0.21 (20/97) medium per harmless (16 of them on the 22
  // new articles: schools and pupils, "according to", "liquidation", "affairs", "gay", a
  // byline's email address); the risky figures did not move. The floors below are those
  // measured values (the split grew). Round 4's harmless tuning (test/scan/harmless-round4.test.ts:
  // an anonymity cipher needs proceedings; a school needs a child pointed at; attribution needs
  // someone it is said of; a child's age needs proceedings, a police matter or a complaint; the
  // sense of "affairs", of a wrong taught, of crime suffered or measured; published mailboxes;
  // a page of reviews read as reviews; an address needs a home; a genre is no crime; fiction
  // that "follows" its story): 0/97, 0.03 (3/97), sections 96% (209/217) and spans 84% (374/445)
  // unchanged, high+ precision 81% (148/183 -> 148/182).
  // Corpus round 4 (stop 20, s7-risky) added 31 risky tuning articles (127 risky), labelled
  // blind and committed (2850762) before any scan. The articles alone, with the rules unchanged,
  // took the tuning split to 0/75, 0.05, sections 93% (265/284), spans 79% (461/584), high+
  // precision 78% (199/254); on the 31 new articles alone: sections 84% (56/67), spans 63%
  // (87/139), high+ precision 72% (51/71). The floors were set to those measured values.
  // The round 4 risky recall block and its changes in place (a disciplinary panel's finding, a
  // criminal label, an accusation repeated from someone else, a victim's injuries, a person's
  // vulnerability, a victim's trauma, a defendant's demeanour, a police appeal pointing at a
  // suspect, a named person's street; officers and children anonymised by rank or role, replies
  // declined, trial dates, "evidence showed", a regulator's quoted findings, a complainant
  // described by age; police misconduct high only with an anonymity direction or a criminal
  // case, health said once per story) then took it to 0/75, 0.05 (4/75), sections 95%
  // (271/284), spans 87% (508/584), high+ precision 80% (198/246).
  // Both round 4 branches merged (224 articles: 97 harmless, 127 risky): 0/97, 0.03 (3/97),
  // sections 95% (271/284), spans 87% (508/584), high+ precision 81% (198/245).
  // Pass 2 on risky copy (test/scan/pass2-round4.test.ts: an early hearing said once where the
  // proceedings are raised at high, an office-holder under inquiry, offences in the plural or as labels, where a
  // complainant or a protected child is referred to, the inspectors' and a court's words for a
  // finding, a breach laid at a small group, the other side carried, the street of an incident):
  // 0/97, 0.03 (3/97), sections 96% (272/284), spans 90% (526/584), high+ precision 83% (202/244).
  tuning: {
    harmlessWithHighMax: 0,
    mediumPerHarmlessMax: 0.04,
    sectionRecallMin: 0.957,
    spanRecallMin: 0.9,
    highPrecisionMin: 0.827,
  },
} as const;

const file = path.join(ROOT, 'checklists', 'uk-ew', 'rules.yaml');
const parsed = await parseRules(file, readFileSync(file, 'utf8'));

const SETS = {
  tuning: { split: 'tuning', only: undefined, harmless: 97, floor: TUNING_FLOORS.tuning },
  evaluation: {
    split: 'evaluation',
    only: undefined,
    harmless: 66,
    floor: EVALUATION_FLOORS.evaluation,
  },
  first97: {
    split: 'evaluation',
    only: firstEvaluation(97),
    harmless: 49,
    floor: EVALUATION_FLOORS.first97,
  },
  first69: {
    split: 'evaluation',
    only: firstEvaluation(69),
    harmless: 33,
    floor: EVALUATION_FLOORS.first69,
  },
  first39: {
    split: 'evaluation',
    only: firstEvaluation(39),
    harmless: 18,
    floor: EVALUATION_FLOORS.first39,
  },
} as const;

/**
 * PREPUB_TUNING_ONLY=1 leaves the evaluation sets out, so that an engineer tuning rules never sees
 * an evaluation figure, not even in a failing test's message. CI never sets it.
 */
const tuningOnly = process.env.PREPUB_TUNING_ONLY === '1';

describe('the live rules on real journalism (floors that only go up)', () => {
  it.each(Object.keys(SETS) as (keyof typeof SETS)[])('%s', (set) => {
    if (tuningOnly && SETS[set].split !== 'tuning') return;
    expect(parsed.errors).toEqual([]);
    const { split, only, harmless, floor } = SETS[set];
    if (only) expect(only.size, 'a fixed subset keeps its articles').toBe(Number(set.slice(5)));
    const m = evaluateSplit(split, (text) => scanText(text, parsed.rules!, {}), { only });
    const line = summaryLine(m);
    expect(m.harmless, line).toBeGreaterThanOrEqual(harmless);
    expect(m.harmlessHigh, line).toBeLessThanOrEqual(floor.harmlessWithHighMax);
    expect(m.mediumPerHarmless, line).toBeLessThanOrEqual(floor.mediumPerHarmlessMax);
    expect(m.sectionRecall, line).toBeGreaterThanOrEqual(floor.sectionRecallMin);
    expect(m.spanRecall, line).toBeGreaterThanOrEqual(floor.spanRecallMin);
    expect(m.highPrecision, line).toBeGreaterThanOrEqual(floor.highPrecisionMin);
  });
});
