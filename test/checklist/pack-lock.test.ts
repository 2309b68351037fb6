// A pack's content never changes under the same version: every built-in pack's digest must be
// the one checklists/packs.lock.json lists for its version. Changing a question, a rule or a
// citation without a version bump fails here, so records made under a released version keep
// meaning what they meant (the gate refuses a pack that claims a released version with other content).
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PACKS } from '../../src/adapters/pack-locations.js';
import { archivedPackDir, loadPackDir } from '../../src/adapters/packs.js';
import { releasedPackDigests } from '../../src/adapters/evidence.js';

const ctx = { cwd: BUILTIN_PACKS, env: {} };
const builtins = readdirSync(BUILTIN_PACKS).filter((n) =>
  existsSync(path.join(BUILTIN_PACKS, n, 'pack.yaml')),
);

describe('checklists/packs.lock.json', () => {
  it.each(builtins)('lists %s at its version with its exact content', async (id) => {
    const { pack } = await loadPackDir(path.join(BUILTIN_PACKS, id), ctx);
    expect(pack, `${id} does not load`).toBeDefined();
    const lock = await releasedPackDigests();
    const listed = lock[id]?.[pack!.version];
    expect(
      listed,
      `${id} ${pack!.version} is not in checklists/packs.lock.json: add "${pack!.version}": "${pack!.sha256}"`,
    ).toBeDefined();
    expect(
      pack!.sha256,
      `${id} ${pack!.version} changed without a version bump: bump "version" in its pack.yaml and add the new version to the lock (never edit a listed digest)`,
    ).toBe(listed);
  });
});

// Released versions that a newer one replaced stay in checklists/archive/<id>/<version>/, so a
// record made under them still verifies (the gate rescans with the exact rules it was made with).
const archived = existsSync(path.join(BUILTIN_PACKS, 'archive'))
  ? readdirSync(path.join(BUILTIN_PACKS, 'archive')).flatMap((id) =>
      readdirSync(path.join(BUILTIN_PACKS, 'archive', id)).map((version) => [id, version] as const),
    )
  : [];

describe('checklists/archive', () => {
  it('keeps every released version of every built-in pack, live or archived', async () => {
    const lock = await releasedPackDigests();
    for (const [id, versions] of Object.entries(lock)) {
      for (const version of Object.keys(versions)) {
        const live = await loadPackDir(path.join(BUILTIN_PACKS, id), ctx);
        if (live.pack?.version === version) continue;
        expect(
          archivedPackDir(id, version),
          `${id} ${version} is neither live nor archived`,
        ).toBeDefined();
      }
    }
  });

  it.each(archived)('%s %s is the released content of that version', async (id, version) => {
    const { pack } = await loadPackDir(path.join(BUILTIN_PACKS, 'archive', id, version), ctx);
    expect(pack, `archive/${id}/${version} does not load`).toBeDefined();
    expect(pack!.id).toBe(id);
    expect(pack!.version).toBe(version);
    expect(pack!.sha256).toBe((await releasedPackDigests())[id]?.[version]);
  });
});
