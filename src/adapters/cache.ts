// A small content-addressed cache for work that is slow to redo: parsing and validating a pack's
// YAML and its scan rules. Entries are keyed by a hash of everything they depend on (the files'
// bytes and prepub's version), so a stale entry is never used; a cache that cannot be read or
// written is simply not used. Drafts are never cached. PREPUB_NO_CACHE=1 turns it off.
import { sha256Hex } from '../core/hash.js';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeAtomic } from './files.js';
import { parseJson } from '../core/parse/json-strict.js';

const CACHE_FORMAT = 'prepub-cache@1';

export function cacheDir(env: NodeJS.ProcessEnv): string {
  const base =
    env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)
      ? env.XDG_CACHE_HOME
      : path.join(env.HOME || os.homedir(), '.cache');
  return path.join(base, 'prepub');
}

export function cacheKey(parts: readonly string[]): string {
  return sha256Hex(`${CACHE_FORMAT}\0`, ...parts.map((p) => `${p.length}:${p}\0`));
}

/** The cached value, or undefined. `base` overrides the cache folder. */
export function readCache(
  env: NodeJS.ProcessEnv,
  kind: string,
  key: string,
  base?: string,
): unknown {
  if (env.PREPUB_NO_CACHE) return undefined;
  try {
    const file = path.join(base ?? cacheDir(env), kind, `${key}.json`);
    return parseJson(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export async function writeCache(
  env: NodeJS.ProcessEnv,
  kind: string,
  key: string,
  value: unknown,
  base?: string,
): Promise<void> {
  if (env.PREPUB_NO_CACHE) return;
  try {
    const dir = path.join(base ?? cacheDir(env), kind);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeAtomic(path.join(dir, `${key}.json`), JSON.stringify(value), 0o600);
  } catch {
    // A read-only home or a full disk: prepub works without its cache.
  }
}
