// Issue #14, precision: the scanner stops crying wolf. A story-level problem is said once
// (`group: story`), and a common word needs corroboration before it may be high. Hand-made
// controls, one line each: the live uk-ew rules on a sentence, and the severity a media lawyer
// would give that rule there.
import { describe, expect, it } from 'vitest';
import { Finding } from '../../src/core/scan/finding.js';
import { RulesFile, type Rule } from '../../src/core/scan/rules-schema.js';
import { scanReport, scanText } from '../../src/core/scan/scanner.js';
import { renderScanText } from '../../src/render/scan-text.js';
import { liveRules, worstOf } from '../helpers/rules.js';

const rule = (id: string, extra: Partial<Rule>): Rule => ({
  id: `t.${id}`,
  section: 'restrictions',
  severity: 'high',
  message: `${id} message`,
  questions: ['restrictions.q'],
  match: { terms: ['arrested'] },
  ...extra,
});

const LIVE = await liveRules();

/** The highest severity of `id`'s findings in `text`, or 'none'. */
const worst = (text: string, id: string): string => worstOf(LIVE, text, id);

describe('group: story', () => {
  const courtRule = rule('court', {
    title: 'Court',
    match: { inflect: false, terms: ['Crown Court', 'the jury', 'pleaded not guilty'] },
    context: { group: 'story' },
  });

  it('says a story-level problem once, with each other place and its words', () => {
    const text =
      'Tanner appeared at Leeds Crown Court.\nHe pleaded not guilty.\nThe jury heard the case.';
    const { findings } = scanReport(text, [courtRule]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      excerpt: 'Crown Court',
      line: 1,
      repeats: [
        { line: 2, column: 4, endLine: 2, endColumn: 22, excerpt: 'pleaded not guilty' },
        { line: 3, column: 1, endLine: 3, endColumn: 9, excerpt: 'The jury' },
      ],
    });
    expect(Finding.parse(findings[0])).toEqual(findings[0]);
  });

  it('keeps places of another severity or message apart (a negated match is its own finding)', () => {
    const r = rule('arrest', {
      match: { inflect: false, terms: ['arrested'] },
      context: { group: 'story', negation: 'flip', 'negated-message': 'no arrest yet' },
    });
    const text = 'He was arrested on Monday. She has not been arrested. He was arrested again.';
    const { findings } = scanReport(text, [r]);
    expect(findings.map((f) => [f.severity, f.message, f.repeats?.length ?? 0])).toEqual([
      ['high', 'arrest message', 1],
      ['medium', 'no arrest yet', 0],
    ]);
  });

  it('groups by words by default, as before (repeats give no words)', () => {
    const r = rule('court', { match: { inflect: false, terms: ['Crown Court', 'the jury'] } });
    const { findings } = scanReport('The jury sat. Crown Court. The jury left.', [
      { ...r, title: 'Court' },
    ]);
    expect(findings.map((f) => [f.excerpt, f.repeats])).toEqual([
      ['The jury', [{ line: 1, column: 28 }]],
      ['Crown Court', undefined],
    ]);
  });

  it('shows the words of each other place in `prepub scan`', () => {
    const text = 'Tanner appeared at Leeds Crown Court.\nThe jury heard the case.';
    const { findings } = scanReport(text, [courtRule]);
    const out = renderScanText(
      { article: { path: 'd.md', sha256: 'x', bytes: text.length }, findings, omitted: [] },
      { color: false, verbose: false, positions: 'line', failOn: 'blocker' },
    );
    expect(out).toContain('also at 2:1 "The jury" (2 times in all)');
  });

  it('is a context key of scanner 2 only, and takes words or story', () => {
    const base = {
      id: 'x.a',
      section: 'safety',
      severity: 'low',
      message: 'm',
      questions: ['q.a'],
    };
    const withGroup = (group: string) => ({
      scanner: 2,
      rules: [{ ...base, match: { terms: ['a'] }, context: { group } }],
    });
    expect(RulesFile.safeParse(withGroup('story')).success).toBe(true);
    expect(RulesFile.safeParse(withGroup('page')).success).toBe(false);
    expect(
      RulesFile.safeParse({
        rules: [{ ...base, match: { terms: ['a'] }, context: { group: 'story' } }],
      }).success,
    ).toBe(false);
  });
});

describe("overlap: the match's own words", () => {
  it('drops a match inside a longer phrase of another sense, and lets words corroborate themselves', () => {
    const r = rule('arrest', {
      match: { inflect: false, terms: ['warrant', 'arrested', 'kill her'] },
      context: {
        'unless-near': [{ overlap: true, inflect: false, terms: ['search warrant'] }],
        corroborate: [{ overlap: true, inflect: false, terms: ['kill her'], why: 'the words' }],
        alone: 'medium',
      },
    });
    const text =
      'A search warrant was issued. An arrest warrant too. He was arrested. "I will kill her."';
    expect(
      scanText(text, [r]).map((f) => [f.excerpt, f.severity, f.because?.[0]?.why ?? '']),
    ).toEqual([
      ['warrant', 'medium', ''],
      ['arrested', 'medium', ''],
      ['kill her', 'high', 'the words'],
    ]);
  });
});

