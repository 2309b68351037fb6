// Finding and loading prepub.config.json. Precedence: PREPUB_CONFIG, then the nearest
// prepub.config.json walking up from the current folder, then $XDG_CONFIG_HOME/prepub/config.json.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { readText } from '../io/files.js';
import type { Config, ResolvedConfig } from './schema.js';

export const CONFIG_NAME = 'prepub.config.json';

/** The defaults, as the schema gives them (a test keeps the two equal). */
export const DEFAULTS: Config = {
  checklist: 'uk-ew',
  packDirs: [],
  policy: { approvals: ['editor'], lawyerWhenReferred: true },
  user: {},
};

export function userConfigDir(env: NodeJS.ProcessEnv): string {
  const base =
    env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME)
      ? env.XDG_CONFIG_HOME
      : path.join(os.homedir(), '.config');
  return path.join(base, 'prepub');
}

export function findConfigFile(cwd: string, env: NodeJS.ProcessEnv): string | null {
  if (env.PREPUB_CONFIG) return path.resolve(cwd, env.PREPUB_CONFIG);
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

/** Load the configuration in force for this context (memoised per file). Errors name file:line:column. */
export function loadConfig(ctx: Pick<Context, 'cwd' | 'env'>): Promise<ResolvedConfig> {
  const file = findConfigFile(ctx.cwd, ctx.env);
  const key = file ?? `defaults:${ctx.cwd}`;
  let loaded = cache.get(key);
  if (!loaded) {
    loaded = (async () => {
      if (!file) return resolveConfig(DEFAULTS, null, ctx.cwd);
      const text = await readText(file, 'config file');
      // zod is loaded only when there is a file to check, and the YAML parser only for a config
      // that is not JSON. JSON is read strictly (no duplicate keys), and its errors say JSON.
      const [{ Config }, { formatDiagnostic }] = await Promise.all([
        import('./schema.js'),
        import('../diagnostics.js'),
      ]);
      const result = /^\uFEFF?\s*[[{]/.test(text)
        ? (await import('../io/located.js')).parseJsonWithSchema(file, text, Config)
        : (await import('../io/structured.js')).parseWithSchema(file, text, Config, {
            format: 'yaml',
          });
      if (!result.value) {
        throw new UserError(`${file}: invalid configuration`, {
          code: 'CONFIG_INVALID',
          lines: result.errors.map(formatDiagnostic),
        });
      }
      return resolveConfig(result.value, file, ctx.cwd);
    })();
    cache.set(key, loaded);
  }
  return loaded;
}
