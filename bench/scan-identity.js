// Do two builds of the scanner find exactly the same things? A guard for engine speed work:
// every change to the tokenizer, the term index or the rule passes must leave the findings
// byte for byte as they were.
//   node bench/scan-identity.js --write <file>    scan everything below, save the results
//   node bench/scan-identity.js --check <file>    scan again, compare with the saved results
//   node bench/scan-identity.js --against <dir>   compare with another build (a checkout of main
//                                                 with dist/ built, say), scanning with both now
// What is scanned, with this checkout's rules files (so both sides use the same rules):
// - in process (scanReport: findings, omitted counts, story reading), under the live uk-ew rules,
//   the archived uk-ew 1.0.0 and 2.0.0 rules and test/fixtures/packs/walk2: every article in
//   test/fixtures/articles (.md, .txt, .html, .docx, read as the CLI reads them) and every text in
//   test/fixtures/corpus/tuning; under the live rules also the hostile shapes of bench/scan.js
//   (50 KB each), a 1 MB and a 10 MB text built from the tuning split, and the 1 MB text with a
//   section filter, an --ignore and a per-rule limit of 3;
// - through the CLI (`prepub scan --format json` and `--format text`: stdout and exit code),
//   every fixture article and the 1 MB text, with and without the validated-rules cache.
// Only the tuning split of the corpus is read (the evaluation split is never opened here).
// Needs `npm run build` first (it uses dist/).
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { HOSTILE_SHAPES } from './scan.js';

const here = fileURLToPath(new URL('..', import.meta.url));
const articlesDir = path.join(here, 'test', 'fixtures', 'articles');
const tuningDir = path.join(here, 'test', 'fixtures', 'corpus', 'tuning');
const RULES = [
  ['live', 'checklists/uk-ew/rules.yaml'],
  ['uk-ew 2.0.0', 'checklists/archive/uk-ew/2.0.0/rules.yaml'],
  ['uk-ew 1.0.0', 'checklists/archive/uk-ew/1.0.0/rules.yaml'],
  ['walk2', 'test/fixtures/packs/walk2/rules.yaml'],
];

/** The tuning split's texts, in file order. */
function tuningTexts() {
  return readdirSync(tuningDir)
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .map((n) => ({ name: n, text: parse(readFileSync(path.join(tuningDir, n), 'utf8')).text }));
}

/** About `bytes` bytes of real news text: the tuning split's texts, repeated. */
function builtText(texts, bytes) {
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const p = texts[i % texts.length].text.trim();
    parts.push(p);
    size += Buffer.byteLength(p) + 2;
  }
  return `${parts.join('\n\n')}\n`;
}

/** Files scanned, written where both builds read them from (paths show in the CLI's output). */
function inputs() {
  const dir = path.join(here, 'node_modules', '.cache', 'prepub', 'scan-identity');
  mkdirSync(dir, { recursive: true });
  const texts = tuningTexts();
  const write = (name, text) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return path.relative(here, file);
  };
  return {
    articles: readdirSync(articlesDir)
      .filter((f) => /\.(md|txt|html|docx)$/.test(f))
      .sort()
      .map((f) => path.relative(here, path.join(articlesDir, f))),
    tuning: texts,
    hostile: HOSTILE_SHAPES.filter(([, ext]) => ext !== 'docx').map(([name, ext, unit], k) => ({
      name,
      file: write(`hostile-${k}.${ext}`, unit.repeat(Math.ceil(50_000 / unit.length))),
    })),
    oneMb: write('1mb.txt', builtText(texts, 1_000_000)),
    tenMb: write('10mb.txt', builtText(texts, 10_000_000)),
  };
}

