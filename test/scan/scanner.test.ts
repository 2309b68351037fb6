import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { Finding } from '../../src/core/scan/finding.js';
import { htmlToText } from '../../src/core/scan/html-text.js';
import { LineTable } from '../../src/core/scan/positions.js';
import type { Rule } from '../../src/core/scan/rules-schema.js';
import { failsAt, scanText } from '../../src/core/scan/scanner.js';
import { inflections } from '../../src/core/scan/tokens.js';

const rule = (id: string, match: Rule['match'], extra: Partial<Rule> = {}): Rule => ({
  id: `t.${id}`,
  section: 'defamation',
  severity: 'medium',
  message: `${id} message`,
  questions: ['defamation.q'],
  match,
  ...extra,
});

const excerpts = (text: string, rules: Rule[]) => scanText(text, rules).map((f) => f.excerpt);

describe('word and phrase lists', () => {
  const allege = [rule('allege', { terms: ['allege'] })];
  it.each([
    ['He alleged that', ['alleged']],
    ['She allegedly took', ['allegedly']],
    ['It ALLEGES nothing', ['ALLEGES']],
    ['alleging and allege', ['alleging', 'allege']],
    ['the allegiance of', []],
    ['reallege it', []],
  ])('allege in %j → %j', (text, expected) => {
    expect(excerpts(text, allege)).toEqual(expected);
  });

  it('matches phrases across spaces, hyphens and one line break, not across sentences', () => {
    const rules = [rule('src', { terms: ['sources say', 'far-right'] })];
    expect(excerpts('Sources  say so. A far right group; a far-\nright one.', rules)).toEqual([
      'Sources say',
      'far right',
      'far- right',
    ]);
    expect(excerpts('the sources. Say it', rules)).toEqual([]);
  });

  it("matches a phrase after a plural possessive's apostrophe, not after other punctuation", () => {
    const rules = [rule('mc', { terms: ["magistrates' court"], inflect: false })];
    expect(excerpts("Marston Magistrates' Court and magistrates’ court", rules)).toEqual([
      "Magistrates' Court",
      'magistrates’ court',
    ]);
    expect(excerpts('magistrates court; magistrates. Court', rules)).toEqual(['magistrates court']);
  });

  it('inflects only the last word of a phrase, and can be turned off', () => {
    expect(excerpts('death threats', [rule('a', { terms: ['death threat'] })])).toEqual([
      'death threats',
    ]);
    expect(
      excerpts('death threats', [rule('a', { terms: ['death threat'], inflect: false })]),
    ).toEqual([]);
  });

  it('honours case-sensitive terms and prefix terms', () => {
    expect(
      excerpts('SAS and sas and Sas', [rule('a', { terms: ['SAS'], 'case-sensitive': true })]),
    ).toEqual(['SAS']);
    expect(excerpts('paedophiles, paedophilia', [rule('a', { terms: ['paedophil*'] })])).toEqual([
      'paedophiles',
      'paedophilia',
    ]);
  });

  it.each([
    ['allege', ['alleges', 'alleged', 'alleging', 'allegedly']],
    ['stab', ['stabs', 'stabbed', 'stabbing']],
    ['bully', ['bullies', 'bullied', 'bullying']],
    ['threaten', ['threatens', 'threatened', 'threatening']],
  ])('inflections(%s) include %j', (word, forms) => {
    expect(inflections(word)).toEqual(expect.arrayContaining(forms));
  });
});

