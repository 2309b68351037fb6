// Deterministic walks of a pack for the released-version golden test: every answer chosen by a
// seeded generator from the values the question offers, a note wherever one is asked for.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';

type Finding = { rule: string; section: string; questions: string[]; suppressed?: unknown };
type Answers = Record<string, { value: string; note?: string }>;
type Q = { id: string; type: string; answers?: Record<string, unknown> };

/** The findings 1.0.0's rules make on the fixture and corpus articles, by article. */
export function findingSets(): [string, Finding[]][] {
  const file = path.join(ROOT, 'test/fixtures/released/uk-ew-1.0.0.findings.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string[]>;
  return Object.entries(data).map(([article, lines]) => [
    article,
    lines.map((l) => JSON.parse(l) as Finding),
  ]);
}

export function script<P>(
  pack: P,
  findings: Finding[],
  seed: number,
  next: (p: P, s: { answers: Answers; findings: Finding[] }) => { question: Q } | undefined,
  notePrompt: (q: Q, v: string, f: Finding[]) => string | undefined,
): Answers {
  let x = seed * 2654435761;
  const rand = (n: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
  const answers: Answers = {};
  for (let i = 0; i < 500; i++) {
    const located = next(pack, { answers, findings });
    if (!located) break;
    const q = located.question;
    const values = q.type === 'text' ? ['Some text.'] : Object.keys(q.answers ?? {});
    // Seed 1 answers the first value everywhere, seed 2 the last; others at random.
    const value =
      seed === 1
        ? values[0]!
        : seed === 2
          ? values[values.length - 1]!
          : values[rand(values.length)]!;
    const note = notePrompt(q, value, findings) !== undefined ? `Note ${i}.` : undefined;
    answers[q.id] = note === undefined ? { value } : { value, note };
  }
  return answers;
}
