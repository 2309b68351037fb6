// Issue #14, speed: the two-step search (regex-skip.ts) finds exactly the matches `re.exec` finds
// in a loop, for every expression of the live and archived uk-ew rules, on texts built to trip it
// (Unicode case folding of ſ and the Kelvin sign, which \b counts as word characters under `iu`;
// astral characters; letters glued to the words of a rule; underscores).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  eachMatch,
  searchesWithSkip,
  skipExpressions,
  startsWithLiteral,
  withoutAssertions,
} from '../../src/core/scan/regex-skip.js';

/** Every `pattern` of a rules file, with the flags the scanner gives it. */
function patterns(file: string): RegExp[] {
  const out: RegExp[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.pattern === 'string')
        out.push(new RegExp(o.pattern, o['case-sensitive'] === true ? 'gu' : 'giu'));
      Object.values(o).forEach(visit);
    }
  };
  visit(parse(readFileSync(file, 'utf8')));
  return out;
}

const RULE_PATTERNS = [
  'checklists/uk-ew/rules.yaml',
  'checklists/archive/uk-ew/2.0.0/rules.yaml',
  'checklists/archive/uk-ew/1.0.0/rules.yaml',
].flatMap(patterns);

function plain(re: RegExp, text: string): string[] {
  const out: string[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push(JSON.stringify([m.index, ...m]));
  }
  return out;
}

function skipping(re: RegExp, text: string): string[] {
  const out: string[] = [];
  eachMatch(re, text, (m) => out.push(JSON.stringify([m.index, ...m])));
  expect(re.lastIndex).toBe(0);
  return out;
}

const article = readFileSync('test/fixtures/articles/court-report.md', 'utf8');
const TRICKY = [
  article,
  // Words of the rules with letters glued on, folded letters, underscores, astral characters.
  'éconvicted of indictment _charged on suspicion of Charged On Suspicion Of ſources close to',
  'He was charged on ſuſpicion of theft; "guilty of an error" 𝐀charged for suspicion of',
  'sources close to 😀 sources close to\u{1F600}sources close to the BBC Wales has learned',
  'section 4(2) S.4(2) s 11 order Reporting restrictions\nreporting restriction',
  'Mr A Mrs B, Witness C and K\u212Aelvin; cleared for the attempted murder; pleaded innocent',
  'a'.repeat(3000) + ' guilty of error ' + 'b '.repeat(2000) + 'sent to the Crown Court',
];

describe('withoutAssertions', () => {
  it.each([
    [String.raw`\bword\b`, 'word'],
    [String.raw`(?<![\p{L}\p{N}])(?:a|b)(?![\p{L}\p{N}])`, '(?:a|b)'],
    [String.raw`^x(?=y(z))$`, 'x'],
    [String.raw`[\b^$](?<name>q)`, String.raw`[\b^$](?<name>q)`],
    [String.raw`a\\b\[(?:c)`, String.raw`a\\b\[(?:c)`],
    [String.raw`(a)\1`, undefined],
    [String.raw`(?<n>a)\k<n>`, undefined],
    [String.raw`(?=unclosed`, undefined],
  ])('%s -> %s', (source, want) => {
    expect(withoutAssertions(source)).toBe(want);
  });
});

describe('startsWithLiteral: every alternative starts with a written letter, digit or space', () => {
  it.each([
    ['word', true],
    ['(?:a|b)c', true],
    ['(?:a )?(?:b|c)', true],
    ['x?y', true],
    [String.raw`s\.? ?4\(2\)|section`, true],
    ['(?:a|[b])', false],
    [String.raw`(?:a )?\p{L}`, false],
    ['x*', false],
    [String.raw`(?:(?:Mr|Mrs) [A-Z]|NX\d|[Oo]fficer)`, false],
    ['(a|)b', false],
    ['ab|', false],
    ['(?<n>x)', false],
  ])('%s -> %s', (source, want) => {
    expect(startsWithLiteral(source)).toBe(want);
  });
});

describe('eachMatch', () => {
  it('searches most rule expressions with a skip expression (else it would gain nothing)', () => {
    const skipping = RULE_PATTERNS.filter(searchesWithSkip).length;
    expect(RULE_PATTERNS.length).toBeGreaterThan(30);
    expect(skipping).toBeGreaterThan(RULE_PATTERNS.length / 2);
  });

  it('finds what re.exec in a loop finds, for every rule expression on tricky texts', () => {
    for (const re of RULE_PATTERNS)
      for (const text of TRICKY) expect(skipping(re, text), re.source).toEqual(plain(re, text));
  });

  it('agrees with re.exec in a loop on random texts of rule words and awkward characters', () => {
    const pieces = [
      'charged',
      ' on ',
      'suspicion',
      ' of ',
      'sources',
      'close to',
      'guilty',
      'of an error',
      'convicted',
      'indictment',
      'section 4(2)',
      'reporting restrictions',
      'Mr ',
      'A',
      'sent ',
      'to the Crown Court',
      'ſ',
      '\u212A',
      'é',
      '_',
      '😀',
      '\uD800',
      '\uDC00',
      ' ',
      '\n',
      '.',
      '"',
    ];
    const sample = RULE_PATTERNS.filter(searchesWithSkip);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 60 }),
        fc.nat({ max: sample.length - 1 }),
        (parts, k) => {
          const re = sample[k] as RegExp;
          const text = parts.join('');
          expect(skipping(re, text)).toEqual(plain(re, text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('goes back to the plain loop when the skip expression keeps finding nothing useful', () => {
    // The skip expression (a letter a) finds a place at every a; the rule needs a b before it.
    const re = /(?<=b)a/gu;
    const text = `${'a'.repeat(5000)}ba${'a'.repeat(5000)}ba`;
    expect(searchesWithSkip(re)).toBe(true);
    expect(skipping(re, text)).toEqual(plain(re, text));
  });

  it('leaves an expression it does not understand to the plain loop', () => {
    expect(searchesWithSkip(/\bx/g)).toBe(false); // no u flag
    expect(searchesWithSkip(/(a)\1\b/gu)).toBe(false); // a back-reference
    expect(searchesWithSkip(/\b\p{Lu}\p{Ll}+/gu)).toBe(false); // starts with a class
    expect(searchesWithSkip(/\b(?:x)?/gu)).toBe(false); // could match nothing
    expect(searchesWithSkip(/\bword/gu)).toBe(true);
  });

  it('asks whether a skip expression can match nothing of the long text it will search, with the same answer', () => {
    // At the end of a long text (one or two bytes a character) as of "": no assertion is left.
    for (const long of ['a'.repeat(5000), '’'.repeat(5000), `${'😀'.repeat(3000)}`]) {
      expect(skipExpressions(new RegExp(String.raw`\b(?:x)?`, 'gu'), long)).toBeNull();
      expect(skipExpressions(new RegExp(String.raw`\b(?:x|y*)z?`, 'giu'), long)).toBeNull();
      expect(skipExpressions(new RegExp(String.raw`\bword\b`, 'giu'), long)).not.toBeNull();
      expect(skipExpressions(new RegExp(String.raw`(?<![\p{L}])ab?`, 'gu'), long)).not.toBeNull();
    }
    for (const re of RULE_PATTERNS) {
      const fresh = new RegExp(re.source, re.flags);
      const long = skipExpressions(fresh, article.repeat(3)) !== null;
      expect(long, re.source).toBe(searchesWithSkip(new RegExp(re.source, re.flags)));
    }
  });
});
