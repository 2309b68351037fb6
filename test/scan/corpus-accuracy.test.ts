// The live uk-ew rules on the labelled corpus of real journalism (test/fixtures/corpus), per
// split, held to floors that can only go up: raise a floor when the rules improve, never lower
// it to let a change through. The metrics are bench/corpus-metrics.js, the same code as
// `node bench/corpus.js`. Rules are tuned on the tuning split only; the evaluation split is
// measured, never tuned on (see the corpus README).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateSplit, firstEvaluation, summaryLine } from '../../bench/corpus-metrics.js';
import { parseRules } from '../../src/adapters/read-rules.js';
import { scanText } from '../../src/core/scan/scanner.js';
import { ROOT } from '../helpers/run.js';

/**
 * Floors per split, at the values reached (rounded in the safe direction). Before scanner 2
 * (uk-ew 1.0.0): tuning 14/26 harmless with high+, 1.0 medium per harmless, sections 73%,
 * spans 52%, high+ precision 31%; evaluation 10/18, 1.9, 70%, 58%, 35%. uk-ew 2.1.0's recall
 * rules (the "2.1.0 recall" block) took tuning from sections 74% and spans 61% to 95% (74/78)
 * and 90% (148/164), with no new high off a labelled span and nothing new on harmless copy.
 * uk-ew 2.1.0 precision (story-level findings said once, corroboration before high): tuning 0/26
 * harmless with high+, high+ precision 49% -> 78% (52/67) alone, 81% with the recall rules.
 */
const FLOORS = {
  // Corpus round 2 (stop 18) grew the tuning split from 62 to 116 articles (51 harmless, 65
  // risky), collected and labelled blind, chosen for trap words (harmless) and varied phrasing
  // (risky); on it the rules as found gave 7 harmless with high+, 0.7 medium per harmless,
  // sections 88%, spans 82%, high+ precision 74%. Story reading 2, the lawyer's three notes and
  // the round 2 blocks took it to 0/51, 0.24 (12/51), 97% (140/145), 89% (268/302), 75%
  // (101/135). The split is larger, so these floors are not comparable with stop 17's.
  // Round 3 (one problem said once, story-level findings pointing at the people they protect,
  // the procedure of a jury and a named victim no longer high): spans 89% (269/302), high+
  // precision 86% (105/122), the rest unchanged.
  // Corpus round 3 (stop 19, s6-risky) added 31 risky tuning articles (96 risky), labelled blind
  // before any scan. The articles alone, with the rules unchanged, took the tuning split to
  // 0/51, 0.2, sections 93% (202/217), spans 79% (352/445), high+ precision 74% (150/203): the
  // floors below are those measured values (the split grew; they do not compare with round 2's).
  // The round 3 risky recall block and its changes in place then took it to 0/51, 0.2, sections
  // 96% (209/217), spans 84% (374/445), high+ precision 80% (147/184).
  tuning: {
    harmlessWithHighMax: 0,
    mediumPerHarmlessMax: 0.24,
    sectionRecallMin: 0.96,
    spanRecallMin: 0.84,
    highPrecisionMin: 0.79,
  },
  // The whole evaluation split (never tuned on), 69 articles since corpus round 2: 6/33 harmless
  // with high+, 0.94 medium per harmless, sections 87% (65/75), spans 72% (124/172), high+
  // precision 65% (58/89); after round 3 and the lawyer's narrowing: 6/33, 0.94, 87%, 73%
  // (125/172), 68% (51/75).
  evaluation: {
    harmlessWithHighMax: 6,
    mediumPerHarmlessMax: 0.94,
    sectionRecallMin: 0.86,
    spanRecallMin: 0.72,
    highPrecisionMin: 0.68,
  },
  // The 39 articles the evaluation split had at stop 17, a fixed subset so figures compare across
  // rounds. uk-ew 2.1.0 at stop 17: 3/18, 0.9, 82%, 66%, 61% (from 1.0.0's 10/18, 1.9, 70%, 58%,
  // 35%); after corpus round 2: 3/18, 0.67, 84% (37/44), 68% (71/105), 61% (30/49); after
  // round 3: 3/18, 0.67, 84%, 69% (72/105), 62% (26/42).
  firstEvaluation: {
    harmlessWithHighMax: 3,
    mediumPerHarmlessMax: 0.67,
    sectionRecallMin: 0.84,
    spanRecallMin: 0.68,
    highPrecisionMin: 0.61,
  },
} as const;

const file = path.join(ROOT, 'checklists', 'uk-ew', 'rules.yaml');
const parsed = await parseRules(file, readFileSync(file, 'utf8'));

const SETS = {
  tuning: { split: 'tuning', only: undefined, harmless: 51 },
  evaluation: { split: 'evaluation', only: undefined, harmless: 33 },
  firstEvaluation: { split: 'evaluation', only: firstEvaluation(), harmless: 18 },
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
    const { split, only, harmless } = SETS[set];
    if (only) expect(only.size, 'the fixed subset keeps its 39 articles').toBe(39);
    const m = evaluateSplit(split, (text) => scanText(text, parsed.rules!, {}), { only });
    const floor = FLOORS[set];
    const line = summaryLine(m);
    expect(m.harmless, line).toBeGreaterThanOrEqual(harmless);
    expect(m.harmlessHigh, line).toBeLessThanOrEqual(floor.harmlessWithHighMax);
    expect(m.mediumPerHarmless, line).toBeLessThanOrEqual(floor.mediumPerHarmlessMax);
    expect(m.sectionRecall, line).toBeGreaterThanOrEqual(floor.sectionRecallMin);
    expect(m.spanRecall, line).toBeGreaterThanOrEqual(floor.spanRecallMin);
    expect(m.highPrecision, line).toBeGreaterThanOrEqual(floor.highPrecisionMin);
  });
});
