// Scanner 2 (issue #14): the context helpers, the story reading, and what a rule's `context`
// does to its findings. One-line tables where the case is one line.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ScanContext } from '../../src/core/scan/context.js';
import { Finding } from '../../src/core/scan/finding.js';
import { readStory } from '../../src/core/scan/reading.js';
import { RulesFile, type Rule } from '../../src/core/scan/rules-schema.js';
import { scanReport, scanText } from '../../src/core/scan/scanner.js';
import { tokenize } from '../../src/core/scan/tokens.js';
import { liveRules } from '../helpers/rules.js';
import { ROOT } from '../helpers/run.js';

/** The span of `word` in `text` (its first occurrence). */
function at(text: string, word: string) {
  const start = text.indexOf(word);
  if (start < 0) throw new Error(`${word} not in ${text}`);
  return { start, end: start + word.length };
}

const ctx = (text: string) => new ScanContext(text, tokenize(text));

describe('negation and hypothetical scope', () => {
  it.each([
    ['Police say no arrest has been made.', 'arrest', 'negated'],
    ['He has not been arrested.', 'arrested', 'negated'],
    ['She is not under investigation.', 'under investigation', 'negated'],
    ["He hasn't been charged.", 'charged', 'negated'],
    ['If they had been charged, the case would be active.', 'charged', 'hypothetical'],
    ['He was arrested on Monday.', 'arrested', undefined],
    ['He was not at home, and was arrested later.', 'arrested', undefined],
    ['He was not there but was arrested.', 'arrested', undefined],
    ['It did not matter. He was arrested.', 'arrested', undefined],
  ] as const)('%j: %s → %s', (text, word, scope) => {
    expect(ctx(text).scope(at(text, word))).toBe(scope);
  });

  it.each([
    ['Tanner denies fraud.', 'fraud', true],
    ['He rejected the allegations of fraud.', 'fraud', true],
    ['He committed fraud.', 'fraud', false],
  ] as const)('denial in %j → %s', (text, word, denied) => {
    expect(ctx(text).denied(at(text, word))).toBe(denied);
  });
});

describe('quotes and attribution', () => {
  it.each([
    ['He said: "Everyone knows he is a thug." Nobody agreed.', 'thug', true],
    ['“He is a thug,” she said.', 'thug', true],
    ['He is a thug. "Quote" later.', 'thug', false],
    ['An open " quote\n\nthen a thug.', 'thug', false],
  ] as const)('%j: %s in a quote → %s', (text, word, quoted) => {
    expect(ctx(text).inQuote(at(text, word))).toBe(quoted);
  });

  it.each([
    ['The man was arrested, police said.', 'arrested', 'police said'],
    ['According to the council, the money was stolen.', 'stolen', 'According to'],
    ['The money was stolen.', 'stolen', undefined],
    ['The money was stolen, said Ms Hale.', 'stolen', 'said'],
    ['The money was stolen, said police.', 'stolen', 'said'],
    // a small letter after the verb is no name (under the `i` flag \p{Lu} would match it)
    ['The thief said nothing, and the money was stolen.', 'stolen', undefined],
  ] as const)('%j → %j', (text, word, attribution) => {
    expect(ctx(text).attribution(at(text, word))).toBe(attribution);
  });

  it('finds the nearest span within a window, in the sentence unless told otherwise', () => {
    const text = 'The jury was out. Later the deliberations ended.';
    const c = ctx(text);
    const jury = at(text, 'jury');
    const match = at(text, 'deliberations');
    expect(c.nearest(match, [jury], 10, true)).toBeUndefined();
    expect(c.nearest(match, [jury], 10, false)).toEqual(jury);
    expect(c.nearest(match, [jury], 1, false)).toBeUndefined();
  });
});

