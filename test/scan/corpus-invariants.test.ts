// The labelled corpus's own invariants (test/fixtures/corpus/README.md, "Invariants every file
// keeps"): each file is checked as data, without running the scanner, so a mislabelled or
// misplaced article fails here whatever the rules do. Reading the evaluation files' labels is not
// tuning on them: nothing here scans them.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { corpusArticles } from '../../bench/corpus-metrics.js';

const SECTIONS = ['restrictions', 'defamation', 'privacy', 'sources', 'safety', 'accuracy'];
const RANK: Record<string, number> = { low: 0, medium: 1, high: 2, blocker: 3 };
const HARMLESS = [
  'sport',
  'obituary',
  'review',
  'arts',
  'business',
  'weather',
  'science',
  'health',
  'planning',
  'community',
  'history',
];
const RISKY = [
  'court-first-appearance',
  'court-trial',
  'court-verdict',
  'court-sentence',
  'youth-court',
  'sexual-offence',
  'family-court',
  'arrest',
  'police-investigation',
  'inquest',
  'misconduct',
  'tribunal',
  'allegation-with-response',
  'leak-whistleblower',
  'threats',
  'privacy',
  'regulator-report',
];

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
  sections: Record<string, string>;
  spans: Span[];
  text: string;
  notes: string;
  story: string;
}

describe('the labelled corpus keeps its invariants', () => {
  const seen = new Map<string, string>();
  for (const split of ['tuning', 'evaluation'] as const) {
    const articles = corpusArticles(split) as Article[];
    it.each(articles.map((a) => [a.name, a] as const))(`${split}/%s`, (name, a) => {
      expect(a.id + '.yaml').toBe(name);
      const digit = parseInt(createHash('sha256').update(a.url, 'utf8').digest('hex')[0]!, 16);
      expect(digit < 10 ? 'tuning' : 'evaluation', 'split by the hash of the url').toBe(split);
      expect(seen.get(a.url), `url already in ${seen.get(a.url)}`).toBeUndefined();
      seen.set(a.url, name);
      expect(typeof a.text).toBe('string');
      expect(String(a.published)).toMatch(/^(unknown|\d{4}-\d{2}-\d{2})$/);
      expect(a.story.length).toBeGreaterThan(0);
      expect(a.notes.length).toBeGreaterThan(0);
      if (a.kind === 'harmless') {
        expect(HARMLESS).toContain(a.category);
        expect(a.sections).toEqual({});
        expect(a.spans).toEqual([]);
        return;
      }
      expect(a.kind).toBe('risky');
      expect(RISKY).toContain(a.category);
      const highest: Record<string, string> = {};
      for (const sp of a.spans) {
        expect(a.text.includes(sp.text), `span not in text: ${sp.text}`).toBe(true);
        expect(SECTIONS).toContain(sp.section);
        expect(Object.keys(RANK)).toContain(sp.severity);
        expect(sp.why.length).toBeGreaterThan(0);
        const was = highest[sp.section];
        if (RANK[sp.severity]! >= 1 && (was === undefined || RANK[sp.severity]! > RANK[was]!))
          highest[sp.section] = sp.severity;
      }
      expect(a.sections).toEqual(highest);
      expect(Object.keys(a.sections).length).toBeGreaterThan(0);
    });
  }
});
