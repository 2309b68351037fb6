// The live uk-ew rules on the labelled corpus of real journalism (test/fixtures/corpus), per
// split, held to floors that can only go up: raise a floor when the rules improve, never lower
// it to let a change through. The metrics are bench/corpus-metrics.js, the same code as
// `node bench/corpus.js`. Rules are tuned on the tuning split only; the evaluation split is
// measured, never tuned on (see the corpus README).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateSplit, summaryLine } from '../../bench/corpus-metrics.js';
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
  // Precision round 2 added 40 real articles (20 harmless and 8 risky in tuning, chosen for their
  // trap words); on the larger split, before its rule changes: 7/46 harmless with high+, 0.7
  // medium per harmless, sections 95% (89/94), spans 82% (169/206), high+ 80% (72/90). After
  // (reading 2, rules that read the sense of the words, the lawyer's three notes, the "2.1.0
  // round 2: precision" block): 0/46, 0.13 (6/46), 95%, 85% (176/206), 81% (71/88; a plain
  // "identity of the man" on a span labelled medium is now low, as the lawyer asked).
  tuning: {
    harmlessWithHighMax: 0,
    mediumPerHarmlessMax: 0.14,
    sectionRecallMin: 0.94,
    spanRecallMin: 0.85,
    highPrecisionMin: 0.8,
  },
  // Evaluation (never tuned on): uk-ew 2.1.0 took sections 77% -> 82%, spans 61% -> 66%, high+
  // precision 42% -> 61%; harmless articles with high+ stayed 3/18. Medium per harmless article
  // rose 0.7 -> 0.9 (within the target of 1) because high findings on harmless copy were
  // lowered to medium: high 10 -> 6 findings, high + medium 23 -> 22.
  evaluation: {
    harmlessWithHighMax: 3,
    mediumPerHarmlessMax: 0.89,
    sectionRecallMin: 0.81,
    spanRecallMin: 0.65,
    highPrecisionMin: 0.61,
  },
} as const;

const file = path.join(ROOT, 'checklists', 'uk-ew', 'rules.yaml');
const parsed = await parseRules(file, readFileSync(file, 'utf8'));

describe('the live rules on real journalism (floors that only go up)', () => {
  it.each(['tuning', 'evaluation'] as const)('%s split', (split) => {
    expect(parsed.errors).toEqual([]);
    const m = evaluateSplit(split, (text) => scanText(text, parsed.rules!, {}));
    const floor = FLOORS[split];
    const line = summaryLine(m);
    expect(m.harmless, line).toBeGreaterThanOrEqual(18);
    expect(m.harmlessHigh, line).toBeLessThanOrEqual(floor.harmlessWithHighMax);
    expect(m.mediumPerHarmless, line).toBeLessThanOrEqual(floor.mediumPerHarmlessMax);
    expect(m.sectionRecall, line).toBeGreaterThanOrEqual(floor.sectionRecallMin);
    expect(m.spanRecall, line).toBeGreaterThanOrEqual(floor.spanRecallMin);
    expect(m.highPrecision, line).toBeGreaterThanOrEqual(floor.highPrecisionMin);
  });
});