describe('the story reading', () => {
  it.each([
    [
      'George Errington pleaded guilty at Durham Crown Court. He was jailed for two years.',
      'court-report',
      'court report, after verdict',
    ],
    [
      'A 77-year-old man has been arrested on suspicion of murder after a woman was found dead.',
      'investigation',
      'police investigation, before any charge',
    ],
    ['An inquest heard the senior coroner record a narrative conclusion.', 'inquest', 'inquest'],
    [
      'Paul Mariner, the former England striker, has died aged 68. He scored 13 goals in the league.',
      'obituary',
      'obituary or death report',
    ],
    [
      'The Met Office has issued a yellow weather warning for rain, with snow forecast.',
      'weather',
      'weather',
    ],
    ['The village fete raised £4,000 for the church bells.', 'general', 'general news'],
  ] as const)('%j reads as %s', (text, kind, label) => {
    const r = readStory(text);
    expect([r.kind, r.label]).toEqual([kind, label]);
    expect(r.evidence.length > 0).toBe(kind !== 'general');
    for (const e of r.evidence) expect(text.slice(e.start, e.end)).toBe(e.excerpt);
  });

  it('reads a review of a courtroom play as a review, not a court report', () => {
    const text =
      'A Few Good Men, Theatre Royal Haymarket. This is courtroom drama at its finest, on stage. ' +
      "The production's cast are superb, and the new play's staging, by the director, is sharp; " +
      'the lawyer prosecuting is played with relish. The audience loved the performances.';
    expect(readStory(text).kind).toBe('review');
  });
});

const rule = (id: string, extra: Partial<Rule>): Rule => ({
  id: `t.${id}`,
  section: 'restrictions',
  severity: 'high',
  message: `${id} message`,
  questions: ['restrictions.q'],
  match: { terms: ['arrested'] },
  ...extra,
});

describe('a rule with context (scanner 2)', () => {
  it('flips a negated arrest to its negated message, at medium', () => {
    const rules = [
      rule('arrest', {
        context: { negation: 'flip', 'negated-message': 'Says no arrest: check it is still true.' },
      }),
    ];
    const [flipped] = scanText('Police said he has not been arrested.', rules);
    expect(flipped).toMatchObject({
      severity: 'medium',
      message: 'Says no arrest: check it is still true.',
    });
    const [plain] = scanText('He was arrested on Monday.', rules);
    expect(plain).toMatchObject({ severity: 'high', message: 'arrest message' });
  });

  it('drops or lowers a negated match, and drops a quoted one when asked', () => {
    expect(
      scanText('He was never arrested.', [rule('a', { context: { negation: 'drop' } })]),
    ).toEqual([]);
    expect(
      scanText('He was never arrested.', [rule('a', { context: { negation: 'lower' } })])[0]
        ?.severity,
    ).toBe('low');
    expect(
      scanText('"He was arrested," she said.', [rule('a', { context: { quoted: 'drop' } })]),
    ).toEqual([]);
  });

  it('caps an uncorroborated match and names what corroborates one', () => {
    const rules = [
      rule('jury', {
        severity: 'blocker',
        match: { terms: ['deliberations'] },
        context: {
          corroborate: [
            { terms: ['jury'], within: 20, 'cross-sentences': true, why: 'a jury trial' },
          ],
          alone: 'low',
        },
      }),
    ];
    expect(scanText('After weeks of deliberations the board agreed.', rules)[0]?.severity).toBe(
      'low',
    );
    const [f] = scanText('The jury went out. Their deliberations lasted a day.', rules);
    expect(f).toMatchObject({
      severity: 'blocker',
      because: [{ line: 1, column: 5, excerpt: 'jury', why: 'a jury trial' }],
    });
    expect(Finding.parse(f)).toEqual(f);
  });

  it('drops a match with another sense near it, and every match when the story reads as sport', () => {
    const trial = rule('trial', {
      match: { terms: ['the trial'] },
      context: { 'unless-near': [{ terms: ['drug'], within: 3 }] },
    });
    expect(scanText('The trial of the new drug ended.', [trial])).toEqual([]);
    expect(scanText('The trial of Tanner ended.', [trial])).toHaveLength(1);
    const sport = rule('debut', {
      match: { terms: ['first appearance'] },
      context: { 'unless-reading': ['sport'] },
    });
    const report =
      'Wilson made his first appearance for the club. The striker scored twice in the league match, ' +
      'the manager praised the squad, and the goalkeeper kept a clean sheet as the season opened. ' +
      'Motherwell are third in the Premier League after the fixture; the midfielder and the defender ' +
      'were booked before half-time.';
    expect(readStory(report).kind).toBe('sport');
    expect(scanText(report, [sport])).toEqual([]);
  });

  it('groups repeats of the same rule and words into one finding with the other places', () => {
    const rules = [rule('gang', { title: 'Gang', match: { terms: ['gang'] } })];
    const text = 'The gang met.\nA gang member.\nThe Gang left.\nA gangway.';
    const report = scanReport(text, rules);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      title: 'Gang',
      line: 1,
      repeats: [
        { line: 2, column: 3 },
        { line: 3, column: 5 },
      ],
    });
    expect(report.reading?.kind).toBe('general');
  });

  it('leaves rules without context or title exactly as before: no reading, no new fields', () => {
    const report = scanReport('He was not arrested. He was arrested.', [rule('plain', {})]);
    expect(report.reading).toBeUndefined();
    expect(report.findings.map((f) => Object.keys(f).sort())).toEqual([
      [
        'column',
        'endColumn',
        'endLine',
        'excerpt',
        'line',
        'message',
        'questions',
        'rule',
        'section',
        'severity',
      ],
      [
        'column',
        'endColumn',
        'endLine',
        'excerpt',
        'line',
        'message',
        'questions',
        'rule',
        'section',
        'severity',
      ],
    ]);
  });
});

