// Where checklist packs are: built-in ones under the package's checklists/, and those in the
// folders named by config (packDirs). No YAML and no zod here: `scan` needs only a folder.
import { existsSync, promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from './config-load.js';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { PACKAGE_ROOT } from './package.js';
import { MANIFEST } from '../core/checklist/manifest-name.js';

export const BUILTIN_PACKS = path.join(PACKAGE_ROOT, 'checklists');

export function display(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

export interface PackLocation {
  readonly id: string;
  readonly dir: string;
  readonly builtin: boolean;
}

// Said once per run: keyed on the run's stderr (or, without one, its environment).
const warnedBy = new WeakMap<object, Set<string>>();

/** A packDirs folder that is not there is said once, on stderr: a typo must not hide a pack. */
function warnMissing(
  ctx: Pick<Context, 'cwd' | 'env'> & Partial<Pick<Context, 'stderr'>>,
  configFile: string | null,
  named: string,
  dir: string,
  problem: string,
): void {
  const key = `${configFile ?? ''}\0${dir}`;
  const owner = ctx.stderr ?? ctx.env;
  let warned = warnedBy.get(owner);
  if (!warned) warnedBy.set(owner, (warned = new Set()));
  if (warned.has(key)) return;
  warned.add(key);
  const line = `prepub: warning: ${configFile ? display(ctx.cwd, configFile) : 'config'}: packDirs folder ${JSON.stringify(named)} ${problem} (${dir}); its packs are not loaded\n`;
  if (ctx.stderr) ctx.stderr(line);
  else process.stderr.write(line);
}

/** The pack folders to search, built-in first, then configured ones. */
export async function packLocations(
  ctx: Pick<Context, 'cwd' | 'env' | 'pinnedConfig'> & Partial<Pick<Context, 'stderr'>>,
): Promise<PackLocation[]> {
  const config = await loadConfig(ctx);
  const out: PackLocation[] = [];
  const scan = async (root: string, builtin: boolean) => {
    let entries: string[];
    try {
      entries = await fs.readdir(root);
    } catch {
      return;
    }
    for (const name of entries.sort()) {
      const dir = path.join(root, name);
      if (existsSync(path.join(dir, MANIFEST))) out.push({ id: name, dir, builtin });
    }
  };
  await scan(BUILTIN_PACKS, true);
  for (const [i, d] of config.packDirs.entries()) {
    let isDir: boolean | undefined;
    try {
      isDir = statSync(d).isDirectory();
    } catch {
      isDir = undefined;
    }
    if (isDir !== true) {
      const named = config.config.packDirs[i] ?? d;
      warnMissing(
        ctx,
        config.file,
        named,
        d,
        isDir === false ? 'is not a folder' : 'does not exist',
      );
      continue;
    }
    // A configured folder may be a pack itself, or hold packs.
    if (existsSync(path.join(d, MANIFEST)))
      out.push({ id: path.basename(d), dir: d, builtin: false });
    else await scan(d, false);
  }
  return out;
}

/** The folder of the pack with this id (configured packs win over built-in ones), never a path:
 * an id read from a record must not point the gate at a folder of the record's choosing. */
export async function locatePackById(
  id: string,
  ctx: Pick<Context, 'cwd' | 'env' | 'pinnedConfig'>,
): Promise<string | undefined> {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) return undefined;
  return [...(await packLocations(ctx))].reverse().find((l) => l.id === id)?.dir;
}

/** Where a pack id or path points. */
export async function locatePack(
  idOrPath: string,
  ctx: Pick<Context, 'cwd' | 'env' | 'pinnedConfig'>,
  preferPath = false,
): Promise<string> {
  const asPath = path.resolve(ctx.cwd, idOrPath);
  const looksLikePath =
    idOrPath.includes('/') || idOrPath.includes(path.sep) || idOrPath.startsWith('.');
  if (looksLikePath || (preferPath && existsSync(asPath))) {
    const dir = asPath.endsWith('.yaml') || asPath.endsWith('.yml') ? path.dirname(asPath) : asPath;
    if (!existsSync(dir))
      throw new UserError(`${idOrPath}: no such pack folder`, { code: 'PACK_NOT_FOUND' });
    if (!statSync(dir).isDirectory())
      throw new UserError(`${idOrPath}: not a folder`, { code: 'PACK_NOT_FOUND' });
    return dir;
  }
  const locations = await packLocations(ctx);
  // Configured packs win over built-in ones of the same id: a newsroom may replace uk-ew.
  const found = [...locations].reverse().find((l) => l.id === idOrPath);
  if (!found) {
    throw new UserError(`no checklist pack "${idOrPath}"`, {
      code: 'PACK_NOT_FOUND',
      hint: `Known packs: ${locations.map((l) => l.id).join(', ') || 'none'}. Run "prepub checklists list".`,
    });
  }
  return found.dir;
}
