// Benchmark: `prepub status` over 10,000 signed records in a temp folder.
// Run after `npm run build`:
//   node bench/status.js [count] [--realistic] [--cold | --warm] [--runs N]
// --realistic: each record a real filed-and-reviewed record of a risky story (three signatures:
// reporter, editor, lawyer; test/fixtures/records/care-home-contracts), made distinct (its own id,
// slug and signatures, so nothing can be skipped as a copy of another), its article beside it.
// Cold: no cache of any kind (--no-cache); warm: the status cache filled by a run before. Each is
// the median of N runs (default 3), wall time and CPU time (user + sys, all threads), with the
// load average. Then a few records are tampered with and forged, and both a cold and a warm run
// must report exactly those as invalid. Fails above the budgets: cold 3 s, warm 1.5 s (10,000+).
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
} from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { IN_TOTO_PAYLOAD_TYPE, signEnvelope } from '../dist/core/signing/dsse.js';
import {
  encodeStatement,
  filedStatement,
  reviewStatement,
  FILING_STATEMENT,
} from '../dist/core/signing/statement.js';
import { reviewHistoryEntry } from '../dist/core/signing/history.js';

const REALISTIC = process.argv.includes('--realistic');
const COLD = !process.argv.includes('--warm');
const WARM = !process.argv.includes('--cold');
const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 3;
const COUNT = Number(
  process.argv.slice(2).find((a, i, all) => /^\d+$/.test(a) && all[i - 1] !== '--runs') ?? 10_000,
);
const FIXTURES = fileURLToPath(new URL('../test/fixtures/records/', import.meta.url));
const COLD_BUDGET_MS = 3000;
const WARM_BUDGET_MS = 1500;
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

// The fixture's keys, from the published test seeds in test/fixtures/records/make-records.js
// (NEVER use them for real): the bench re-signs a distinct copy of the real record per story.
function testKey(name) {
  const seed = createHash('sha256').update(`prepub test key, not secret: ${name}`).digest();
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  const keyid = sha256(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }));
  return { keyid, privateKey };
}

/** A distinct copy of the real record: its own id and slug, in the working copy and the signed
 * snapshot, every envelope re-signed (the reviews name the new payload digests). */
function realisticRecord(real, i, keys) {
  const file = JSON.parse(JSON.stringify(real));
  const id = randomUUID();
  const slug = `${file.record.story.slug}-${i}`;
  let previous;
  file.attestations = file.attestations.map((env, n) => {
    const statement = JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8'));
    const p = statement.predicate;
    if (p.decision === 'filed') {
      p.record.id = id;
      p.record.story.slug = slug;
    }
    const ref = statement.subject.find((s) => s.name === `envelope/${n}`);
    if (ref) ref.digest.sha256 = previous;
    const payload = Buffer.from(`${JSON.stringify(statement, null, 2)}\n`);
    previous = sha256(payload);
    const key = keys.get(env.signatures[0].keyid);
    return signEnvelope(IN_TOTO_PAYLOAD_TYPE, new Uint8Array(payload), key);
  });
  file.record.id = id;
  file.record.story.slug = slug;
  return file;
}

/** Ways a record is made invalid: each must show as not valid, with its problem. */
const TAMPER = [
  // An answer changed after filing: the working record is no longer what was signed.
  (file) => {
    const [q] = Object.keys(file.record.answers);
    file.record.answers[q].note = `${file.record.answers[q].note ?? ''} (changed)`;
    return 'record';
  },
  // A signature byte changed.
  (file) => {
    const sig = Buffer.from(file.attestations[1].signatures[0].sig, 'base64');
    sig[7] ^= 1;
    file.attestations[1].signatures[0].sig = sig.toString('base64');
    return 'signature 2';
  },
  // A forged approval: the last review re-signed by a key the keyring does not trust.
  (file) => {
    const last = file.attestations.length - 1;
    const env = file.attestations[last];
    const { privateKey } = generateKeyPairSync('ed25519');
    file.attestations[last] = signEnvelope(
      env.payloadType,
      new Uint8Array(Buffer.from(env.payload, 'base64')),
      { keyid: env.signatures[0].keyid, privateKey },
    );
    return `signature ${last + 1}`;
  },
];

