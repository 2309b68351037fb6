// A small content-addressed cache for work that is slow to redo, such as parsing a pack's YAML.
// Entries are keyed by a hash of everything they depend on, so a stale entry is never used; a
// cache that cannot be read or written is simply not used.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeAtomic } from './files.js';

const CACHE_FORMAT = 'prepub-cache@1';

export function cacheDir(env: NodeJS.ProcessEnv): string {
  const base =
    env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)
      ? env.XDG_CACHE_HOME
      : path.join(os.homedir(), '.cache');
  return path.join(base, 'prepub');
}

export function cacheKey(parts: readonly string[]): string {
  const h = createHash('sha256');
  h.update(`${CACHE_FORMAT}\0`);
  for (const p of parts) h.update(`${p.length}:${p}\0`);
  return h.digest('hex');
}

export function readCache(env: NodeJS.ProcessEnv, kind: string, key: string): unknown {
  if (env.PREPUB_NO_CACHE) return undefined;
  try {
    return JSON.parse(
      readFileSync(path.join(cacheDir(env), kind, `${key}.json`), 'utf8'),
    ) as unknown;
  } catch {
    return undefined;
  }
}

export async function writeCache(
  env: NodeJS.ProcessEnv,
  kind: string,
  key: string,
  value: unknown,
): Promise<void> {
  if (env.PREPUB_NO_CACHE) return;
  try {
    const dir = path.join(cacheDir(env), kind);
    const { mkdir } = await import('node:fs/promises');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeAtomic(path.join(dir, `${key}.json`), JSON.stringify(value), 0o600);
  } catch {
    // A read-only home or a full disk: prepub works without its cache.
  }
}
