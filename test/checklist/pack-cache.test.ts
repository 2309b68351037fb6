// A pack from the cache is the pack from its files, field for field: a cached uk-ew 2.0 once
// lost its `format` and walked under the 1.0 rules (findings forcing follow-ups again).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolvePack } from '../../src/adapters/packs.js';
import { ROOT } from '../helpers/run.js';

const home = mkdtempSync(path.join(os.tmpdir(), 'prepub-pack-cache-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('the pack cache', () => {
  it.each([
    ['uk-ew (live)', path.join(ROOT, 'checklists', 'uk-ew')],
    ['uk-ew 1.0.0 (archive)', path.join(ROOT, 'checklists', 'archive', 'uk-ew', '1.0.0')],
  ])('gives back %s exactly as loaded from its files', async (_name, dir) => {
    const ctx = { cwd: ROOT, env: { HOME: home, XDG_CACHE_HOME: path.join(home, 'cache') } };
    const fresh = await resolvePack(dir, ctx);
    const cached = await resolvePack(dir, ctx);
    expect(cached).toEqual(fresh);
  });
});
