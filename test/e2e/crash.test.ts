// Kill safety: nothing is lost when the laptop dies mid-walk. A scripted walk of a risky draft
// (80-odd answers, each saved through the record store's atomic write: temp file, fsync, rename)
// is run by the built bin and killed with SIGKILL:
//
// - at chosen points, through the product's fault hook (PREPUB_FAULT_KILL=<n>:<phase>,
//   src/adapters/fault.ts): in each phase of an atomic write (the temp file empty, half written,
//   synced but not renamed, renamed but the folder not synced), at the first save (no record yet),
//   the second, saves a third and two thirds of the way in, the last answer's and the final
//   assessment's;
// - at random moments from outside, over start-up and the whole walk, for the moments no hook
//   aims at (reading and scanning the draft, taking the lock, between saves).
//
// After every kill: the record, if there is one, parses and is a valid record holding a prefix of
// the confirmed answers, never a torn file; after an aimed kill it holds exactly what the last
// completed save wrote (a kill before the rename: the save before; after it: this save). Then the
// next `prepub check` of the same draft takes over the stale lock, removes the dead process's temp
// file, lists as pending only what was not saved (starting with the answer that was being saved),
// and completes the walk with the same answers in the same order.
//
// The kills run three at a time, each in its own folder, sharing one warmed pack cache; the checks
// after each kill run in process.
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RecordFile } from '../../src/core/record/schema.js';
import { BIN, ROOT, runInProcess, tempDir } from '../helpers/run.js';

interface QuestionJson {
  id: string;
  type: string;
  answers?: Record<string, unknown>;
  questions?: QuestionJson[];
}
interface PackJson {
  sections: { questions: QuestionJson[] }[];
}

/**
 * Answers that go deep: every option of a checkbox ticked (each opens its follow-ups), the
 * riskiest-but-one value for every other question, each with a note; two items of a repeat group.
 */
function deepAnswers(pack: PackJson): string {
  const lines = ['story: { slug: crash, headline: Crash test, desk: news, reporter: Sam }'];
  const answer = (key: string, q: QuestionJson) => {
    const values = Object.keys(q.answers ?? {});
    const value =
      q.type === 'text'
        ? 'Free text answer'
        : q.type === 'checkbox'
          ? values.filter((v) => v !== 'none')
          : values.includes('unsure')
            ? 'unsure'
            : values.includes('yes')
              ? 'yes'
              : values[0]!;
    lines.push(`${key}: { value: ${JSON.stringify(value)}, note: "Mitigation noted for ${key}" }`);
  };
  for (const q of pack.sections.flatMap((s) => s.questions)) {
    if (q.type !== 'repeat') {
      answer(q.id, q);
      continue;
    }
    for (const n of [1, 2]) for (const c of q.questions ?? []) answer(`${c.id}#${n}`, c);
    lines.push(`${q.id}: 2`);
  }
  return `${lines.join('\n')}\n`;
}

const RECORD = 'story.md.prepub.json';
const WALK = ['check', 'story.md', '--answers', 'answers.yaml', '--no-input'];

let base: string;
let home: string;
let answers: string;
/** The answers in the order a full walk confirms (and saves) them. */
let order: string[];

beforeAll(async () => {
  base = tempDir('prepub-crash-');
  home = path.join(base, 'home');
  mkdirSync(home);
  const env = { HOME: home };
  const shown = await runInProcess(['checklists', 'show', 'uk-ew', '--format', 'json'], {
    cwd: base,
    env,
  });
  expect(shown.code, shown.stderr).toBe(0);
  answers = deepAnswers(JSON.parse(shown.stdout) as PackJson);
  // The full walk: the order of the answers; and the pack and rules cache every kill shares, so
  // that a child's first atomic write is its record's.
  const dir = folder('full');
  const full = await runInProcess(WALK, { cwd: dir, env });
  expect(full.code, full.stderr).toBe(0);
  order = Object.keys(readRecord(dir)!.record.answers);
  expect(order.length).toBeGreaterThan(60);
}, 120_000);

let folders = 0;
function folder(name: string): string {
  const dir = path.join(base, `${String(++folders).padStart(2, '0')}-${name}`);
  mkdirSync(dir);
  copyFileSync(path.join(ROOT, 'examples', 'councillor-allegation.md'), path.join(dir, 'story.md'));
  writeFileSync(path.join(dir, 'answers.yaml'), answers);
  return dir;
}

function readRecord(dir: string): RecordFile | undefined {
  const file = path.join(dir, RECORD);
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  const parsed = RecordFile.safeParse(JSON.parse(text));
  expect(parsed.success, `${dir}: record invalid:\n${text.slice(0, 500)}`).toBe(true);
  return parsed.data;
}

interface Killed {
  readonly signal: NodeJS.Signals | null;
  readonly code: number | null;
  readonly ms: number;
}

/** The walk in `dir`, killed by the fault hook (`fault`) or from outside after `afterMs`. */
function walk(dir: string, how: { fault: string } | { afterMs: number }): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, ...WALK], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        NO_COLOR: '1',
        ...('fault' in how ? { PREPUB_FAULT_KILL: how.fault } : {}),
      },
      stdio: 'ignore',
    });
    const timer =
      'afterMs' in how
        ? setTimeout(() => child.kill('SIGKILL'), how.afterMs)
        : setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, ms: Date.now() - started });
    });
  });
}

