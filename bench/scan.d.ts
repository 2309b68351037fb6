// Types for the parts of bench/scan.js that tests import.
import type { Finding } from '../src/core/scan/finding.js';

export interface Expectation {
  rule: string;
  excerpt?: string;
  line?: number;
}
export function meets(finding: Finding, expected: Expectation): boolean;
export function evaluate(
  findings: readonly Finding[],
  expectations: readonly Expectation[],
): {
  expected: number;
  found: number;
  recall: number;
  falsePositives: Finding[];
  missed: Expectation[];
};
export function fixtureArticles(
  dir?: string,
): { name: string; file: string; expectations: Expectation[] }[];
export function accuracyTable(
  rows: readonly {
    name: string;
    expected: number;
    found: number;
    recall: number;
    falsePositives: readonly unknown[];
  }[],
): string;
export function articleText(bytes: number): string;