describe('reading-cap', () => {
  it('caps the severity when the story reads as one of the kinds', () => {
    const r = rule('fraud', {
      match: { terms: ['fraud'] },
      context: { 'reading-cap': { to: 'medium', kinds: ['court-report'] } },
    });
    const court = 'Tanner denies fraud. The jury at Leeds Crown Court heard the case.';
    expect(scanText(court, [r]).map((f) => f.severity)).toEqual(['medium']);
    expect(
      scanText('Tanner committed fraud, the Gazette can reveal.', [r]).map((f) => f.severity),
    ).toEqual(['high']);
  });
});

describe('the live uk-ew rules: corroboration decides severity', () => {
  it.each([
    // Proceedings are active in a criminal court report; elsewhere a court word is a check.
    [
      'Darren Voss, 44, appeared at Leeds Crown Court charged with theft.',
      'court-proceedings',
      'high',
    ],
    [
      "An inquest at the coroner's court heard the girl ran across the road. The senior coroner recorded an accident, the court heard.",
      'court-proceedings',
      'medium',
    ],
    [
      'Filing a defence to a High Court lawsuit, the firm dismissed allegations of a conspiracy.',
      'court-proceedings',
      'medium',
    ],
    // An arrest about someone is high; a search warrant is not an arrest.
    ['A 52-year-old man has been arrested on suspicion of murder.', 'arrest-or-charge', 'high'],
    ['Officers executed a search warrant at the property.', 'arrest-or-charge', 'none'],
    [
      'The report weighed the risk of being charged with corporate manslaughter.',
      'arrest-or-charge',
      'medium',
    ],
    // A threat is high when its words are quoted or its target's home is given.
    ['The MP said she had received a death threat on Twitter.', 'threats', 'medium'],
    ['The message said: "I know where you live and I will find you."', 'threats', 'high'],
    ['The gang threatened him, and police fitted a panic alarm in his home.', 'threats', 'high'],
    // Leaked material: a screenshot someone shared of her own tweet is not a leak.
    ['Ms Cherry shared a screenshot of the tweet on her own account.', 'leaked-material', 'medium'],
    ['A screenshot of the leaked memo was passed to the Gazette.', 'leaked-material', 'high'],
    // Speaking out for a cause is not whistleblowing; raising concerns at work is.
    ['She said she got the message for speaking out for Remain.', 'whistleblower', 'low'],
    ['The nurse was sacked for speaking out about staffing on the ward.', 'whistleblower', 'high'],
    // Health: next to the name, and not when the copy says there was none.
    ['Jane Smith, 40, was diagnosed with cancer last year.', 'health-information', 'high'],
    ['Neil had no mental health problems, his family said.', 'health-information', 'low'],
    // Suicide: the method is the risk; the word alone is a check.
    ['The coroner recorded a conclusion of suicide.', 'suicide-method', 'medium'],
    ['He hanged himself in his garden, the inquest heard.', 'suicide-method', 'high'],
    // Previous convictions: this case's sentence is not bad character; "no previous" is mitigation.
    ['Errington was jailed for a total of nine years.', 'previous-convictions', 'low'],
    ['He had no previous convictions, his barrister said.', 'previous-convictions', 'low'],
    [
      'Smith, who has a string of convictions for burglary, denies the charge.',
      'previous-convictions',
      'high',
    ],
    // Family proceedings: "adopted" or social workers only near a court.
    ['A manager adopted the stereotypical approach, the tribunal heard.', 'family-court', 'low'],
    ['The boy was taken into care after social workers raised concerns.', 'family-court', 'high'],
    // A source says something; a council a judge will not name is not a source.
    ['A nurse, who asked not to be named, said the ward was unsafe.', 'anonymous-source', 'high'],
    [
      'The judge said the council could not be named in case the boy was identified.',
      'anonymous-source',
      'none',
    ],
    ['The woman, who did not wish to be named, went to the police.', 'anonymous-source', 'low'],
    // Complainant jigsaw: a relationship is the jigsaw piece; "the woman" is a reference.
    [
      'Smith raped his stepdaughter over three years, the court heard.',
      'complainant-jigsaw',
      'blocker',
    ],
    ['The woman said the rape happened 20 years ago.', 'complainant-jigsaw', 'low'],
    // In a court report an accusation is the charge, reported under privilege.
    [
      'Darren Voss, 44, denies murder. The jury at Leeds Crown Court heard he stabbed the man.',
      'crime-accusation',
      'medium',
    ],
    [
      'Darren Voss stole £5,000 from the charity, the Gazette can reveal.',
      'crime-accusation',
      'high',
    ],
    // A family court's ruling is not an early criminal hearing.
    ['The family court judge ruled that the council cannot be named.', 'early-hearing', 'none'],
  ] as const)('%j: %s is %s', (text, id, severity) => {
    expect(worst(text, id)).toBe(severity);
  });
});
