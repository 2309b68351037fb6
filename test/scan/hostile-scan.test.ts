// The scanner on hostile text (issue #10 item 8): suppression comments in the hundreds of
// thousands, comments that never close, and texts of nothing but triggers. Linear means these
// take a fraction of a second; the quadratic code took tens of seconds on the same shapes, so the
// time bounds below are generous and still fail on it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { Rule } from '../../src/core/scan/rules-schema.js';
import {
  failsAt,
  MAX_FINDINGS_PER_RULE,
  scanReport,
  scanText,
} from '../../src/core/scan/scanner.js';
import { findSuppressions } from '../../src/core/scan/suppression.js';
import { tokenize } from '../../src/core/scan/tokens.js';

const rule = (id: string, terms: string[], severity: Rule['severity'] = 'high'): Rule => ({
  id: `t.${id}`,
  section: 'defamation',
  severity,
  message: `${id} message`,
  questions: ['defamation.q'],
  match: { terms },
});
const FRAUD = [rule('x', ['fraud']), rule('y', ['court'], 'low')];
const IDS = new Set(['t.x', 't.y']);

function timed<T>(fn: () => T): [T, number] {
  const started = performance.now();
  const value = fn();
  return [value, performance.now() - started];
}

describe('suppression comments in linear time', () => {
  it('a comment that never closes, repeated (2 MB), is read once', () => {
    const [found, ms] = timed(() => findSuppressions('<!-- prepub-ignore x '.repeat(100_000), IDS));
    expect(ms).toBeLessThan(3_000);
    expect(found.suppressions).toEqual([]);
    expect(found.problems).toEqual([]);
  });

  it('100,000 comments without a blank line (4 MB) each find their paragraph at once', () => {
    const text = '<!-- prepub-ignore t.x: named in court -->\n'.repeat(100_000);
    const [found, ms] = timed(() => findSuppressions(text, IDS));
    expect(ms).toBeLessThan(3_000);
    expect(found.suppressions).toHaveLength(100_000);
    expect(found.suppressions.every((s) => s.end === text.length)).toBe(true);
  });

  it('50,000 comments each before a finding (2.6 MB): each finding finds its comment at once', () => {
    const text = '<!-- prepub-ignore t.x: named in court --> fraud\n'.repeat(50_000);
    const [report, ms] = timed(() => scanReport(text, FRAUD));
    expect(ms).toBeLessThan(5_000);
    expect(report.findings).toHaveLength(MAX_FINDINGS_PER_RULE);
    expect(report.findings.every((f) => f.suppressed?.by === 'comment')).toBe(true);
    expect(report.omitted).toEqual([
      expect.objectContaining({ rule: 't.x', open: 0, suppressed: 50_000 - MAX_FINDINGS_PER_RULE }),
    ]);
  });

  it('lists 20 problems and counts the rest', () => {
    const text = '<!-- prepub-ignore t.x -->\n'.repeat(100_000);
    const [error, ms] = timed(() => {
      try {
        scanText(text, FRAUD, { file: 'draft.md' });
      } catch (e) {
        return e;
      }
      return undefined;
    });
    expect(ms).toBeLessThan(3_000);
    expect(error).toBeInstanceOf(UserError);
    const e = error as UserError;
    expect(e.message).toBe(
      'draft.md:1:1: prepub-ignore t.x has no reason; write <!-- prepub-ignore t.x: <reason> -->',
    );
    expect(e.options.lines).toHaveLength(20);
    expect(e.options.lines?.[18]).toMatch(/^draft\.md:20:1: /);
    expect(e.options.lines?.at(-1)).toBe('and 99980 more like these');
  });

  it('applies the same suppression to each finding as a scan of every comment would', () => {
    const PIECES = [
      'fraud ',
      'court ',
      '\n',
      '\n\n',
      '<!-- prepub-ignore t.x: a -->',
      '<!-- prepub-ignore t.y: b -->',
      '<!-- prepub-ignore t.x, t.y: c -->',
      '<!-- prepub-ignore t.x: open ',
      '-->',
      '<!-- other ',
      '<!-- prepub-ignore t.x: fraud in court -->',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const { suppressions, problems } = findSuppressions(text, IDS);
        fc.pre(problems.length === 0);
        // The oracle: look through every comment for every finding, as the scanner used to.
        const expected = scanText(text, FRAUD, { comments: false })
          .map((f) => {
            const at =
              text
                .split('\n')
                .slice(0, f.line - 1)
                .join('\n').length +
              (f.line > 1 ? 1 : 0) +
              f.column -
              1;
            const end = at + f.excerpt.length;
            if (suppressions.some((s) => at < s.commentEnd && end > s.commentStart))
              return undefined;
            const s = suppressions.find(
              (x) => x.rules.includes(f.rule) && at >= x.start && at < x.end,
            );
            return [f.rule, f.line, f.column, s?.reason ?? null];
          })
          .filter((x) => x !== undefined);
        const actual = scanText(text, FRAUD).map((f) => [
          f.rule,
          f.line,
          f.column,
          f.suppressed?.reason ?? null,
        ]);
        expect(actual).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('findings per rule are capped, and counted past the cap', () => {
  it('lists the first 100 of a rule and counts the rest, open and suppressed apart', () => {
    const text = `${'fraud '.repeat(150)}\n\n<!-- prepub-ignore t.x: quoted -->\n${'fraud '.repeat(130)}`;
    const { findings, omitted } = scanReport(text, FRAUD);
    expect(findings.filter((f) => f.suppressed === undefined)).toHaveLength(100);
    expect(findings.filter((f) => f.suppressed !== undefined)).toHaveLength(100);
    expect(omitted).toEqual([
      { rule: 't.x', section: 'defamation', severity: 'high', open: 50, suppressed: 30 },
    ]);
  });

  it('keeps --fail-on exact when the first findings are suppressed and a later one is not', () => {
    const text = `<!-- prepub-ignore t.x: quoted -->\n${'fraud '.repeat(500)}\n\nfraud`;
    const findings = scanText(text, FRAUD);
    expect(findings.at(-1)).toMatchObject({ rule: 't.x', line: 4 });
    expect(findings.at(-1)?.suppressed).toBeUndefined();
    expect(failsAt(findings, 'high')).toBe(true);
  });

  it('a 5 MB line of triggers gives a few hundred findings and counts, quickly', () => {
    const text = 'arrested for fraud in court '.repeat(180_000);
    const [report, ms] = timed(() => scanReport(text, FRAUD));
    expect(ms).toBeLessThan(10_000);
    expect(report.findings).toHaveLength(200);
    expect(report.omitted.map((o) => [o.rule, o.open])).toEqual([
      ['t.x', 179_900],
      ['t.y', 179_900],
    ]);
  });

  it('takes a limit', () => {
    const { findings, omitted } = scanReport('fraud fraud fraud', FRAUD, { maxFindingsPerRule: 1 });
    expect(findings).toHaveLength(1);
    expect(omitted[0]?.open).toBe(2);
  });
});

describe('tokens when lower-casing changes the length', () => {
  it('a dotted capital I keeps every offset that of the text', () => {
    const text = 'İstanbul court: İ said fraud. O’Brien';
    const tokens = tokenize(text);
    const plain = tokenize(text.replaceAll('İ', 'I'));
    expect([...tokens.starts]).toEqual([...plain.starts]);
    expect([...tokens.ends]).toEqual([...plain.ends]);
    expect(tokens.words).toEqual(['i̇stanbul', 'court', 'i̇', 'said', 'fraud', 'o’brien']);
    expect(scanText(text, FRAUD).map((f) => [f.excerpt, f.column])).toEqual([
      ['court', 10],
      ['fraud', 24],
    ]);
  });
});
