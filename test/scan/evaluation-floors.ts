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

export const EVALUATION_FLOORS: Record<'evaluation' | 'first39' | 'first69' | 'first97', Floors> = {
  // The whole evaluation split, 124 articles since corpus round 4 (stop 20: 66 harmless, 58
  // risky); round 4's 27 articles were labelled blind. After round 4's rules: 8/66 harmless with
  // high+, 0.62 (41/66) medium per harmless, sections 81% (95/118), spans 71% (192/270), high+
  // precision 76% (67/88). The split is larger, so these do not compare with stop 19's (97
  // articles: 9/49, 0.86, 82%, 71%, 74%); evaluation-first-97.txt keeps that set.
  // After pass 2 on risky tuning copy (stop 20, by a helper blind to these figures): 8/66, 0.67
  // (44/66), 81% (95/118), 71% (193/270), 78% (66/85): one more span, precision up, three more
  // medium findings on harmless copy.
  evaluation: {
    harmlessWithHighMax: 8,
    mediumPerHarmlessMax: 0.67,
    sectionRecallMin: 0.8,
    spanRecallMin: 0.71,
    highPrecisionMin: 0.77,
  },
  // The 97 articles the split had at the end of stop 19 (evaluation-first-97.txt). After round 3
  // (stop 19): 9/49, 0.86 (42/49), 82% (81/99), 71% (161/226), 74% (62/84). After round 4
  // (stop 20): 8/49, 0.82 (40/49), 83% (82/99), 72% (163/226), 75% (61/81).
  // After pass 2: 8/49, 0.88 (43/49), 83% (82/99), 73% (164/226), 77% (60/78).
  first97: {
    harmlessWithHighMax: 8,
    mediumPerHarmlessMax: 0.88,
    sectionRecallMin: 0.82,
    spanRecallMin: 0.72,
    highPrecisionMin: 0.76,
  },
  // The 69 articles the split had at the end of stop 18 (evaluation-first-69.txt). At stop 18:
  // 6/33, 0.94 (31/33), 87% (65/75), 73% (125/172), 68% (51/75). After round 3: 6/33, 1.0
  // (33/33), 87% (65/75), 74% (127/172), 73% (52/71): two more medium findings on harmless copy.
  // After round 4 (stop 20): 6/33, 0.94 (31/33), 87% (65/75), 75% (129/172), 74% (51/69).
  // After pass 2: 6/33, 1.0 (33/33), 87% (65/75), 76% (130/172), 76% (50/66).
  first69: {
    harmlessWithHighMax: 6,
    mediumPerHarmlessMax: 1.0,
    sectionRecallMin: 0.86,
    spanRecallMin: 0.75,
    highPrecisionMin: 0.75,
  },
  // The 39 articles the split had at the end of stop 17 (evaluation-first-39.txt). uk-ew 2.1.0 at
  // stop 17: 3/18, 0.9, 82%, 66%, 61% (from 1.0.0's 10/18, 1.9, 70%, 58%, 35%); after corpus
  // round 2: 3/18, 0.67, 84% (37/44), 68% (71/105), 61% (30/49); after round 2's rules: 3/18,
  // 0.67 (12/18), 84%, 69% (72/105), 62% (26/42). After round 3 (stop 19): 3/18, 0.72 (13/18),
  // 84% (37/44), 70% (73/105), 69% (27/39). The medium floor was 0.67 and is now 0.73: one more
  // medium finding on harmless copy, the one floor this round lowered, said in the closing note,
  // and not tuned away (finding which rule made it would mean reading the evaluation split).
  // After round 4 (stop 20): 3/18, 0.61 (11/18), 84% (37/44), 69% (72/105), 70% (26/37). The
  // span floor was 0.69 (73/105) and is now 0.68: one labelled span fewer found, the one floor
  // this round lowered, said in the closing note and not tuned back, for the same reason.
  // After pass 2: 3/18, 0.72 (13/18), 84% (37/44), 69% (72/105), 74% (26/35). Against stop
  // 19's floors only the span floor is lower (0.69 -> 0.68, above).
  first39: {
    harmlessWithHighMax: 3,
    mediumPerHarmlessMax: 0.73,
    sectionRecallMin: 0.84,
    spanRecallMin: 0.68,
    highPrecisionMin: 0.74,
  },
};
