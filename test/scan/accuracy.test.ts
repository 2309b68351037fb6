// Recall and false positives on the fixture articles (test/fixtures/articles): each article has
// an expectations file listing the findings a media lawyer would want raised.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { accuracyTable, evaluate, fixtureArticles } from '../../bench/scan.js';
import { readDraft } from '../../src/io/read-draft.js';
import { parseRules } from '../../src/io/read-rules.js';
import type { Rule } from '../../src/scan/rules-schema.js';
import { scanText } from '../../src/scan/scanner.js';

const articles = fixtureArticles();
const rows: {
  name: string;
  expected: number;
  found: number;
  recall: number;
  falsePositives: unknown[];
}[] = [];
let rules: Rule[] | undefined;

async function uk(): Promise<Rule[]> {
  if (!rules) {
    const parsed = await parseRules(
      'rules.yaml',
      readFileSync('checklists/uk-ew/rules.yaml', 'utf8'),
    );
    if (!parsed.rules) throw new Error(parsed.errors.join('\n'));
    rules = parsed.rules;
  }
  return rules;
}

describe('accuracy on the fixture articles', () => {
  it('has at least eight articles, with an .html and a .docx variant', () => {
    expect(articles.filter((a) => !a.name.startsWith('heldout-')).length).toBeGreaterThanOrEqual(
      10,
    );
    expect(articles.some((a) => a.name.endsWith('.html'))).toBe(true);
    expect(articles.some((a) => a.name.endsWith('.docx'))).toBe(true);
  });

  it.each(articles.map((a) => [a.name, a] as const))(
    '%s: recall >= 0.9',
    async (_name, article) => {
      const draft = await readDraft(article.file);
      const findings = scanText(draft.text, await uk(), {
        source: draft.source,
        toSource: draft.toSource,
        file: article.name,
      });
      const result = evaluate(findings, article.expectations);
      rows.push({ name: article.name, ...result });
      // heldout-* articles were written (with their expectations) after the rules were tuned on
      // the others, to measure how the rules do on text they were not fitted to: reported in the
      // table, not held to the 0.9 bar.
      if (article.name.startsWith('heldout-')) return;
      expect(result.missed, `missed in ${article.name}`).toEqual(
        result.recall >= 0.9 ? result.missed : [],
      );
      expect(result.recall).toBeGreaterThanOrEqual(0.9);
      if (article.name.startsWith('village-fete')) {
        expect(findings.filter((f) => f.severity === 'high' || f.severity === 'blocker')).toEqual(
          [],
        );
      }
    },
  );

  afterAll(() => {
    rows.sort((a, b) => a.name.localeCompare(b.name));
    console.log(`\n${accuracyTable(rows)}\n`);
  });
});
