// Floors for the corpus's evaluation split (test/fixtures/corpus/evaluation), kept apart from the
// tuning floors in corpus-accuracy.test.ts so that an engineer tuning rules, who reads that test,
// never reads an evaluation figure. Do not open this file while tuning (PREPUB_TUNING_ONLY=1
// leaves these sets out of the test). Only the lead sets these, at the values measured after all
// of a round's rule changes are in, and never changes a rule after reading them.

/** What a set of articles must keep: the five figures of bench/corpus-metrics.js. */
export interface Floors {
  readonly harmlessWithHighMax: number;
  readonly mediumPerHarmlessMax: number;
  readonly sectionRecallMin: number;
  readonly spanRecallMin: number;
  readonly highPrecisionMin: number;
}

export const EVALUATION_FLOORS: Record<'evaluation' | 'first39' | 'first69', Floors> = {
  // The whole evaluation split, 97 articles since corpus round 3 (stop 19: 49 harmless, 48
  // risky); round 3's articles were labelled blind. After round 3's rules: 9/49 harmless with
  // high+, 0.86 (42/49) medium per harmless, sections 82% (81/99), spans 71% (161/226), high+
  // precision 74% (62/84). The split is larger, so these do not compare with stop 18's.
  evaluation: {
    harmlessWithHighMax: 9,
    mediumPerHarmlessMax: 0.86,
    sectionRecallMin: 0.81,
    spanRecallMin: 0.71,
    highPrecisionMin: 0.73,
  },
  // The 69 articles the split had at the end of stop 18 (evaluation-first-69.txt). At stop 18:
  // 6/33, 0.94 (31/33), 87% (65/75), 73% (125/172), 68% (51/75). After round 3: 6/33, 1.0
  // (33/33), 87% (65/75), 74% (127/172), 73% (52/71): two more medium findings on harmless copy.
  first69: {
    harmlessWithHighMax: 6,
    mediumPerHarmlessMax: 1.0,
    sectionRecallMin: 0.86,
    spanRecallMin: 0.73,
    highPrecisionMin: 0.73,
  },
  // The 39 articles the split had at the end of stop 17 (evaluation-first-39.txt). uk-ew 2.1.0 at
  // stop 17: 3/18, 0.9, 82%, 66%, 61% (from 1.0.0's 10/18, 1.9, 70%, 58%, 35%); after corpus
  // round 2: 3/18, 0.67, 84% (37/44), 68% (71/105), 61% (30/49); after round 2's rules: 3/18,
  // 0.67 (12/18), 84%, 69% (72/105), 62% (26/42). After round 3 (stop 19): 3/18, 0.72 (13/18),
  // 84% (37/44), 70% (73/105), 69% (27/39). The medium floor was 0.67 and is now 0.73: one more
  // medium finding on harmless copy, the one floor this round lowered, said in the closing note,
  // and not tuned away (finding which rule made it would mean reading the evaluation split).
  first39: {
    harmlessWithHighMax: 3,
    mediumPerHarmlessMax: 0.73,
    sectionRecallMin: 0.84,
    spanRecallMin: 0.69,
    highPrecisionMin: 0.69,
  },
};