/** CPU time (user + sys) of this process's waited-for children so far, in ms; null off Linux. */
function childrenCpuMs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // cutime and cstime (fields 16 and 17 of stat, 14 and 15 after the name), in USER_HZ (100).
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

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
    ? JSON.parse(readFileSync(path.join(FIXTURES, 'care-home-contracts.prepub.json'), 'utf8'))
    : null;
  const fixtureKeys = new Map(
    ['Priya Shah', 'Tom Okafor', 'Ruth Adeyemi'].map((name) => {
      const k = testKey(name);
      return [k.keyid, k];
    }),
  );
  const recordFile = (i) =>
    path.join(records, String(i % 100).padStart(2, '0'), `story-${i}.prepub.json`);
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
    const file = real ? realisticRecord(real, i, fixtureKeys) : signedRecord(i, reporter, editor);
    writeFileSync(recordFile(i), `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  }
  process.stderr.write(
    `generated ${COUNT} signed records in ${Math.round(performance.now() - t)} ms\n`,
  );

  // Make sure the settle window (status-read.ts) has passed, so the files' rows are cached.
  await sleep(1100);

  /** One run: wall and CPU ms, and the rows. */
  const status = (extra) => {
    const cpu0 = childrenCpuMs();
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
    const wall = performance.now() - t0;
    const cpu = cpu0 === null ? null : childrenCpuMs() - cpu0;
    if (out.status !== 0) throw new Error(`prepub status exited ${out.status}: ${out.stderr}`);
    return { wall, cpu, rows: JSON.parse(out.stdout).records };
  };
  /** Every row valid but the `bad` ones (file index → the problem it must show). */
  const expectRows = (rows, bad, what) => {
    if (rows.length !== COUNT)
      throw new Error(`${what}: expected ${COUNT} rows, got ${rows.length}`);
    const wrong = [];
    for (const row of rows) {
      const i = Number(/story-(\d+)\.prepub\.json$/.exec(row.path)?.[1]);
      const problem = bad.get(i);
      if (
        problem === undefined
          ? row.valid !== true
          : row.valid !== false || !row.problems.includes(problem)
      )
        wrong.push(`${row.path}: valid ${row.valid}, problems ${JSON.stringify(row.problems)}`);
    }
    if (wrong.length > 0)
      throw new Error(
        `${what}: ${wrong.length} wrong rows, e.g.\n  ${wrong.slice(0, 5).join('\n  ')}`,
      );
  };
  const series = (extra, before) => {
    const runs = [];
    for (let r = 0; r < RUNS; r++) {
      before?.();
      const run = status(extra);
      expectRows(run.rows, new Map(), 'a run');
      runs.push(run);
    }
    const cpu = runs.every((r) => r.cpu !== null) ? median(runs.map((r) => r.cpu)) : null;
    return { wall: median(runs.map((r) => r.wall)), cpu };
  };
  const shown = (m) =>
    `${Math.round(m.wall)} ms wall, ${m.cpu === null ? '?' : Math.round(m.cpu)} ms CPU`;
  const cacheDir = path.join(dir, 'cache');
  const results = [];
  if (COLD) {
    // No status cache and no signature cache: every record read and every signature checked.
    const cold = series([], () => rmSync(cacheDir, { recursive: true, force: true }));
    results.push(`cold ${shown(cold)} (budget ${COLD_BUDGET_MS} ms)`);
    if (COUNT >= 10_000 && cold.wall > COLD_BUDGET_MS) process.exitCode = 1;
  }
  if (WARM) {
    rmSync(cacheDir, { recursive: true, force: true });
    status([]);
    const warm = series([]);
    results.push(`warm ${shown(warm)} (budget ${WARM_BUDGET_MS} ms)`);
    if (COUNT >= 10_000 && warm.wall > WARM_BUDGET_MS) process.exitCode = 1;
  }
  process.stdout.write(
    `prepub status, ${COUNT} ${REALISTIC ? 'distinct realistic records (3 signatures each, a risky story' : 'records (2 signatures each'}, ${(REALISTIC ? 3 : 2) * COUNT} checks), median of ${RUNS}: ` +
      `${results.join('; ')}; ${os.availableParallelism()} CPUs, load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}\n`,
  );

  // Tampered and forged records, spread over the folder: the warm run (rows cached before the
  // change) and a cold one must both report exactly these as invalid, and every other as valid.
  const bad = new Map();
  for (let t = 0; t < 30; t++) {
    const i = Math.floor(((t + 0.5) * COUNT) / 30);
    const file = JSON.parse(readFileSync(recordFile(i), 'utf8'));
    bad.set(i, TAMPER[t % TAMPER.length](file));
    writeFileSync(recordFile(i), `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  }
  expectRows(status([]).rows, bad, 'warm, after tampering');
  expectRows(status(['--no-cache']).rows, bad, 'cold, after tampering');
  process.stdout.write(`${bad.size} tampered or forged records reported invalid, warm and cold\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