/** Every result of one build, as name → the exact output. */
async function scanAll(root, input) {
  const load = (p) => import(pathToFileURL(path.join(root, 'dist', p)).href);
  const [{ scanReport }, { loadRules }, { readDraft }, { toJson }] = await Promise.all([
    load('core/scan/scanner.js'),
    load('adapters/read-rules.js'),
    load('adapters/read-draft.js'),
    load('core/parse/json-strict.js'),
  ]);
  const out = new Map();
  const report = (text, rules, opts) => {
    try {
      return toJson(scanReport(text, rules, opts));
    } catch (error) {
      return `error: ${error instanceof Error ? error.message : String(error)}`;
    }
  };
  const scanFile = async (file, rules, extra = {}) => {
    const draft = await readDraft(path.join(here, file), { maxBytes: 20_000_000 });
    return report(draft.text, rules, {
      source: draft.source,
      toSource: draft.toSource,
      file,
      ...extra,
    });
  };
  for (const [label, rulesFile] of RULES) {
    const rules = await loadRules(path.join(here, rulesFile), { cacheDir: false });
    for (const a of input.articles) out.set(`${label} | ${a}`, await scanFile(a, rules));
    for (const t of input.tuning) out.set(`${label} | tuning/${t.name}`, report(t.text, rules));
    if (label !== 'live') continue;
    for (const h of input.hostile)
      out.set(`${label} | hostile ${h.name}`, await scanFile(h.file, rules));
    out.set(`${label} | 1 MB`, await scanFile(input.oneMb, rules));
    out.set(`${label} | 10 MB`, await scanFile(input.tenMb, rules));
    const ignore = new Map([
      [rules[0].id, 'identity check'],
      [rules.at(-1).id, 'another'],
    ]);
    out.set(
      `${label} | 1 MB, sections privacy+restrictions, --ignore, 3 per rule`,
      await scanFile(input.oneMb, rules, {
        sections: ['privacy', 'restrictions'],
        ignore,
        maxFindingsPerRule: 3,
      }),
    );
  }
  // Through the CLI, with a cache folder of its own (the first run fills it, the rest read it).
  const cache = mkdtempSync(path.join(tmpdir(), 'prepub-identity-cache-'));
  try {
    const cli = (file, format, env = {}) => {
      const r = spawnSync(
        process.execPath,
        [
          path.join(root, 'bin', 'prepub.js'),
          'scan',
          file,
          '--checklist',
          RULES[0][1],
          '--format',
          format,
          '--max-bytes',
          '20000000',
        ],
        {
          cwd: here,
          encoding: 'utf8',
          maxBuffer: 1 << 30,
          env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: cache, ...env },
        },
      );
      return `exit ${r.status}\n${r.stdout}\n--- stderr\n${r.stderr}`;
    };
    for (const a of [...input.articles, input.oneMb]) {
      out.set(`cli json | ${a}`, cli(a, 'json'));
      out.set(`cli text | ${a}`, cli(a, 'text'));
    }
    out.set(
      `cli json, no cache | ${input.oneMb}`,
      cli(input.oneMb, 'json', { PREPUB_NO_CACHE: '1' }),
    );
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
  return out;
}

/** Names of the results that differ, with where they first differ. */
function compare(before, after) {
  const problems = [];
  for (const [name, want] of before) {
    const got = after.get(name);
    if (got === undefined) problems.push(`${name}: missing`);
    else if (got !== want) {
      let k = 0;
      while (k < want.length && want[k] === got[k]) k++;
      problems.push(
        `${name}: differs at character ${k}\n    before: ${JSON.stringify(want.slice(Math.max(0, k - 80), k + 120))}\n    after:  ${JSON.stringify(got.slice(Math.max(0, k - 80), k + 120))}`,
      );
    }
  }
  for (const name of after.keys()) if (!before.has(name)) problems.push(`${name}: new`);
  return problems;
}

function report(before, after) {
  const problems = compare(before, after);
  const bytes = [...after.values()].reduce((n, v) => n + v.length, 0);
  if (problems.length === 0) {
    console.log(`identical: ${after.size} results (${(bytes / 1e6).toFixed(1)} MB of output)`);
    return;
  }
  console.log(`${problems.length} of ${before.size} results differ:`);
  for (const p of problems.slice(0, 20)) console.log(`  ${p}`);
  process.exitCode = 1;
}

const argv = process.argv.slice(2);
const flag = (name) => {
  const k = argv.indexOf(name);
  return k >= 0 ? argv[k + 1] : undefined;
};
const input = inputs();
if (flag('--write')) {
  const all = await scanAll(here, input);
  writeFileSync(flag('--write'), JSON.stringify(Object.fromEntries(all)));
  console.log(`wrote ${all.size} results to ${flag('--write')}`);
} else if (flag('--check')) {
  const before = new Map(Object.entries(JSON.parse(readFileSync(flag('--check'), 'utf8'))));
  report(before, await scanAll(here, input));
} else if (flag('--against')) {
  const other = path.resolve(flag('--against'));
  const before = await scanAll(other, input);
  report(before, await scanAll(here, input));
} else {
  console.error(
    'usage: node bench/scan-identity.js --write <file> | --check <file> | --against <dir>',
  );
  process.exitCode = 2;
}
