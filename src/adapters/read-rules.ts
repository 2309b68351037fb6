// Finding and loading a pack's scan rules (checklists/<id>/rules.yaml).
//
// Validated rules are cached as JSON under the user's cache folder, keyed by the SHA-256 of
// the rules file's bytes and prepub's version: a cache hit skips the YAML parser and zod, which
// are most of `prepub scan`'s start-up time. A miss, or a cache that cannot be read or written,
// just validates the file as usual. Only rules are cached, never drafts.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import type { Rule } from '../core/scan/rules-schema.js';
import { cacheKey, readCache, writeCache } from './cache.js';
import { decodeUtf8, readBytes } from './files.js';
import { sha256Hex } from '../core/hash.js';
import { PACKAGE_VERSION } from './package.js';

/**
 * Where a pack's rules are: a path to a .yaml file is taken as it is; anything else names a pack
 * (an id, built-in or from the configured folders, or a folder), whose rules.yaml it is.
 */
export async function resolveRulesFile(
  checklist: string | undefined,
  ctx: Pick<Context, 'cwd' | 'env' | 'pinnedConfig'>,
): Promise<string> {
  const { loadConfig } = await import('./config-load.js');
  const value = checklist ?? (await loadConfig(ctx)).config.checklist;
  const local = path.resolve(ctx.cwd, value);
  if (/\.ya?ml$/i.test(value) && existsSync(local) && statSync(local).isFile()) return local;
  const { locatePack } = await import('./pack-locations.js');
  return path.join(await locatePack(value, ctx, true), 'rules.yaml');
}

/** Parse and validate rules from text. Errors are file:line:column diagnostics. */
export async function parseRules(
  file: string,
  text: string,
): Promise<{ rules?: Rule[]; errors: string[] }> {
  const [{ parseWithSchema }, { RulesFile }, { formatDiagnostic }] = await Promise.all([
    import('../core/parse/structured.js'),
    import('../core/scan/rules-schema.js'),
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

function displayName(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel === '' || rel.startsWith('..') ? file : rel;
}

/** Load a rules file; a missing or malformed file is a UserError listing every problem. */
export async function loadRules(file: string, options: LoadRulesOptions = {}): Promise<Rule[]> {
  const shown = options.display ?? displayName(file);
  const bytes = await readBytes(file, 'rules file');
  const env = options.env ?? process.env;
  const useCache = options.cacheDir !== false;
  const key = cacheKey(['rules@1', PACKAGE_VERSION, sha256Hex(bytes)]);
  if (useCache) {
    const cached = readCache(env, 'rules', key, options.cacheDir);
    if (Array.isArray(cached)) return cached as Rule[];
  }
  const text = decodeUtf8(shown, bytes, 'YAML file');
  const { rules, errors } = await parseRules(shown, text);
  if (rules === undefined) {
    const [first, ...rest] = errors;
    throw new UserError(first ?? `${shown}: invalid rules`, { code: 'PACK_INVALID', lines: rest });
  }
  if (useCache) await writeCache(env, 'rules', key, rules, options.cacheDir);
  return rules;
}
