// Metrics of the scanner on the labelled corpus of real journalism (test/fixtures/corpus), shared
// by `node bench/corpus.js` and the accuracy floors of test/scan/corpus-accuracy.test.ts, so the
// bench and the test count the same way. Pure over what it is given: the caller scans.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const CORPUS = fileURLToPath(new URL('../test/fixtures/corpus', import.meta.url));
const RANK = { low: 0, medium: 1, high: 2, blocker: 3 };

/**
 * The evaluation split as it stood when it had `count` articles, by file name: 39 at the end of
 * stop 17, 69 at the end of stop 18 (evaluation-first-<count>.txt). Articles collected since were
 * placed by the same hash rule and made the split larger; each fixed subset keeps floors of its
 * own so that its figures compare across rounds.
 */
export function firstEvaluation(count = 39) {
  return new Set(
    readFileSync(path.join(CORPUS, `evaluation-first-${count}.txt`), 'utf8')
      .split('\n')
      .filter(Boolean),
  );
}

/** The articles of a split, parsed, in file-name order (only those named in `only`, if given). */
export function corpusArticles(split, only) {
  const dir = path.join(CORPUS, split);
  return readdirSync(dir)
    .filter((n) => n.endsWith('.yaml') && (!only || only.has(n)))
    .sort()
    .map((name) => ({ name, ...parse(readFileSync(path.join(dir, name), 'utf8')) }));
}

/** Character offset of a 1-based line and column in the text. */
function offsets(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (line, column) => starts[line - 1] + column - 1;
}

/**
 * Every place a finding covers, as [start, end) offsets: its own span and, for a finding that
 * groups repeats of the same words (scanner 2), each repeat (same length as the first, or its
 * own end when it gives one: a story-level finding groups different words).
 */
function places(f, at) {
  const start = at(f.line, f.column);
  const end = at(f.endLine, f.endColumn);
  const out = [[start, end]];
  for (const r of f.repeats ?? []) {
    const s = at(r.line, r.column);
    // A story-level finding's places are other words, each with its own end.
    out.push([s, r.endLine !== undefined ? at(r.endLine, r.endColumn) : s + (end - start)]);
  }
  return out;
}

/**
 * Evaluate one split. `scan(text)` returns the findings (suppressed ones are ignored); `only`
 * (a set of file names) limits the split to those articles, and `label` names the result.
 * Returns the counts the targets are stated in, and the worst misses and false alarms.
 */
export function evaluateSplit(split, scan, { only, label } = {}) {
  const s = {
    split: label ?? split,
    harmless: 0,
    harmlessHigh: 0,
    harmlessMedium: 0,
    risky: 0,
    sections: 0,
    sectionsHit: 0,
    spans: 0,
    spansHit: 0,
    highFindings: 0,
    highOnSpan: 0,
    worst: [],
  };
  for (const a of corpusArticles(split, only)) {
    const text = a.text;
    const at = offsets(text);
    const findings = scan(text).filter((f) => !f.suppressed);
    const spans = (a.spans ?? []).map((sp) => {
      const start = text.indexOf(sp.text);
      return { ...sp, start, end: start + sp.text.length };
    });
    const covers = (f, sp) => places(f, at).some(([fs, fe]) => fs < sp.end && fe > sp.start);
    const onSpan = (f) => spans.some((sp) => covers(f, sp));
    const high = findings.filter((f) => RANK[f.severity] >= 2);
    const medium = findings.filter((f) => RANK[f.severity] === 1);
    if (a.kind === 'harmless') {
      s.harmless++;
      if (high.length > 0) s.harmlessHigh++;
      s.harmlessMedium += medium.length;
      for (const f of [...high, ...medium])
        s.worst.push(`false alarm  ${a.name}: ${f.severity} ${f.rule} "${f.excerpt}"`);
    } else {
      s.risky++;
      const expected = Object.keys(a.sections ?? {});
      s.sections += expected.length;
      for (const sec of expected)
        if (findings.some((f) => f.section === sec && RANK[f.severity] >= 1)) s.sectionsHit++;
        else s.worst.push(`missed section ${a.name}: ${sec} (${a.sections[sec]})`);
      for (const sp of spans) {
        s.spans++;
        if (findings.some((f) => covers(f, sp))) s.spansHit++;
        else if (RANK[sp.severity] >= 2)
          s.worst.push(`missed span  ${a.name}: ${sp.severity} ${sp.section} "${sp.text}"`);
      }
      s.highFindings += high.length;
      s.highOnSpan += high.filter(onSpan).length;
      for (const f of high.filter((x) => !onSpan(x)))
        s.worst.push(`off-span high ${a.name}: ${f.severity} ${f.rule} "${f.excerpt}"`);
    }
  }
  return {
    ...s,
    mediumPerHarmless: s.harmlessMedium / Math.max(1, s.harmless),
    sectionRecall: s.sectionsHit / Math.max(1, s.sections),
    spanRecall: s.spansHit / Math.max(1, s.spans),
    highPrecision: s.highFindings === 0 ? 1 : s.highOnSpan / s.highFindings,
  };
}

const pct = (a, b) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(0)}%`);

/** One line per split, as the issue states its targets. */
export function summaryLine(m) {
  return (
    `${m.split}: ${m.harmless} harmless, ${m.harmlessHigh} with a high or blocker finding, ` +
    `${m.mediumPerHarmless.toFixed(1)} medium findings per harmless article; ` +
    `${m.risky} risky, section recall ${pct(m.sectionsHit, m.sections)} (${m.sectionsHit}/${m.sections}), ` +
    `span recall ${pct(m.spansHit, m.spans)} (${m.spansHit}/${m.spans}), ` +
    `high+ precision ${pct(m.highOnSpan, m.highFindings)} (${m.highOnSpan}/${m.highFindings})`
  );
}
