// Records made under uk-ew 1.0.0 must assess exactly as they did when it was released: `verify`
// recomputes the assessment and compares it byte for byte. The golden file holds the SHA-256 of
// the assessment the 1.0 engine gave for deterministic walks of the archived pack over the
// findings 1.0.0's rules make on the fixture articles (written once by the engine as released,
// before the 2.0 walk); the walks are replayed here with today's engine.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PACKS } from '../../src/adapters/pack-locations.js';
import { loadPackDir } from '../../src/adapters/packs.js';
import { assess, nextQuestion, notePrompt } from '../../src/core/checklist/engine.js';
import type { Pack } from '../../src/core/checklist/schema.js';
import { ROOT } from '../helpers/cli.js';
import { findingSets, script } from './released-walks.js';

interface Golden {
  article: string;
  seed: number;
  answers: number;
  assessment: string;
  overall: string;
  actions: number;
}
const golden = JSON.parse(
  readFileSync(path.join(ROOT, 'test/fixtures/released/uk-ew-1.0.0.assessments.json'), 'utf8'),
) as Golden[];

describe('uk-ew 1.0.0 assesses as released', () => {
  it('is read as a 1.0-format pack (findings force questions; actions as listed)', async () => {
    const dir = path.join(BUILTIN_PACKS, 'archive', 'uk-ew', '1.0.0');
    const { pack } = await loadPackDir(dir, { cwd: dir, env: {} });
    expect(pack?.format).toBeUndefined();
  });

  it('gives every golden walk the same questions and the same assessment, byte for byte', async () => {
    const dir = path.join(BUILTIN_PACKS, 'archive', 'uk-ew', '1.0.0');
    const { pack } = await loadPackDir(dir, { cwd: dir, env: {} });
    const sets = new Map(findingSets());
    expect(golden.length).toBeGreaterThan(50);
    for (const g of golden) {
      const findings = sets.get(g.article)!;
      const answers = script(
        pack as Pack,
        findings,
        g.seed,
        (p, s) => nextQuestion(p, s as Parameters<typeof nextQuestion>[1]),
        (q, v, f) => notePrompt(q as never, v, f as never),
      );
      const assessment = assess(pack!, { answers, findings: findings as never });
      const digest = createHash('sha256').update(JSON.stringify(assessment)).digest('hex');
      expect({ ...g, answers: Object.keys(answers).length, assessment: digest }).toEqual(g);
    }
  });
});
