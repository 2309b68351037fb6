// Finding and reading checklist packs: built-in ones under the package's checklists/, and those
// in the folders named by config (packDirs).
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import {
  loadPackFromFiles,
  MANIFEST,
  type PackFile,
  type RuleRef,
} from '../core/checklist/loader.js';
import type { Pack } from '../core/checklist/schema.js';
import {
  BUILTIN_PACKS,
  display,
  locatePack,
  locatePackById,
  packLocations,
} from './pack-locations.js';
import type { Context } from '../context.js';
import type { Diagnostic } from '../diagnostics.js';
import { formatDiagnostic } from '../diagnostics.js';
import { UserError } from '../errors.js';
import { z } from 'zod';
import { Section } from '../core/checklist/schema.js';
import { parseText } from '../core/parse/structured.js';
import { cacheKey, readCache, writeCache } from './cache.js';
import { decodeUtf8, fileError, readBytes } from './files.js';
import { PACKAGE_VERSION } from './package.js';

/** Read every YAML file of a pack folder. */
export async function readPackFiles(dir: string, cwd: string): Promise<PackFile[]> {
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml'));
  } catch (error) {
    throw fileError(dir, 'pack folder', error);
  }
  return Promise.all(
    names.sort().map(async (name) => {
      const file = path.join(dir, name);
      const bytes = await readBytes(file, 'pack file');
      return {
        name,
        display: display(cwd, file),
        text: decodeUtf8(display(cwd, file), bytes, 'YAML file'),
      };
    }),
  );
}

export interface LoadedPack {
  readonly pack: Pack | undefined;
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
  readonly rules: readonly RuleRef[];
  readonly files: readonly PackFile[];
}

/** Load a pack folder, with its base pack if it extends one. Never throws for content errors. */
export async function loadPackDir(
  dir: string,
  ctx: Pick<Context, 'cwd' | 'env' | 'pinnedConfig'>,
  seen: string[] = [],
): Promise<LoadedPack> {
  const files = await readPackFiles(dir, ctx.cwd);
  const manifest = files.find((f) => f.name === MANIFEST);
  let base: Pack | undefined;
  const named = manifest ? manifestExtends(manifest) : undefined;
  const extendsId = typeof named === 'string' ? named : undefined;
  if (extendsId) {
    if (seen.includes(extendsId)) {
      return {
        pack: undefined,
        errors: [
          {
            file: manifest!.display,
            line: 0,
            column: 0,
            message: `packs extend each other in a loop: ${[...seen, extendsId].join(' → ')}`,
          },
        ],
        warnings: [],
        rules: [],
        files,
      };
    }
    const loc = (await packLocations(ctx)).find(
      (l) => l.id === extendsId && path.resolve(l.dir) !== path.resolve(dir),
    );
    if (loc) {
      const loaded = await loadPackDir(loc.dir, ctx, [...seen, extendsId]);
      if (!loaded.pack) return { ...loaded, errors: [...loaded.errors], files };
      base = loaded.pack;
    }
  }
  const result = loadPackFromFiles(dir, files, base);
  return {
    pack: result.value,
    errors: result.errors,
    warnings: result.warnings,
    rules: result.rules,
    files,
  };
}

// Strict: a field of Pack missing here makes every cached pack a miss (slow, never wrong), and
// the check below fails to compile. (A lenient schema once dropped `format`, and a cached 2.0
// pack walked under the 1.0 rules.)
const CachedPack = z.strictObject({
  id: z.string(),
  title: z.string(),
  jurisdiction: z.string(),
  version: z.string(),
  description: z.string().optional(),
  extends: z.string().optional(),
  sections: z.array(Section),
  sha256: z.string(),
  dir: z.string(),
  format: z.union([z.literal(1), z.literal(2)]).optional(),
});
type MissingFromCache = Exclude<keyof Pack, keyof z.infer<typeof CachedPack>>;
const cacheCoversPack: [MissingFromCache] extends [never] ? true : MissingFromCache = true;
void cacheCoversPack;

/** The base pack a manifest names (`extends`, read as YAML: quoted or not); `false` when it names
 * none; `true` when it names something that is not a pack id, or the manifest does not parse
 * (loading it reports the error; it is not cached). */
function manifestExtends(file: PackFile): string | boolean {
  const { parsed } = parseText(file.name, file.text);
  const data = parsed?.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return parsed === undefined;
  if (!Object.hasOwn(data, 'extends')) return false;
  const id = (data as { extends?: unknown }).extends;
  return typeof id === 'string' && /^[a-z0-9-]+$/.test(id) ? id : true;
}

