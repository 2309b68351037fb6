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
  // Round 2 (s5-recall): 26 more tuning articles (21 risky, 5 harmless), labelled blind, took the
  // split to 57 risky / 31 harmless; on it the rules as they were found sections 88% (113/129),
  // spans 82% (212/260), 1/31 harmless with high+, 0.6 medium per harmless, high+ precision 74%
  // (92/124). The "2.1.0 round 2: recall" block reached sections 96% (124/129) and spans 92%
  // (238/260) with no new high and no new medium on harmless copy (0.5: an obituary's street is
  // no longer flagged). The harmless high and most harmless mediums are two reviews of Twelve
  // Angry Men that the story reading takes for court reports (s5-precision's work); the lead
  // reconciles these floors at merge.
  tuning: {
    harmlessWithHighMax: 1,
    mediumPerHarmlessMax: 0.55,
    sectionRecallMin: 0.96,
    spanRecallMin: 0.91,
    highPrecisionMin: 0.74,
  },
  // Evaluation (never tuned on): uk-ew 2.1.0 took sections 77% -> 82%, spans 61% -> 66%, high+
  // precision 42% -> 61%; harmless articles with high+ stayed 3/18. Medium per harmless article
  // rose 0.7 -> 0.9 (within the target of 1) because high findings on harmless copy were
  // lowered to medium: high 10 -> 6 findings, high + medium 23 -> 22.
  // The same floors, held by the 39 articles the evaluation split had then (a fixed subset, so
  // the figures compare across rounds however the split grows).
  firstEvaluation: {
    harmlessWithHighMax: 3,
    mediumPerHarmlessMax: 0.89,
    sectionRecallMin: 0.81,
    spanRecallMin: 0.65,
    highPrecisionMin: 0.61,
  },
} as const;

const file = path.join(ROOT, 'checklists', 'uk-ew', 'rules.yaml');
const parsed = await parseRules(file, readFileSync(file, 'utf8'));

const SETS = {
  tuning: { split: 'tuning', only: undefined, harmless: 18 },
  firstEvaluation: { split: 'evaluation', only: firstEvaluation(), harmless: 18 },
} as const;

describe('the live rules on real journalism (floors that only go up)', () => {
  it.each(Object.keys(SETS) as (keyof typeof SETS)[])('%s', (set) => {
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
