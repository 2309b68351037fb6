// The term index makes a term's entry only when a text first holds one of its first word's forms
// (stop 20: building all 4,000 when the rules compiled was most of a short scan's compile time).
// It finds a form's terms through `baseCandidates`, so every word a form inflects must be among
// them; and the lazily made index must find exactly what the terms say, in the order they were
// added, whatever order the words come in.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { baseCandidates, TermIndex } from '../../src/core/scan/term-index.js';
import { inflections, termWords, tokenize } from '../../src/core/scan/tokens.js';

/** Every word of every term list of the packs. */
function packWords(): Set<string> {
  const words = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (Array.isArray(o.terms))
        for (const t of o.terms)
          if (typeof t === 'string') for (const w of termWords(t)) words.add(w);
      Object.values(o).forEach(visit);
    }
  };
  for (const file of [
    'checklists/uk-ew/rules.yaml',
    'checklists/archive/uk-ew/2.0.0/rules.yaml',
    'checklists/archive/uk-ew/1.0.0/rules.yaml',
    'test/fixtures/packs/walk2/rules.yaml',
  ])
    visit(parse(readFileSync(file, 'utf8')));
  return words;
}

describe('baseCandidates', () => {
  it('names the word itself and every word a form inflects, for the words of the packs', () => {
    const words = packWords();
    expect(words.size).toBeGreaterThan(1500);
    for (const w of words)
      for (const form of inflections(w))
        expect(baseCandidates(form), `${w} → ${form}`).toContain(w);
  });

  it('for random words', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{0,10}$/), (w) => {
        for (const form of inflections(w)) expect(baseCandidates(form)).toContain(w);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('the term index, made as texts need it', () => {
  const lists: [string[], { inflect?: boolean; caseSensitive?: boolean; gap?: number }][] = [
    [['allege', 'police officer', 'police'], {}],
    [['police', 'stab'], { inflect: false }],
    [['SAS', 'Police Scotland'], { caseSensitive: true }],
    [['police investigate', 'bully'], { gap: 2 }],
    [['police', 'magistrates court', 'allege'], {}],
    [['stab'], {}],
  ];
  const text =
    'Police Scotland alleged that police officers stabbed a bully. The police were investigating; ' +
    'the bullies alleges SAS stabbing. Magistrates’ court police the investigation, allegedly. ' +
    "The police's officer. Stabs, stabbing, stabbed, bullied, police.";

  /** Spans per slot, as [start, end] pairs. */
  const spans = (index: TermIndex, t: string) =>
    index.run(t, tokenize(t)).map((list) => list.map((s) => [s.start, s.end]));

  /** The lists above; with `padding`, a last list of many words no text here holds. */
  const fresh = (padding: boolean) => {
    const index = new TermIndex();
    for (const [terms, options] of lists) index.add(terms, options);
    if (padding) index.add(Array.from({ length: 300 }, (_, k) => `zq${k.toString(36)}x`));
    return index;
  };

  it('finds the same word by word (a short text) as with every term filed at once (a long one)', () => {
    // Without padding the text has more distinct words than the lists have first words: the
    // index files every term at once. With it, it looks each word's terms up as they come.
    const atOnce = spans(fresh(false), text);
    const wordByWord = spans(fresh(true), text).slice(0, lists.length);
    expect(atOnce.flat().length).toBeGreaterThan(20);
    expect(wordByWord).toEqual(atOnce);
  });

  it('finds the same on a text whatever texts it has read before', () => {
    const once = spans(fresh(true), text);
    // Words read first, in another order, fill the index in another order; then a long text
    // makes it file everything at once, over what it had already found.
    const warmed = fresh(true);
    spans(warmed, text.split(' ').reverse().join(' '));
    expect(spans(warmed, text)).toEqual(once);
    const many = Array.from({ length: 400 }, (_, k) => `w${k.toString(36)}`).join(' ');
    spans(warmed, many);
    expect(spans(warmed, text)).toEqual(once);
  });

  it('keeps the order of the terms as added, for a word several lists or terms start', () => {
    const found = spans(fresh(true), 'police police officer');
    // Slot 0 ("police officer" before "police"), slot 1 and slot 4 find "police" at 0.
    expect(found[0]).toEqual([
      [0, 6],
      [7, 21],
      [7, 13],
    ]);
    expect(found[1]).toEqual([
      [0, 6],
      [7, 13],
    ]);
    expect(found[4]).toEqual(found[1]);
  });
});
