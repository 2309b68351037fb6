// Benchmark: `prepub status` over 10,000 signed records (filed and approved) in a temp folder.
// Run after `npm run build`:  node bench/status.js [count]
// Prints the time of the whole command (process start to exit) and fails above the 3 s budget.
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IN_TOTO_PAYLOAD_TYPE, signEnvelope } from '../dist/core/signing/dsse.js';
import {
  encodeStatement,
  filedStatement,
  reviewStatement,
  FILING_STATEMENT,
} from '../dist/core/signing/statement.js';
import { reviewHistoryEntry } from '../dist/core/signing/history.js';

// --realistic: copies of a real filed-and-reviewed record of a risky story (three signatures:
// reporter, editor, lawyer; test/fixtures/records/care-home-contracts), its article beside it.
const REALISTIC = process.argv.includes('--realistic');
const COUNT = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 10_000);
const FIXTURES = fileURLToPath(new URL('../test/fixtures/records/', import.meta.url));
const BUDGET_MS = 3000;
const BIN = fileURLToPath(new URL('../bin/prepub.js', import.meta.url));
const sha256 = (data) => createHash('sha256').update(data).digest('hex');

function key(name, role) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const keyid = sha256(publicKey.export({ type: 'spki', format: 'der' }));
  return {
    name,
    role,
    keyid,
    privateKey,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }),
  };
}

function body(i, article) {
  const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  const sections = {
    safety: 'medium',
    restrictions: 'none',
    defamation: 'low',
    privacy: 'none',
    sources: 'none',
    accuracy: 'none',
  };
  const answers = {};
  for (const q of [
    'safety.threats',
    'safety.identifying-details',
    'restrictions.court-case',
    'defamation.allegation',
    'privacy.children',
    'sources.confidential',
    'accuracy.checked',
  ]) {
    answers[q] = { value: 'no', answeredAt: at };
  }
  answers['safety.identifying-details'] = {
    value: 'yes',
    note: 'Agreed to be named; no address.',
    answeredAt: at,
  };
  return {
    id: randomUUID(),
    story: {
      slug: `story-${i}`,
      headline: `Headline number ${i} about the council budget`,
      desk: 'news',
      reporter: 'Jane Reporter',
    },
    article: { path: `story-${i}.md`, sha256: sha256(article), bytes: Buffer.byteLength(article) },
    checklist: { id: 'uk-ew', version: '1.0.0', sha256: 'a'.repeat(64) },
    answers,
    findings: [],
    assessment: {
      overall: 'medium',
      sections,
      actions: [],
      referrals: [],
      flagged: [
        {
          question: 'safety.identifying-details',
          section: 'safety',
          ask: 'Does the story give details that could identify where someone lives?',
          value: 'yes',
          answer: 'Yes',
          risk: 'medium',
          lawyer: false,
          note: 'Agreed to be named; no address.',
          raisedBy: [],
          reasons: ['risk'],
        },
      ],
      pending: 0,
    },
    history: [
      { at, event: 'created', by: 'Jane Reporter' },
      { at, event: 'completed', by: 'Jane Reporter' },
      { at, event: 'filed', by: 'Jane Reporter' },
    ],
  };
}

function signedRecord(i, reporter, editor) {
  const article = `Story ${i}.\nThe council met on Tuesday.\n`;
  const record = body(i, article);
  const time = record.history[0].at;
  const subject = { name: record.article.path, digest: { sha256: record.article.sha256 } };
  const filedPayload = encodeStatement(
    filedStatement({
      article: subject,
      predicate: {
        signer: { name: reporter.name, keyid: reporter.keyid },
        time,
        statement: FILING_STATEMENT,
        record,
      },
    }),
  );
  const filed = signEnvelope(IN_TOTO_PAYLOAD_TYPE, filedPayload, reporter);
  const predicate = {
    role: 'editor',
    decision: 'approved',
    signer: { name: editor.name, keyid: editor.keyid },
    time,
    comment: 'Cleared',
    reviews: [{ item: 'safety.identifying-details', decision: 'accepted', comment: 'Cleared' }],
    reviewsFrom: 'decision',
  };
  const reviewPayload = encodeStatement(
    reviewStatement({
      article: subject,
      reviewed: { index: 1, sha256: sha256(filedPayload) },
      predicate,
    }),
  );
  const approved = signEnvelope(IN_TOTO_PAYLOAD_TYPE, reviewPayload, editor);
  // As prepub review writes it: everything in the entry comes from the signed predicate.
  record.history.push(reviewHistoryEntry(predicate));
  return { format: 'prepub/record@1', status: 'approved', record, attestations: [filed, approved] };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'prepub-bench-status-'));
