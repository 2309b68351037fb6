// Issue #14, speed: work a scan shares (sentence numbers, trigger ranges, a near matcher's ranges)
// and work it skips (priming an expression, sizing the word arrays) must not change what it finds.
import { describe, expect, it } from 'vitest';
import { ScanContext } from '../../src/core/scan/context.js';
import {
  execIn,
  sentencesWith,
  triggerSet,
} from '../../src/core/scan/detectors/sentence-context.js';
import { resolveMentions } from '../../src/core/scan/mentions.js';
import type { Rule } from '../../src/core/scan/rules-schema.js';
import { compileRules, scanText } from '../../src/core/scan/scanner.js';
import { sentenceIds, sentenceStarts } from '../../src/core/scan/sentences.js';
import { tokenize } from '../../src/core/scan/tokens.js';

/** The words a plain regular expression finds: what the tokenizer must agree with. */
function regexWords(text: string): [number, number, string][] {
  return [...text.matchAll(/[\p{L}\p{N}]+(?:['’]\p{L}+)*/gu)].map((m) => [
    m.index,
    m.index + m[0].length,
    m[0].toLowerCase(),
  ]);
}

describe('tokenize', () => {
  it.each([
    ['prose with quotes and curly apostrophes', 'Ordinary prose, with "quotes" and O’Brien’s dog.'],
    ['straight apostrophes', "Didn't, won't, rock 'n' roll, the Smiths' house."],
    ['accented letters and dashes', 'Café owner Zoë Ørsted — née Müller — said: “No.”'],
    ['one long word', 'a'.repeat(50)],
    [
      'a word every two characters',
      'a b c d e f g h i j k l m n o p q r s t u v w x y z '.repeat(200),
    ],
    ['digits', '1 2 3 4 5 6 7 8 9 0 '.repeat(300)],
  ])('finds the words a regular expression finds: %s', (_, text) => {
    const t = tokenize(text);
    const got = Array.from({ length: t.count }, (_, i) => [t.starts[i], t.ends[i], t.words[i]]);
    expect(got).toEqual(regexWords(text));
  });

  it('grows its arrays when a text has more words than prose has (one every two characters)', () => {
    const text = 'a '.repeat(10_000);
    const t = tokenize(text);
    expect(t.count).toBe(10_000);
    expect(t.starts[9_999]).toBe(19_998);
    expect(t.ends[9_999]).toBe(19_999);
  });

  it('finds every word through many distinct words (its word table grows) and a dotted capital I', () => {
    // 5,000 distinct words (the word table grows several times), each met three times, in
    // upper and lower case; then the same with a dotted capital I, which lower-cases to two
    // characters and sends the tokenizer down its word-by-word path.
    const distinct = Array.from({ length: 5_000 }, (_, i) => `w${i.toString(36)}x`);
    for (const text of [
      `${distinct.join(' ')} ${distinct.join(' ').toUpperCase()} ${distinct.join(' ')}`,
      `İ ${distinct.join(' ')} ${distinct.join(' ').toUpperCase()} ${distinct.join(' ')}`,
    ]) {
      const t = tokenize(text);
      const got = Array.from({ length: t.count }, (_, i) => [t.starts[i], t.ends[i], t.words[i]]);
      expect(got).toEqual(regexWords(text));
      const first = t.words.length - 3 * distinct.length;
      expect(new Set(t.words.slice(first)).size).toBe(distinct.length);
    }
  });
});

describe('sentences, worked out once per scan', () => {
  it.each([
    ['One. Two! Three? Four'],
    ['He said "Go." She left.\n\nNew paragraph without a stop\nstill the same sentence.'],
    [''],
    ['Just words'],
  ])('starts agree with the sentence numbers: %j', (text) => {
    const tokens = tokenize(text);
    const ids = sentenceIds(text, tokens);
    const starts = sentenceStarts(text, tokens);
    expect(starts[0]).toBe(0);
    expect(starts.length).toBe(tokens.count === 0 ? 1 : (ids[tokens.count - 1] ?? 0) + 1);
    for (let i = 1; i < tokens.count; i++)
      if (ids[i] !== ids[i - 1]) expect(starts[ids[i] ?? -1]).toBe(tokens.starts[i]);
    expect(sentenceIds(text, tokens)).toBe(ids); // shared, not worked out again
  });
});

describe('negation scope stops at a clause break', () => {
  const ctx = (text: string) => new ScanContext(text, tokenize(text));
  it.each([
    ['He was not at home – he was arrested later.', undefined],
    ['He was not at home — he was arrested later.', undefined],
    ['He was not at home; he was arrested later.', undefined],
    ['He was not (at home) arrested later.', undefined],
    ['He was not arrested later.', 'negated'],
  ] as const)('%j → %s', (text, scope) => {
    const start = text.indexOf('arrested');
    expect(ctx(text).scope({ start, end: start + 8 })).toBe(scope);
  });
});

describe('trigger ranges and phrase tables', () => {
  const TRIGGERS = triggerSet('bounty reward');
  const text =
    'The council met on Monday. A bounty was offered. Nothing else happened here at all today, ' +
    'and the weather was fine. A reward of £500 was posted for anyone who finds him.';

  it('hands out the same ranges each time, and a caller changing its copy changes nothing', () => {
    const tokens = tokenize(text);
    const m = resolveMentions(text, tokens, []);
    const first = sentencesWith(m, tokens, text, TRIGGERS);
    expect(first.map(([a, b]) => text.slice(a, b))).toEqual([
      'A bounty was offered. Nothing else happened here at all today, and the weather was fine. A reward of £500 was posted for anyone who finds him.',
    ]);
    const copy = first.map(([a, b]) => [a, b]);
    (first[0] as [number, number])[0] = 0;
    expect(sentencesWith(m, tokens, text, TRIGGERS)).toEqual(copy);
  });

  it.each([
    ['a short one-byte text', 'A bounty. A reward.'],
    ['a short two-byte text', '“A bounty.” A reward’s worth.'],
    ['a long two-byte text', `${'Filler words here. '.repeat(80)}“A bounty.” A reward.`],
  ])('finds every match in its ranges, in %s', (_, t) => {
    const re = /(?<![\p{L}\p{N}])(?:bounty|reward)(?![\p{L}\p{N}])/giu;
    const ranges: [number, number][] = [
      [0, t.length >> 1],
      [t.length >> 1, t.length],
    ];
    const got = execIn(re, t, ranges).map((r) => [r.index, r[0]]);
    const want = ranges.flatMap(([a, b]) =>
      [...t.slice(a, b).matchAll(new RegExp(re.source, re.flags))].map((r) => [r.index + a, r[0]]),
    );
    expect(got).toEqual(want);
    expect(got.map(([, w]) => w)).toEqual(['bounty', 'reward']);
    // A second run, after the expression is primed, finds the same.
    expect(execIn(re, t, ranges).map((r) => [r.index, r[0]])).toEqual(got);
  });
});

describe('rules near the same matcher share its ranges', () => {
  const rule = (id: string, terms: string[], within: number): Rule =>
    ({
      id,
      section: 'defamation',
      severity: 'medium',
      message: id,
      questions: [],
      match: { terms, near: { within, detector: 'person-name' } },
    }) as unknown as Rule;
  const text =
    'Councillor Derek Malham was arrested on Tuesday. Weeks later, far from any name at all in ' +
    'this long sentence with many words in it, someone was charged with nothing much at all in ' +
    'the end of the day. Jane Smith was charged too.';

  it('each rule finds what it finds alone', () => {
    const a = rule('t.arrested', ['arrested', 'charged'], 4);
    const b = rule('t.charged', ['charged'], 3);
    const both = scanText(text, [a, b]).map((f) => `${f.rule} ${f.excerpt}`);
    const alone = [...scanText(text, [a]), ...scanText(text, [b])]
      .map((f) => `${f.rule} ${f.excerpt}`)
      .sort();
    expect([...both].sort()).toEqual(alone);
    expect(both).toContain('t.arrested arrested');
    expect(both.filter((f) => f === 't.charged charged')).toHaveLength(1);
  });
});

describe('rules that share a word list (a YAML anchor) share its matches', () => {
  const rule = (id: string, terms: string[], extra: Record<string, unknown> = {}): Rule =>
    ({
      id,
      section: 'defamation',
      severity: 'medium',
      message: id,
      questions: [],
      match: { terms, ...extra },
    }) as unknown as Rule;
  const text = 'He was charged. Police charge him. The charges were dropped.';

  it('finds the list once per option set, and each rule finds what it finds alone', () => {
    // Separate arrays with the same words, as a rules file read from JSON has them.
    const rules = [
      rule('t.a', ['charge', 'dropped']),
      rule('t.b', ['charge', 'dropped']),
      rule('t.exact', ['charge', 'dropped'], { inflect: false }),
    ];
    expect(compileRules(rules).index.size).toBe(2);
    const together = scanText(text, rules).map(
      (f) => `${f.rule} ${f.line}:${f.column} ${f.excerpt}`,
    );
    const alone = rules
      .flatMap((r) => scanText(text, [r]))
      .map((f) => `${f.rule} ${f.line}:${f.column} ${f.excerpt}`);
    expect([...together].sort()).toEqual([...alone].sort());
    expect(together.filter((f) => f.startsWith('t.a '))).toHaveLength(4);
    expect(together.filter((f) => f.startsWith('t.exact '))).toHaveLength(2);
  });
});
