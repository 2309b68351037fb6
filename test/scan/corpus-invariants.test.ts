// The labelled corpus (test/fixtures/corpus) keeps the invariants its README states, for every
// article in both splits: the file is named by its id and sits in the split the hash rule gives
// for its url; every span occurs verbatim in the text; `sections` is exactly the highest span
// severity per section at medium or above; harmless articles have no sections and no spans;
// section ids are prepub's. This checks the labels' shape only: it runs no scanner.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { corpusArticles } from '../../bench/corpus-metrics.js';

const SECTIONS = ['restrictions', 'defamation', 'privacy', 'sources', 'safety', 'accuracy'];
const SEVERITIES = ['low', 'medium', 'high', 'blocker'];
const RANK: Record<string, number> = { low: 0, medium: 1, high: 2, blocker: 3 };

interface Span {
  text: string;
  section: string;
  severity: string;
  why: string;
}
interface Article {
  name: string;
  id: string;
  url: string;
  kind: string;
  category: string;
  published: unknown;
  sections: Record<string, string> | null;
  spans: Span[] | null;
  text: string;
}

describe.each(['tuning', 'evaluation'] as const)(
  'corpus %s split keeps the README invariants',
  (split) => {
    const articles = corpusArticles(split) as unknown as Article[];

    it('has articles', () => {
      expect(articles.length).toBeGreaterThan(0);
    });

    it.each(articles.map((a) => [a.name, a] as const))('%s', (_name, a) => {
      expect(a.name, 'file name is the id').toBe(`${a.id}.yaml`);
      expect(typeof a.url).toBe('string');
      const digit = createHash('sha256').update(a.url, 'utf8').digest('hex')[0]!;
      expect(/[0-9]/.test(digit) ? 'tuning' : 'evaluation', 'split by the url hash rule').toBe(
        split,
      );
      expect(['risky', 'harmless']).toContain(a.kind);
      expect(typeof a.text).toBe('string');
      const spans = a.spans ?? [];
      const sections = a.sections ?? {};
      for (const s of spans) {
        expect(a.text.includes(s.text), `span occurs verbatim: ${s.text.slice(0, 60)}`).toBe(true);
        expect(SECTIONS).toContain(s.section);
        expect(SEVERITIES).toContain(s.severity);
        expect(typeof s.why, 'every span says why').toBe('string');
      }
      const highest: Record<string, string> = {};
      for (const s of spans) {
        if (RANK[s.severity]! < 1) continue;
        const had = highest[s.section];
        if (had === undefined || RANK[s.severity]! > RANK[had]!) highest[s.section] = s.severity;
      }
      expect(sections, 'sections = highest span severity per section, medium and above').toEqual(
        highest,
      );
      if (a.kind === 'harmless') {
        expect(spans).toEqual([]);
        expect(sections).toEqual({});
      } else {
        expect(Object.keys(sections).length, 'a risky article has a section').toBeGreaterThan(0);
      }
    });
  },
);
