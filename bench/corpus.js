// The scanner on real published journalism (test/fixtures/corpus): how often it cries wolf on
// harmless copy, and how much of what a media lawyer would flag it reaches, per split.
// Run after `npm run build`:  node bench/corpus.js [--split tuning|evaluation] [--verbose]
// Measures only: rules are never tuned on the evaluation split (see the corpus README).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = path.join(root, 'test', 'fixtures', 'corpus');
const dist = (p) => import(pathToFileURL(path.join(root, 'dist', p)).href);
const RANK = { low: 0, medium: 1, high: 2, blocker: 3 };
const args = process.argv.slice(2);
const only = args.includes('--split') ? args[args.indexOf('--split') + 1] : undefined;
const verbose = args.includes('--verbose');

const { parseRules } = await dist('adapters/read-rules.js');
const { scanText } = await dist('core/scan/scanner.js');
const rulesFile = path.join(root, 'checklists', 'uk-ew', 'rules.yaml');
const { rules } = await parseRules(rulesFile, readFileSync(rulesFile, 'utf8'));

/** Character offset of each finding in the text (line and column are 1-based, in characters). */
function offsets(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (line, column) => starts[line - 1] + column - 1;
}

function evaluate(split) {
  const dir = path.join(corpus, split);
  const s = {
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
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.yaml'))
    .sort()) {
    const a = parse(readFileSync(path.join(dir, name), 'utf8'));
    const text = a.text;
    const at = offsets(text);
    const findings = scanText(text, rules, {}).filter((f) => !f.suppressed);
    const spans = (a.spans ?? []).map((sp) => {
      const start = text.indexOf(sp.text);
      return { ...sp, start, end: start + sp.text.length };
    });
    const onSpan = (f) => {
      const fs = at(f.line, f.column);
      const fe = at(f.endLine, f.endColumn);
      return spans.some((sp) => fs < sp.end && fe > sp.start);
    };
    const high = findings.filter((f) => RANK[f.severity] >= 2);
    const medium = findings.filter((f) => RANK[f.severity] === 1);
    if (a.kind === 'harmless') {
      s.harmless++;
      if (high.length > 0) s.harmlessHigh++;
      s.harmlessMedium += medium.length;
      for (const f of high)
        s.worst.push(`false alarm  ${name}: ${f.severity} ${f.rule} "${f.excerpt}"`);
    } else {
      s.risky++;
      const expected = Object.keys(a.sections ?? {});
      s.sections += expected.length;
      for (const sec of expected)
        if (findings.some((f) => f.section === sec && RANK[f.severity] >= 1)) s.sectionsHit++;
        else s.worst.push(`missed section ${name}: ${sec} (${a.sections[sec]})`);
      for (const sp of spans) {
        s.spans++;
        const hit = findings.some((f) => {
          const fs = at(f.line, f.column);
          const fe = at(f.endLine, f.endColumn);
          return fs < sp.end && fe > sp.start;
        });
        if (hit) s.spansHit++;
        else if (RANK[sp.severity] >= 2)
          s.worst.push(`missed span  ${name}: ${sp.severity} ${sp.section} "${sp.text}"`);
      }
      s.highFindings += high.length;
      s.highOnSpan += high.filter(onSpan).length;
    }
  }
  return s;
}

const pct = (a, b) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(0)}%`);
for (const split of only ? [only] : ['tuning', 'evaluation']) {
  const s = evaluate(split);
  console.log(
    `${split}: ${s.harmless} harmless, ${s.harmlessHigh} with a high or blocker finding, ` +
      `${(s.harmlessMedium / Math.max(1, s.harmless)).toFixed(1)} medium findings per harmless article; ` +
      `${s.risky} risky, section recall ${pct(s.sectionsHit, s.sections)} (${s.sectionsHit}/${s.sections}), ` +
      `span recall ${pct(s.spansHit, s.spans)} (${s.spansHit}/${s.spans}), ` +
      `high+ precision ${pct(s.highOnSpan, s.highFindings)} (${s.highOnSpan}/${s.highFindings})`,
  );
  if (verbose) for (const w of s.worst) console.log(`  ${w}`);
}
