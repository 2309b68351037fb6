// The evidence check refuses what `file` refuses, whoever signed: questions still to answer
// (an answer the checklist does not offer counts as unanswered) even when the assessment admits
// it, and a blocker with neither a referral nor a note. In process, against the built-in pack.
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/core/checklist/engine.js';
import type { Context } from '../../src/context.js';
import { checkEvidence } from '../../src/adapters/evidence.js';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cacheKey } from '../../src/adapters/cache.js';
import { PACKAGE_VERSION } from '../../src/adapters/package.js';
import { resolvePack } from '../../src/adapters/packs.js';
import { loadRules } from '../../src/adapters/read-rules.js';
import { sha256Hex } from '../../src/core/hash.js';
import { ROOT } from '../helpers/run.js';
import { loadReal, realDraftRecord, REAL_ARTICLE } from './helpers.js';

const ctx = {
  cwd: process.cwd(),
  env: { XDG_CONFIG_HOME: '/nonexistent', XDG_CACHE_HOME: '/nonexistent' },
  stderr: () => undefined,
} as unknown as Context;

describe('checkEvidence', () => {
  it('passes an honest record', async () => {
    const { record } = realDraftRecord();
    expect(await checkEvidence(record, ctx)).toMatchObject({ ok: true, recomputed: true });
  });

  it('fails an answer the checklist does not offer, even with an assessment that admits it', async () => {
    const { record } = realDraftRecord();
    const id = Object.keys(record.answers).find((q) => record.answers[q]!.value === 'yes')!;
    const answers = { ...record.answers, [id]: { ...record.answers[id]!, value: 'toString' } };
    const admitted = assess(loadReal().pack, { answers, findings: record.findings });
    expect(admitted.pending).toBeGreaterThan(0);
    const result = await checkEvidence({ ...record, answers, assessment: admitted }, ctx);
    expect(result).toMatchObject({ ok: false, recomputed: true });
    expect(result.detail).toMatch(/still to answer .*does not offer counts as unanswered/);
  });

  it('fails a checklist version it does not have, unless allowed for archives', async () => {
    const { record } = realDraftRecord();
    const odd = { ...record, checklist: { ...record.checklist, version: '9.9.9' } };
    expect(await checkEvidence(odd, ctx)).toMatchObject({ ok: false, recomputed: false });
    expect(await checkEvidence(odd, ctx, { allowUnknownChecklist: true })).toMatchObject({
      ok: true,
      recomputed: false,
    });
    const path = { ...record, checklist: { ...record.checklist, id: '../../tmp/uk-ew' } };
    expect(await checkEvidence(path, ctx)).toMatchObject({ ok: false });
  });

  it('rescans with the rules of the pack, never with a cached copy of them', async () => {
    // A rules cache that says the pack has no rules: `scan` trusts it (it is the user's own
    // cache), the gate must not, or a tampered cache would change what the gate finds.
    const home = mkdtempSync(path.join(tmpdir(), 'prepub-evidence-cache-'));
    try {
      const rulesFile = path.join(ROOT, 'checklists', 'uk-ew', 'rules.yaml');
      const key = cacheKey(['rules@1', PACKAGE_VERSION, sha256Hex(readFileSync(rulesFile))]);
      mkdirSync(path.join(home, 'prepub', 'rules'), { recursive: true });
      writeFileSync(path.join(home, 'prepub', 'rules', `${key}.json`), '[]');
      const env = { XDG_CONFIG_HOME: '/nonexistent', XDG_CACHE_HOME: home };
      expect(await loadRules(rulesFile, { env })).toEqual([]); // the cache is there, and read
      const record = realDraftRecord().record;
      expect(record.findings.length).toBeGreaterThan(0);
      const article = { path: 'story.md', bytes: Buffer.from(REAL_ARTICLE) };
      expect(await checkEvidence(record, { ...ctx, env }, { article })).toMatchObject({
        ok: true,
        recomputed: true,
      });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('judges with the pack read from its files, never with a cached copy of it', async () => {
    // A pack cache entry whose digest was changed: `check` trusts the cache (the user's own), the
    // gate must not, or whoever can write the cache folder chooses the pack the gate applies.
    const home = mkdtempSync(path.join(tmpdir(), 'prepub-evidence-pack-cache-'));
    try {
      const env = { XDG_CONFIG_HOME: '/nonexistent', XDG_CACHE_HOME: home };
      const dir = path.join(ROOT, 'checklists', 'uk-ew');
      const real = await resolvePack(dir, { cwd: ROOT, env }); // fills the cache
      const packs = path.join(home, 'prepub', 'packs');
      const [entry] = readdirSync(packs);
      const cached = JSON.parse(readFileSync(path.join(packs, entry!), 'utf8')) as object;
      writeFileSync(
        path.join(packs, entry!),
        JSON.stringify({ ...cached, sha256: 'f'.repeat(64) }),
      );
      expect((await resolvePack(dir, { cwd: ROOT, env })).sha256).toBe('f'.repeat(64)); // read
      const record = realDraftRecord().record;
      expect(record.checklist.sha256).toBe(real.sha256);
      expect(await checkEvidence(record, { ...ctx, env })).toMatchObject({
        ok: true,
        recomputed: true,
      });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
