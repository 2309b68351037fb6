// The scanner on real published journalism (test/fixtures/corpus): how often it cries wolf on
// harmless copy, and how much of what a media lawyer would flag it reaches, per split.
// Run after `npm run build`:  node bench/corpus.js [--split tuning|evaluation] [--verbose]
//   [--rules <rules.yaml>]   (default: the live checklists/uk-ew/rules.yaml)
//   [--only <list.txt>]      (measure only the files named in list.txt, one file name a line,
//                             for example the articles a new round added, before tuning on them)
// Measures only: rules are never tuned on the evaluation split (see the corpus README).
// The metrics are in bench/corpus-metrics.js, shared with test/scan/corpus-accuracy.test.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { evaluateSplit, firstEvaluation, summaryLine } from './corpus-metrics.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = (p) => import(pathToFileURL(path.join(root, 'dist', p)).href);
const args = process.argv.slice(2);
const only = args.includes('--split') ? args[args.indexOf('--split') + 1] : undefined;
const verbose = args.includes('--verbose');
const onlyList = args.includes('--only')
  ? new Set(
      readFileSync(path.resolve(args[args.indexOf('--only') + 1]), 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .map((l) => (l.endsWith('.yaml') ? l : `${l}.yaml`)),
    )
  : undefined;

const { parseRules } = await dist('adapters/read-rules.js');
const { scanReport } = await dist('core/scan/scanner.js');
const rulesFile = args.includes('--rules')
  ? path.resolve(args[args.indexOf('--rules') + 1])
  : path.join(root, 'checklists', 'uk-ew', 'rules.yaml');
const { rules, errors } = await parseRules(rulesFile, readFileSync(rulesFile, 'utf8'));
if (!rules) throw new Error(errors.join('\n'));

// PREPUB_TUNING_ONLY=1 (set while tuning rules) refuses to measure the evaluation split.
const tuningOnly = process.env.PREPUB_TUNING_ONLY === '1';
if (tuningOnly && only && only !== 'tuning') {
  console.error('PREPUB_TUNING_ONLY=1 is set: the evaluation split is not measured while tuning.');
  process.exit(2);
}
for (const split of only ? [only] : tuningOnly ? ['tuning'] : ['tuning', 'evaluation']) {
  const scan = (text) => scanReport(text, rules, {}).findings;
  const m = evaluateSplit(
    split,
    scan,
    onlyList ? { only: onlyList, label: `${split} (--only list)` } : {},
  );
  console.log(summaryLine(m));
  if (verbose) for (const w of m.worst) console.log(`  ${w}`);
  if (split === 'evaluation' && !onlyList) {
    for (const count of [39, 69, 97]) {
      const label = `evaluation (its first ${count} articles)`;
      console.log(summaryLine(evaluateSplit(split, scan, { only: firstEvaluation(count), label })));
    }
  }
}