describe('the rules file', () => {
  const base = {
    id: 't.a',
    section: 'safety',
    severity: 'low',
    message: 'm',
    questions: ['safety.q'],
    match: { terms: ['x'] },
  };
  it('needs scanner: 2 for title and context', () => {
    const r = RulesFile.safeParse({ rules: [{ ...base, title: 'A' }] });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toMatch(/needs `scanner: 2`/);
    expect(
      RulesFile.safeParse({
        scanner: 2,
        rules: [{ ...base, title: 'A', context: { negation: 'drop' } }],
      }).success,
    ).toBe(true);
  });
  it('rejects an unknown reading kind and a negated message without flip', () => {
    expect(
      RulesFile.safeParse({
        scanner: 2,
        rules: [{ ...base, context: { 'unless-reading': ['gossip'] } }],
      }).success,
    ).toBe(false);
    expect(
      RulesFile.safeParse({ scanner: 2, rules: [{ ...base, context: { 'negated-message': 'x' } }] })
        .success,
    ).toBe(false);
  });
});

describe('the live uk-ew rules on the issue’s controls', () => {
  it.each([
    ['After weeks of deliberations, the club appointed a new manager.', 'uk-ew.jury-deliberations'],
    [
      'The players heard legal argument from the league before the fixture.',
      'uk-ew.jury-absent-material',
    ],
    ['Her son runs a dog grooming business in the town.', 'uk-ew.complainant-jigsaw'],
    ['The drug trial showed the treatment worked for patients.', 'uk-ew.court-proceedings'],
  ])('%j: no high or blocker from %s', async (text, id) => {
    const rules = await liveRules();
    const high = scanText(text, rules).filter(
      (f) => f.rule === id && (f.severity === 'high' || f.severity === 'blocker'),
    );
    expect(high).toEqual([]);
  });

  it('flips "has not been arrested" to a check, not the contempt message', async () => {
    const rules = await liveRules();
    const f = scanText('Darren Voss, 44, has not been arrested, police said.', rules).find(
      (x) => x.rule === 'uk-ew.arrest-or-charge',
    );
    expect(f?.severity).toBe('medium');
    expect(f?.message).toMatch(/still true at publication/);
  });

  it('keeps every corpus article valid YAML with a text (the corpus the floors use)', () => {
    const dir = path.join(ROOT, 'test', 'fixtures', 'corpus', 'tuning');
    const a = parse(
      readFileSync(path.join(dir, 'bbc-devon-audrey-fillon-inquest.yaml'), 'utf8'),
    ) as {
      text: string;
    };
    expect(readStory(a.text).kind).toBe('inquest');
  });
});
