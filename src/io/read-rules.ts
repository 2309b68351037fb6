// Finding and loading a pack's scan rules (checklists/<id>/rules.yaml).
//
// Validated rules are cached as JSON under the user's cache folder, keyed by the SHA-256 of
// the rules file's bytes and prepub's version: a cache hit skips the YAML parser and zod, which
// are most of `prepub scan`'s start-up time. A miss, or a cache that cannot be read or written,
// just validates the file as usual. Only rules are cached, never drafts.
import { existsSync, promises as fs, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import type { Rule } from '../scan/rules-schema.js';
import { decodeUtf8, readBytes, sha256Hex, writeAtomic } from './files.js';

export const DEFAULT_CHECKLIST = 'uk-ew';
/** Bump when the cached shape changes. */
const CACHE_FORMAT = 'rules-cache@1';

/** The package root: two levels up from this module (dist/io or src/io). */
export function packageRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
}

/**
 * Where a pack's rules are: a folder path (contains "/" or is an existing folder) gives
 * <folder>/rules.yaml, a path to a .yaml file is taken as it is, anything else is a built-in
 * pack id under the package's checklists/.
 */
export function resolveRulesFile(checklist: string | undefined, ctx: Pick<Context, 'cwd'>): string {
  const value = checklist ?? DEFAULT_CHECKLIST;
  const local = path.resolve(ctx.cwd, value);
  if (/\.ya?ml$/i.test(value) && existsSync(local) && statSync(local).isFile()) return local;
  const isFolder = existsSync(local) && statSync(local).isDirectory();
  if (value.includes('/') || value.includes(path.sep) || isFolder) {
    if (!isFolder)
      throw new UserError(`${value}: no such checklist folder`, { code: 'PACK_NOT_FOUND' });
    return path.join(local, 'rules.yaml');
  }
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value)) {
    throw new UserError(`--checklist ${value}: not a pack id or a folder`, {
      code: 'PACK_NOT_FOUND',
    });
  }
  const dir = path.join(packageRoot(), 'checklists', value);
  if (!existsSync(dir)) {
    throw new UserError(`no built-in checklist "${value}"`, {
      code: 'PACK_NOT_FOUND',
      hint: 'Run prepub checklists list to see the packs.',
    });
  }
  return path.join(dir, 'rules.yaml');
}

/** Parse and validate rules from text. Errors are file:line:column diagnostics. */
export async function parseRules(
  file: string,
  text: string,
): Promise<{ rules?: Rule[]; errors: string[] }> {
  const [{ parseWithSchema }, { RulesFile }, { formatDiagnostic }] = await Promise.all([
    import('./structured.js'),
    import('../scan/rules-schema.js'),
    import('../diagnostics.js'),
  ]);
  const result = parseWithSchema(file, text, RulesFile);
  if (result.value === undefined) return { errors: result.errors.map(formatDiagnostic) };
  return { rules: result.value.rules, errors: [] };
}

export interface LoadRulesOptions {
  /** Folder for the validated-rules cache; `false` turns it off. Default: the user's cache folder. */
  readonly cacheDir?: string | false | undefined;
  /** The environment, to find the cache folder (XDG_CACHE_HOME, PREPUB_NO_CACHE). */
  readonly env?: NodeJS.ProcessEnv | undefined;
  /** How to show the file in messages (default: relative to the current folder). */
  readonly display?: string | undefined;
}

function defaultCacheDir(env: NodeJS.ProcessEnv): string | false {
  if (env.PREPUB_NO_CACHE) return false;
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache');
  return path.join(base, 'prepub');
}

let versionMemo: string | undefined;
function prepubVersion(): string {
  if (versionMemo === undefined) {
    try {
      versionMemo = String(
        (
          JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {
            version?: unknown;
          }
        ).version,
      );
    } catch {
      versionMemo = 'unknown';
    }
  }
  return versionMemo;
}

function displayName(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel === '' || rel.startsWith('..') ? file : rel;
}

/** Load a rules file; a missing or malformed file is a UserError listing every problem. */
export async function loadRules(file: string, options: LoadRulesOptions = {}): Promise<Rule[]> {
  const shown = options.display ?? displayName(file);
  const bytes = await readBytes(file, 'rules file');
  const cacheDir = options.cacheDir ?? defaultCacheDir(options.env ?? process.env);
  const cacheFile = cacheDir
    ? path.join(
        cacheDir,
        `rules-${sha256Hex(`${CACHE_FORMAT}\0${prepubVersion()}\0${sha256Hex(bytes)}`)}.json`,
      )
    : undefined;
  if (cacheFile) {
    try {
      const cached = JSON.parse(await fs.readFile(cacheFile, 'utf8')) as {
        format?: unknown;
        rules?: unknown;
      };
      if (cached.format === CACHE_FORMAT && Array.isArray(cached.rules))
        return cached.rules as Rule[];
    } catch {
      // No cache yet, or an unreadable one: validate the file.
    }
  }
  const text = decodeUtf8(shown, bytes, 'YAML file');
  const { rules, errors } = await parseRules(shown, text);
  if (rules === undefined) {
    const [first, ...rest] = errors;
    throw new UserError(first ?? `${shown}: invalid rules`, { code: 'PACK_INVALID', lines: rest });
  }
  if (cacheFile && cacheDir) {
    try {
      await fs.mkdir(cacheDir, { recursive: true, mode: 0o700 });
      await writeAtomic(cacheFile, JSON.stringify({ format: CACHE_FORMAT, rules }), 0o600);
    } catch {
      // A read-only home folder only costs speed.
    }
  }
  return rules;
}