try {
  const reporter = key('Jane Reporter', 'reporter');
  const editor = key('Ed Itor', 'editor');
  const added = new Date().toISOString();
  const keyring = {
    format: 'prepub/keyring@1',
    keys: [reporter, editor].map((k) => ({
      keyid: k.keyid,
      name: k.name,
      role: k.role,
      publicKey: k.publicPem,
      added,
    })),
  };
  writeFileSync(
    path.join(dir, 'keyring.json'),
    REALISTIC
      ? readFileSync(path.join(FIXTURES, 'keyring.json'))
      : `${JSON.stringify(keyring, null, 2)}\n`,
  );
  const records = path.join(dir, 'records');
  const real = REALISTIC
    ? readFileSync(path.join(FIXTURES, 'care-home-contracts.prepub.json'))
    : null;
  let t = performance.now();
  for (let i = 0; i < COUNT; i++) {
    const sub = path.join(records, String(i % 100).padStart(2, '0'));
    if (i < 100) {
      mkdirSync(sub, { recursive: true });
      if (REALISTIC)
        copyFileSync(
          path.join(FIXTURES, 'care-home-contracts.md'),
          path.join(sub, 'care-home-contracts.md'),
        );
    }
    writeFileSync(
      path.join(sub, `story-${i}.prepub.json`),
      real ?? `${JSON.stringify(signedRecord(i, reporter, editor), null, 2)}\n`,
      { mode: 0o600 },
    );
  }
  process.stderr.write(
    `generated ${COUNT} signed records in ${Math.round(performance.now() - t)} ms\n`,
  );

  const status = (extra) => {
    const t0 = performance.now();
    const out = spawnSync(
      process.execPath,
      [BIN, 'status', 'records', '--keyring', 'keyring.json', '--format', 'json', ...extra],
      {
        cwd: dir,
        env: {
          ...process.env,
          NO_COLOR: '1',
          XDG_CONFIG_HOME: path.join(dir, 'config'),
          XDG_CACHE_HOME: path.join(dir, 'cache'),
        },
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      },
    );
    const ms = performance.now() - t0;
    if (out.status !== 0) throw new Error(`prepub status exited ${out.status}: ${out.stderr}`);
    const rows = JSON.parse(out.stdout).records;
    const valid = rows.filter((row) => row.valid === true).length;
    if (rows.length !== COUNT || valid !== COUNT)
      throw new Error(`expected ${COUNT} valid records, got ${rows.length} rows, ${valid} valid`);
    return ms;
  };
  // Cold: every signature checked afresh. Then a run that fills the cache, and two warm runs.
  const cold = status(['--no-cache']);
  const filling = status([]);
  const warm = Math.min(status([]), status([]));
  process.stdout.write(
    `prepub status, ${COUNT} ${REALISTIC ? 'realistic records (3 signatures each, a risky story' : 'records (2 signatures each'}, ${(REALISTIC ? 3 : 2) * COUNT} checks): ` +
      `cold ${Math.round(cold)} ms (--no-cache), filling the cache ${Math.round(filling)} ms, ` +
      `warm ${Math.round(warm)} ms (budget ${BUDGET_MS} ms); ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}\n`,
  );
  if (COUNT >= 10_000 && warm > BUDGET_MS) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
