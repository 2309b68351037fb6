// Crash safety: kill a scripted walk at random moments. The record on disk must always parse,
// be a valid record, and hold a prefix of the answers in the order they were confirmed.
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecordFile } from '../../src/core/record/schema.js';
import { BIN, ROOT, runCli, tempDir } from '../helpers/cli.js';

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

function killAfter(cwd: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [BIN, 'check', 'story.md', '--answers', 'answers.yaml', '--no-input'],
      {
        cwd,
        env: { PATH: process.env.PATH ?? '', HOME: cwd, NO_COLOR: '1' },
        stdio: 'ignore',
      },
    );
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('crash safety', () => {
  it('a kill at any moment leaves a complete record holding a prefix of the confirmed answers', async () => {
    const cwd = tempDir();
    copyFileSync(
      path.join(ROOT, 'examples', 'councillor-allegation.md'),
      path.join(cwd, 'story.md'),
    );
    const shown = await runCli(['checklists', 'show', 'uk-ew', '--format', 'json'], { cwd });
    writeFileSync(
      path.join(cwd, 'answers.yaml'),
      deepAnswers(JSON.parse(shown.stdout) as PackJson),
    );

    // The full walk, for the order in which answers are confirmed, and how long it takes.
    const started = Date.now();
    const full = await runCli(
      ['check', 'story.md', '--answers', 'answers.yaml', '--out', 'full.prepub.json'],
      { cwd, timeoutMs: 60_000 },
    );
    expect(full.code, full.stderr).toBe(0);
    const order = Object.keys(
      RecordFile.parse(JSON.parse(readFileSync(path.join(cwd, 'full.prepub.json'), 'utf8'))).record
        .answers,
    );
    expect(order.length).toBeGreaterThan(60);
    const duration = Date.now() - started;
    // Start-up alone: the same run with no answers to give.
    writeFileSync(
      path.join(cwd, 'none.yaml'),
      'story: { slug: crash, headline: Crash test, desk: news, reporter: Sam }\n',
    );
    const t0 = Date.now();
    await runCli(['check', 'story.md', '--answers', 'none.yaml', '--out', 'none.prepub.json'], {
      cwd,
      timeoutMs: 60_000,
    });
    const startup = Date.now() - t0;

    const record = path.join(cwd, 'story.md.prepub.json');
    const seen = new Set<number>();
    for (let i = 0; i < 50; i++) {
      // Each run starts afresh; the kills are spread over start-up and the whole walk.
      rmSync(record, { force: true });
      const from = i < 5 ? 0 : startup * 0.9;
      const span = i < 5 ? startup : Math.max(duration - from, 50) * 1.1;
      await killAfter(
        cwd,
        Math.floor(from + (i < 5 ? (i + Math.random()) / 5 : (i - 5 + Math.random()) / 45) * span),
      );
      if (!existsSync(record)) continue;
      const text = readFileSync(record, 'utf8');
      const parsed = RecordFile.safeParse(JSON.parse(text));
      expect(parsed.success, `kill ${i}: record invalid:\n${text.slice(0, 500)}`).toBe(true);
      const answered = Object.keys(parsed.data!.record.answers);
      expect(answered, `kill ${i}`).toEqual(order.slice(0, answered.length));
      seen.add(answered.length);
      // The next run takes over the stale lock the killed process left.
    }
    rmSync(record, { force: true });
    expect(seen.size, 'kills landed at several points of the walk').toBeGreaterThan(5);
    // After all that, a final run completes the same walk.
    const last = await runCli(['check', 'story.md', '--answers', 'answers.yaml'], {
      cwd,
      timeoutMs: 60_000,
    });
    expect(last.code, last.stderr).toBe(0);
    expect(
      Object.keys(RecordFile.parse(JSON.parse(readFileSync(record, 'utf8'))).record.answers),
    ).toEqual(order);
    expect(readdirSync(cwd).filter((f) => f.endsWith('.lock'))).toEqual([]);
  }, 240_000);
});