const leftovers = (dir: string) =>
  readdirSync(dir).filter((f) => f.endsWith('.lock') || f.startsWith('.prepub-tmp-'));

/**
 * After a kill: what is on disk is a valid record holding a prefix of the answers (returned: how
 * many); the next check lists as pending only what was not saved, then completes the same walk.
 */
async function survives(dir: string, what: string): Promise<number | undefined> {
  const record = readRecord(dir);
  const saved = record ? Object.keys(record.record.answers) : undefined;
  if (saved) expect(saved, what).toEqual(order.slice(0, saved.length));

  const pending = await runInProcess(['check', 'story.md', '--no-input', '--format', 'json'], {
    cwd: dir,
    env: { HOME: home },
  });
  if (saved?.length === order.length) {
    expect(pending.code, `${what}: ${pending.stderr}`).toBe(0);
  } else {
    expect(pending.code, `${what}: ${pending.stderr}`).toBe(2);
    const ids = (JSON.parse(pending.stdout) as { pending: { id: string }[] }).pending.map(
      (p) => p.id,
    );
    const next = order[saved?.length ?? 0]!;
    expect(ids, `${what}: the answer being saved is asked again`).toContain(next);
    expect(
      ids.filter((id) => saved?.includes(id)),
      `${what}: a saved answer is asked again`,
    ).toEqual([]);
  }

  const done = await runInProcess(WALK, { cwd: dir, env: { HOME: home } });
  expect(done.code, `${what}: ${done.stderr}`).toBe(0);
  expect(Object.keys(readRecord(dir)!.record.answers), what).toEqual(order);
  expect(leftovers(dir), `${what}: lock or temp file left`).toEqual([]);
  return saved?.length;
}

/** Run `tasks` at most `width` at a time. */
async function pool<T>(tasks: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

/** How long a killed walk took, to spread the random kills (set by the aimed kills). */
const timing: { startup?: number; whole?: number } = {};

describe('crash safety', () => {
  it('a kill in any phase of a save leaves exactly the last saved record, and the walk resumes', async () => {
    const L = order.length;
    // Save n: 1 makes the record (no answers), 1 + i saves answer i, L + 2 the assessment.
    const aims: [number, 'open' | 'torn' | 'synced' | 'renamed'][] = [
      [1, 'open'],
      [1, 'torn'],
      [1, 'synced'],
      [1, 'renamed'],
      [2, 'torn'],
      [2, 'renamed'],
      [Math.round(L / 3), 'torn'],
      [Math.round(L / 3), 'synced'],
      [Math.round((2 * L) / 3), 'open'],
      [Math.round((2 * L) / 3), 'renamed'],
      [L + 1, 'torn'],
      [L + 2, 'synced'],
      [L + 2, 'renamed'],
    ];
    const runs = await pool(
      aims.map(([n, phase]) => async () => {
        const dir = folder(`save${n}-${phase}`);
        const killed = await walk(dir, { fault: `${n}:${phase}` });
        return { n, phase, dir, killed };
      }),
      3,
    );
    // For the random kills: how long start-up and the whole walk took here, just now.
    timing.startup = runs[0]!.killed.ms;
    timing.whole = runs.at(-1)!.killed.ms;
    for (const { n, phase, dir, killed } of runs) {
      const what = `killed at save ${n}, ${phase}`;
      expect(killed.signal, what).toBe('SIGKILL');
      // A save killed before its rename left its temp file (empty, half or wholly written)
      // beside the record, never in it.
      const temp = readdirSync(dir).some((f) => f.startsWith('.prepub-tmp-'));
      expect(temp, `${what}: temp file`).toBe(phase !== 'renamed');
      const last = phase === 'renamed' ? n : n - 1; // the last save that completed
      const saved = await survives(dir, what);
      expect(saved, what).toBe(last === 0 ? undefined : Math.min(last - 1, L));
    }
  }, 240_000);

  it('a kill at a random moment, from start-up to the end of the walk, loses nothing saved', async () => {
    if (!timing.startup || !timing.whole) {
      const [startup, whole] = await pool(
        [
          () => walk(folder('time-startup'), { fault: '1:open' }),
          () => walk(folder('time-walk'), { fault: `${order.length + 2}:renamed` }),
        ],
        2,
      );
      timing.startup = startup!.ms;
      timing.whole = whole!.ms;
    }
    const { startup, whole } = timing as Required<typeof timing>;
    const kills = 6;
    const runs = await pool(
      Array.from({ length: kills }, (_, i) => async () => {
        // Two during start-up, the rest spread over the walk.
        const ms =
          i < 2
            ? startup * (i + Math.random()) * 0.5
            : startup + (whole - startup) * ((i - 2 + Math.random()) / (kills - 2));
        const dir = folder(`random${i}`);
        const killed = await walk(dir, { afterMs: Math.floor(ms) });
        return { i, ms, dir, killed };
      }),
      3,
    );
    for (const { i, ms, dir, killed } of runs)
      await survives(dir, `kill ${i} after ${Math.floor(ms)} ms (${killed.signal ?? killed.code})`);
  }, 240_000);
});
