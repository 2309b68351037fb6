// Types for bench/corpus-metrics.js, which test/scan/corpus-accuracy.test.ts imports.
import type { Finding } from '../src/core/scan/finding.js';

export const CORPUS: string;
export interface CorpusArticle {
  name: string;
  id: string;
  url: string;
  kind: 'risky' | 'harmless';
  category: string;
  sections: Record<string, string>;
  spans: { text: string; section: string; severity: string; why: string }[];
  text: string;
}
export function firstEvaluation(count?: 39 | 69 | 97): Set<string>;
export function corpusArticles(
  split: 'tuning' | 'evaluation',
  only?: ReadonlySet<string>,
): CorpusArticle[];
export interface SplitMetrics {
  split: string;
  harmless: number;
  harmlessHigh: number;
  harmlessMedium: number;
  risky: number;
  sections: number;
  sectionsHit: number;
  spans: number;
  spansHit: number;
  highFindings: number;
  highOnSpan: number;
  worst: string[];
  mediumPerHarmless: number;
  sectionRecall: number;
  spanRecall: number;
  highPrecision: number;
}
export function evaluateSplit(
  split: 'tuning' | 'evaluation',
  scan: (text: string) => readonly Finding[],
  options?: { only?: ReadonlySet<string>; label?: string },
): SplitMetrics;
export function summaryLine(m: SplitMetrics): string;