describe('regular expressions, proximity and unless', () => {
  it('runs a pattern, case-insensitive by default', () => {
    expect(excerpts('Section 4(2) order', [rule('a', { pattern: 'section 4\\(2\\)' })])).toEqual([
      'Section 4(2)',
    ]);
  });

  it('keeps a match only within N words of the other matcher', () => {
    const rules = [rule('a', { terms: ['fraud'], near: { within: 3, detector: 'person-name' } })];
    expect(excerpts('Jane Smith committed fraud.', rules)).toEqual(['fraud']);
    expect(excerpts('Jane Smith was there. It was fraud.', rules)).toEqual([]);
    expect(excerpts('Jane Smith went to the shops and then committed fraud.', rules)).toEqual([]);
    expect(excerpts('Fraud, said Jane Smith.', rules)).toEqual(['Fraud']);
  });

  it('reaches across sentences to a person named within N words, not to other matchers', () => {
    const byName = [
      rule('a', { terms: ['raided'], near: { within: 12, detector: 'person-name' } }),
    ];
    // Named in one sentence, "he" in the next; or named just after (the lede, then the name).
    expect(excerpts('Darren Voss, 44, runs a car wash. Police raided his home.', byName)).toEqual([
      'raided',
    ]);
    expect(excerpts('Police raided a home.\n\nDarren Voss, 44, was led away.', byName)).toEqual([
      'raided',
    ]);
    const far =
      'Darren Voss runs a car wash. ' + 'The town is quiet. '.repeat(4) + 'Police raided it.';
    expect(excerpts(far, byName)).toEqual([]);
    const byTerm = [rule('b', { terms: ['his wife'], near: { within: 12, terms: ['charged'] } })];
    expect(excerpts('He was charged. His wife was there.', byTerm)).toEqual([]);
    expect(excerpts('He was charged and his wife was there.', byTerm)).toEqual(['his wife']);
  });

  it('drops every finding of a rule when its unless matcher occurs anywhere', () => {
    const rules = [rule('a', { terms: ['fraud'], unless: { terms: ['declined to comment'] } })];
    expect(excerpts('It was fraud.', rules)).toEqual(['fraud']);
    expect(excerpts('It was fraud. He declined to comment.', rules)).toEqual([]);
  });

  it('merges overlapping matches of one rule into one finding', () => {
    const rules = [rule('a', { terms: ['her home', 'home address'] })];
    expect(excerpts('her home address', rules)).toEqual(['her home address']);
  });
});