/** A valid pack, from the cache when its files (and prepub) are unchanged: YAML is slow to parse.
 * With `useCache` false the cache is neither read nor written (the gate: see resolveRecordPack). */
async function loadPackCached(
  dir: string,
  ctx: Pick<Context, 'cwd' | 'env' | 'pinnedConfig'>,
  useCache = true,
): Promise<LoadedPack> {
  if (!useCache) return loadPackDir(dir, ctx);
  const files = await readPackFiles(dir, ctx.cwd);
  const key = cacheKey([
    PACKAGE_VERSION,
    path.resolve(dir),
    ...files.flatMap((f) => [f.name, f.text]),
  ]);
  const extendsSomething = files.some((f) => f.name === MANIFEST && manifestExtends(f) !== false);
  if (!extendsSomething) {
    const hit = CachedPack.safeParse(readCache(ctx.env, 'packs', key));
    if (hit.success) return { pack: hit.data, errors: [], warnings: [], rules: [], files };
  }
  const loaded = await loadPackDir(dir, ctx);
  if (loaded.pack && !extendsSomething) await writeCache(ctx.env, 'packs', key, loaded.pack);
  return loaded;
}

/** Load a pack for use; content errors are a UserError listing every position. */
export async function resolvePack(
  idOrPath: string,
  ctx: Pick<Context, 'cwd' | 'env' | 'pinnedConfig'>,
): Promise<Pack> {
  const dir = await locatePack(idOrPath, ctx);
  const loaded = await loadPackCached(dir, ctx);
  if (!loaded.pack) {
    throw new UserError(
      `checklist pack ${display(ctx.cwd, dir)} is invalid (${loaded.errors.length} error${loaded.errors.length === 1 ? '' : 's'})`,
      {
        code: 'PACK_INVALID',
        lines: loaded.errors.map(formatDiagnostic),
        hint: `Run "prepub checklists validate ${display(ctx.cwd, dir)}" for details.`,
      },
    );
  }
  return loaded.pack;
}

/** Where the built-in pack of a released version is kept once a newer version replaces it. */
export function archivedPackDir(id: string, version: string): string | undefined {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) || !/^\d+\.\d+\.\d+$/.test(version)) return undefined;
  const dir = path.join(BUILTIN_PACKS, 'archive', id, version);
  return existsSync(path.join(dir, MANIFEST)) ? dir : undefined;
}

/** The pack a record names (id, version and digest), or what is installed instead. */
export interface RecordPack {
  /** The exact pack, when it is installed (the live one, or a released version kept in the archive). */
  readonly pack: Pack | undefined;
  /** The folder it was loaded from (its rules.yaml is what a rescan uses). */
  readonly dir: string | undefined;
  /** The pack of that id found instead, when it is not the one the record names. */
  readonly other: Pack | undefined;
  /** The installed pack of that id, when the record's pack came from the archive (a newer
   * version is live: the record was made under an older release). */
  readonly newer?: Pack | undefined;
}

/**
 * The pack a record was made with: the installed pack of that id when its version and digest
 * match, else the built-in archive's copy of that released version (uk-ew 1.0.0 after 2.0.0 is
 * out). Never a pack of other content: the caller decides what a missing pack means. With
 * `cache: false` (the publication gate) the pack is read from its files and its digest computed
 * here, never taken from the user's cache folder, which whoever runs prepub can write.
 */
export async function resolveRecordPack(
  want: { readonly id: string; readonly version: string; readonly sha256: string },
  ctx: Pick<Context, 'cwd' | 'env' | 'pinnedConfig'>,
  options: { readonly cache?: boolean } = {},
): Promise<RecordPack> {
  const load = async (dir: string | undefined): Promise<Pack | undefined> => {
    if (!dir) return undefined;
    try {
      return (await loadPackCached(dir, ctx, options.cache !== false)).pack ?? undefined;
    } catch {
      return undefined;
    }
  };
  const matches = (p: Pack | undefined): p is Pack =>
    p !== undefined && p.id === want.id && p.version === want.version && p.sha256 === want.sha256;
  const liveDir = await locatePackById(want.id, ctx);
  const live = await load(liveDir);
  if (matches(live)) return { pack: live, dir: liveDir, other: undefined };
  const archiveDir = archivedPackDir(want.id, want.version);
  const archived = await load(archiveDir);
  if (matches(archived)) return { pack: archived, dir: archiveDir, other: undefined, newer: live };
  return { pack: undefined, dir: undefined, other: live };
}
