// Finding and loading prepub.config.json. Precedence: PREPUB_CONFIG, then the nearest
// prepub.config.json walking up from the current folder, then $XDG_CONFIG_HOME/prepub/config.json.
import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { readText } from './files.js';
import type { Config, ResolvedConfig } from '../core/config/schema.js';

export const CONFIG_NAME = 'prepub.config.json';

/** The defaults, as the schema gives them (a test keeps the two equal). */
export const DEFAULTS: Config = {
  checklist: 'uk-ew',
  packDirs: [],
  user: {},
};

export function userConfigDir(env: NodeJS.ProcessEnv): string {
  const base =
    env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME)
      ? env.XDG_CONFIG_HOME
      : path.join(os.homedir(), '.config');
  return path.join(base, 'prepub');
}

/** The nearest prepub.config.json walking up from `cwd`, or null. */
export function nearestConfigFile(cwd: string): string | null {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, CONFIG_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * The config file in force. With `pinned` (the gate), only PREPUB_CONFIG or the user's config
 * folder: never a file found by walking up, which a reporter can commit beside the records.
 */
export function findConfigFile(cwd: string, env: NodeJS.ProcessEnv, pinned = false): string | null {
  if (env.PREPUB_CONFIG) return path.resolve(cwd, env.PREPUB_CONFIG);
  if (pinned) {
    const user = path.join(userConfigDir(env), 'config.json');
    return existsSync(user) ? user : null;
  }
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, CONFIG_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const user = path.join(userConfigDir(env), 'config.json');
  return existsSync(user) ? user : null;
}

export function resolveConfig(config: Config, file: string | null, cwd: string): ResolvedConfig {
  const base = file ? path.dirname(file) : cwd;
  const abs = (p: string | undefined) => (p === undefined ? undefined : path.resolve(base, p));
  return {
    config,
    file,
    packDirs: config.packDirs.map((d) => path.resolve(base, d)),
    recordsDir: abs(config.recordsDir),
    keyring: abs(config.keyring),
  };
}

const cache = new Map<string, Promise<ResolvedConfig>>();

/** What tells one version of a file from the next without reading it: size and times. */
export function fileVersion(file: string): string {
  try {
    const st = statSync(file, { bigint: true });
    return `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}`;
  } catch {
    return 'missing';
  }
}

/**
 * Load the configuration in force for this context (memoised per file as it is on disk: a file
 * rewritten since is read again). Errors name file:line:column.
 */
export function loadConfig(
  ctx: Pick<Context, 'cwd' | 'env' | 'pinnedConfig'>,
): Promise<ResolvedConfig> {
  const file = findConfigFile(ctx.cwd, ctx.env, ctx.pinnedConfig === true);
  const key = file ? `${file}\0${fileVersion(file)}` : `defaults:${ctx.cwd}`;
  let loaded = cache.get(key);
  if (!loaded) {
    loaded = (async () => {
      if (!file) return resolveConfig(DEFAULTS, null, ctx.cwd);
      const text = await readText(file, 'config file');
      // zod is loaded only when there is a file to check, and the YAML parser only for a config
      // that is not JSON. JSON is read strictly (no duplicate keys), and its errors say JSON.
      const [{ Config }, { formatDiagnostic }] = await Promise.all([
        import('../core/config/schema.js'),
        import('../diagnostics.js'),
      ]);
      const result = /^\uFEFF?\s*[[{]/.test(text)
        ? (await import('../core/parse/located.js')).parseJsonWithSchema(file, text, Config)
        : (await import('../core/parse/structured.js')).parseWithSchema(file, text, Config, {
            format: 'yaml',
          });
      if (!result.value) {
        throw new UserError(`${file}: invalid configuration`, {
          code: 'CONFIG_INVALID',
          lines: result.errors.map(formatDiagnostic),
        });
      }
      if (result.value.policy !== undefined) {
        // Refused, not ignored: a stricter policy silently dropped would weaken the gate.
        const at = text.slice(0, Math.max(0, text.indexOf('"policy"'))).split('\n');
        throw new UserError(`${file}: invalid configuration`, {
          code: 'CONFIG_INVALID',
          lines: [
            `${file}:${at.length}:${[...(at.at(-1) ?? '')].length + 1}: "policy" no longer belongs in prepub.config.json: the approval policy lives in the keyring, the trust root the publishing system pins`,
          ],
          hint: 'Move it into the keyring file as "policy": {…} (see docs/signoff.md), and remove it here.',
        });
      }
      return resolveConfig(result.value, file, ctx.cwd);
    })();
    cache.set(key, loaded);
  }
  return loaded;
}