describe('findings', () => {
  const rules = [rule('x', { terms: ['fraud'] }, { severity: 'high', section: 'defamation' })];

  it('match the Finding schema, with 1-based character columns and an exclusive end', () => {
    const [f] = scanText('😀 ab\n  🎉 fraud here', rules);
    expect(Finding.parse(f)).toEqual({
      rule: 't.x',
      section: 'defamation',
      severity: 'high',
      line: 2,
      column: 5,
      endLine: 2,
      endColumn: 10,
      excerpt: 'fraud',
      message: 'x message',
      questions: ['defamation.q'],
    });
  });

  it('count lines with CRLF and CR too', () => {
    const t = new LineTable('a\r\nb\rc\nd');
    expect([t.at(0), t.at(3), t.at(5), t.at(7)]).toEqual([
      { line: 1, column: 1 },
      { line: 2, column: 1 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
    ]);
  });

  it('filter by section', () => {
    expect(scanText('fraud', rules, { sections: ['safety'] })).toEqual([]);
    expect(scanText('fraud', rules, { sections: ['defamation'] })).toHaveLength(1);
  });

  it('fail at or above the threshold unless suppressed', () => {
    const found = scanText('fraud', rules);
    expect(failsAt(found, 'high')).toBe(true);
    expect(failsAt(found, 'blocker')).toBe(false);
    expect(
      failsAt(scanText('fraud', rules, { ignore: new Map([['t.x', 'checked']]) }), 'low'),
    ).toBe(false);
  });
});

describe('suppression', () => {
  const rules = [rule('x', { terms: ['fraud'] }), rule('y', { terms: ['theft'] })];

  it('a comment suppresses its rules in the next paragraph only, and stays visible', () => {
    const text =
      'fraud\n\n<!-- prepub-ignore t.x: court report, privileged -->\nfraud and theft\nfraud again\n\nfraud later\n';
    const found = scanText(text, rules);
    expect(found.map((f) => [f.line, f.rule, f.suppressed?.by ?? null])).toEqual([
      [1, 't.x', null],
      [4, 't.x', 'comment'],
      [4, 't.y', null],
      [5, 't.x', 'comment'],
      [7, 't.x', null],
    ]);
    expect(found[1]?.suppressed).toEqual({ reason: 'court report, privileged', by: 'comment' });
  });

  it('a comment with text after it on the same line applies to that line’s paragraph', () => {
    const found = scanText('<!-- prepub-ignore t.x, t.y: both checked --> fraud theft', rules);
    expect(found.every((f) => f.suppressed?.by === 'comment')).toBe(true);
  });

  it('does not report words inside the comment itself', () => {
    expect(scanText('<!-- prepub-ignore t.x: not fraud, no theft -->\n', rules)).toEqual([]);
  });

  it.each([
    ['<!-- prepub-ignore t.x -->', /^draft\.md:2:3: prepub-ignore t\.x has no reason/],
    ['<!-- prepub-ignore t.x:   -->', /has no reason/],
    ['<!-- prepub-ignore : why -->', /names no rule/],
    ['<!-- prepub-ignore t.zz: why -->', /"t\.zz" is not a rule of this pack/],
  ])('%s is an input error naming its position', (comment, message) => {
    expect(() => scanText(`x\n  ${comment}\nfraud`, rules, { file: 'draft.md' })).toThrow(message);
    expect(() => scanText(`x\n  ${comment}\nfraud`, rules, { file: 'draft.md' })).toThrow(
      UserError,
    );
  });

  it('a flag suppresses everywhere; an unknown rule in --ignore is a usage error', () => {
    const found = scanText('fraud theft', rules, {
      ignore: new Map([['t.y', 'checked with the lawyer']]),
    });
    expect(found.map((f) => f.suppressed ?? null)).toEqual([
      null,
      { reason: 'checked with the lawyer', by: 'flag' },
    ]);
    expect(() => scanText('x', rules, { ignore: new Map([['t.nope', 'r']]) })).toThrow(
      /--ignore t\.nope/,
    );
  });
});

describe('HTML', () => {
  it('maps positions back into the source, entities and tags included', () => {
    const html =
      '<p>Cllr <b>X</b> &amp; the <em>fraud</em></p>\n<p>caf&eacute; HF19&nbsp;KRW fraud</p>';
    const { text, toSource } = htmlToText(html);
    expect(text).toContain('Cllr X & the fraud');
    expect(text).toContain('café HF19 KRW fraud');
    const rules = [
      rule('x', { terms: ['fraud'] }),
      rule('v', { detector: 'vehicle-registration' }),
    ];
    const found = scanText(text, rules, { source: html, toSource });
    const lines = html.split('\n');
    const at = (f: { line: number; column: number; endColumn: number }) =>
      lines[f.line - 1]?.slice(f.column - 1, f.endColumn - 1);
    expect(found.map((f) => [f.line, f.column, at(f)])).toEqual([
      [1, 32, 'fraud'],
      [2, 16, 'HF19&nbsp;KRW'],
      [2, 30, 'fraud'],
    ]);
  });

  it('rebuilds the map when a caller passes only the HTML source', () => {
    const html = '<p>a &amp; <i>fraud</i></p>';
    const found = scanText(htmlToText(html).text, [rule('x', { terms: ['fraud'] })], {
      source: html,
    });
    expect([found[0]?.column, found[0]?.endColumn]).toEqual([15, 20]);
  });

  it('drops scripts, styles and comments but keeps prepub-ignore comments', () => {
    const { text } = htmlToText(
      '<style>p{}</style><script>fraud()</script><!-- fraud --><!-- prepub-ignore t.x: ok -->',
    );
    expect(text.trim()).toBe('<!-- prepub-ignore t.x: ok -->');
  });

  it('ends a comment’s paragraph at the end of the next block element', () => {
    const html = '<!-- prepub-ignore t.x: ok -->\n<p>fraud</p><p>fraud</p>';
    const { text, toSource } = htmlToText(html);
    const found = scanText(text, [rule('x', { terms: ['fraud'] })], { source: html, toSource });
    expect(found.map((f) => [f.column, f.suppressed?.by ?? null])).toEqual([
      [4, 'comment'],
      [16, null],
    ]);
  });
});
