// The live uk-ew scan rules for the tests that judge them: loaded once per file, the highest
// severity a rule gives a sentence, and what a block of rules says about the harmless real copy
// of the corpus's tuning split (never the evaluation split).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { corpusArticles } from '../../bench/corpus-metrics.js';
import { parseRules } from '../../src/adapters/read-rules.js';
import type { Finding } from '../../src/core/scan/finding.js';
import type { Rule } from '../../src/core/scan/rules-schema.js';
import { scanText } from '../../src/core/scan/scanner.js';
import { ROOT } from './run.js';

/** checklists/uk-ew/rules.yaml, parsed; throws with the file's own located errors. */
export async function liveRules(): Promise<Rule[]> {
  const file = path.join(ROOT, 'checklists', 'uk-ew', 'rules.yaml');
  const parsed = await parseRules(file, readFileSync(file, 'utf8'));
  if (!parsed.rules) throw new Error(parsed.errors.join('\n'));
  return parsed.rules;
}

/** Severities from none to blocker, for comparing. */
export const ORDER = ['none', 'low', 'medium', 'high', 'blocker'];

/** Rule `uk-ew.<id>`'s findings in `text`. */
export function findingsOf(rules: readonly Rule[], text: string, id: string): Finding[] {
  return scanText(text, rules).filter((f) => f.rule === `uk-ew.${id}`);
}

/** The highest severity of rule `uk-ew.<id>`'s findings in `text`, or 'none'. */
export function worstOf(rules: readonly Rule[], text: string, id: string): string {
  return findingsOf(rules, text, id)
    .map((f) => f.severity as string)
    .reduce((a, b) => (ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a), 'none');
}

/** "file: rule excerpt" for each finding at `atLeast` or above (medium unless given) that a
 * rule in `ids` gives a harmless article of the tuning split. */
export function harmlessTuningAlarms(
  rules: readonly Rule[],
  ids: ReadonlySet<string>,
  atLeast: 'low' | 'medium' = 'medium',
): string[] {
  const alarms: string[] = [];
  for (const a of corpusArticles('tuning')) {
    if (a.kind !== 'harmless') continue;
    for (const f of scanText(a.text, rules))
      if (ids.has(f.rule) && ORDER.indexOf(f.severity) >= ORDER.indexOf(atLeast))
        alarms.push(`${a.name}: ${f.rule} ${f.excerpt}`);
  }
  return alarms;
}
