// The counts tables of test/fixtures/corpus/README.md, from the articles themselves, so the README
// says what the corpus holds:  node bench/corpus-counts.js   (prints Markdown)
import { corpusArticles } from './corpus-metrics.js';

const splits = ['tuning', 'evaluation'];
const all = splits.flatMap((split) => corpusArticles(split).map((a) => ({ ...a, split })));
const count = (pred) => all.filter(pred).length;
const out = [];
out.push(
  `**${all.length} articles**: ${count((a) => a.kind === 'harmless')} harmless, ` +
    `${count((a) => a.kind === 'risky')} risky.`,
  '',
  '| kind | category | tuning | evaluation | total |',
  '| --- | --- | ---: | ---: | ---: |',
);
for (const kind of ['harmless', 'risky']) {
  const cats = [...new Set(all.filter((a) => a.kind === kind).map((a) => a.category))].sort();
  for (const c of cats) {
    const n = (s) => count((a) => a.kind === kind && a.category === c && a.split === s);
    out.push(
      `| ${kind} | ${c} | ${n('tuning')} | ${n('evaluation')} | ${n('tuning') + n('evaluation')} |`,
    );
  }
}
for (const kind of ['harmless', 'risky']) {
  const n = (s) => count((a) => a.kind === kind && a.split === s);
  out.push(
    `| **${kind}** | all | **${n('tuning')}** | **${n('evaluation')}** | **${n('tuning') + n('evaluation')}** |`,
  );
}
const n = (s) => count((a) => a.split === s);
out.push(`| **all** | | **${n('tuning')}** | **${n('evaluation')}** | **${all.length}** |`, '');
out.push('Severity of the `sections` (an article counts once per section it has):', '');
out.push('| section | medium | high | blocker |', '| --- | ---: | ---: | ---: |');
for (const sec of ['restrictions', 'defamation', 'privacy', 'sources', 'safety', 'accuracy']) {
  const k = (sev) => count((a) => a.sections?.[sec] === sev);
  out.push(`| ${sec} | ${k('medium')} | ${k('high')} | ${k('blocker')} |`);
}
const spans = all.flatMap((a) => a.spans ?? []);
const sv = (sev) => spans.filter((s) => s.severity === sev).length;
out.push(
  '',
  `There are ${spans.length} spans in all: ${sv('blocker')} blocker, ${sv('high')} high, ` +
    `${sv('medium')} medium, ${sv('low')} low. ` +
    `${count((a) => String(a.published) === 'unknown')} of the ${all.length} dates are unknown.`,
);
console.log(out.join('\n'));
