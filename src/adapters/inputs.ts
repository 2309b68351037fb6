// What the sign-off commands gather before they act: the signing key (with its passphrase),
// the article's bytes, and the keyring. Effects live here, not in the pure envelope code.
import type { KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Policy, ResolvedConfig } from '../core/config/schema.js';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { readBytes, readText } from './files.js';
import { parseJson } from '../core/parse/json-strict.js';
import type { RecordBody } from '../core/record/schema.js';
import { keyringPolicy, type Keyring } from '../core/signing/keyring.js';
import { readKeyring } from './keyring-store.js';
import {
  checkKeyPermissions,
  isEncryptedPem,
  KeyMeta,
  keysDir,
  parsePrivateKey,
  publicOf,
  resolveKeyFile,
} from './keys.js';
import type { TrustedKey } from '../core/signing/verify.js';

export interface SigningKey {
  readonly file: string;
  readonly privateKey: KeyObject;
  readonly keyid: string;
  /** The name given at `keys generate`, when its metadata is beside the key. */
  readonly name?: string;
}

/** Asks for a key's passphrase (the command passes the prompt: adapters never touch the terminal). */
export type AskPassphrase = (file: string) => Promise<string>;

/** Load the private key to sign with: permissions checked, passphrase from PREPUB_PASSPHRASE or `ask`. */
export async function loadSigningKey(
  selector: string | undefined,
  input: boolean,
  ctx: Context,
  config: ResolvedConfig,
  ask?: AskPassphrase,
): Promise<SigningKey> {
  const file = await resolveKeyFile(keysDir(ctx.env), selector ?? config.config.user.key, ctx.cwd);
  await checkKeyPermissions(file);
  const pem = await readText(file, 'private key');
  let passphrase: string | undefined;
  if (isEncryptedPem(pem)) {
    const fromEnv = ctx.env.PREPUB_PASSPHRASE;
    if (fromEnv !== undefined && fromEnv !== '') passphrase = fromEnv;
    else if (input && ctx.interactive && ask) passphrase = await ask(file);
    else {
      throw new UserError(
        `${file}: the key is encrypted and there is no terminal to ask for its passphrase`,
        {
          code: 'NO_TERMINAL',
          hint: 'Set PREPUB_PASSPHRASE, or run in a terminal without --no-input.',
        },
      );
    }
  }
  const privateKey = parsePrivateKey(file, pem, passphrase);
  const { keyid } = publicOf(privateKey);
  let name: string | undefined;
  try {
    const metaFile = file.endsWith('.key.pem')
      ? `${file.slice(0, -'.key.pem'.length)}.json`
      : undefined;
    if (metaFile) name = KeyMeta.parse(parseJson(await fs.readFile(metaFile, 'utf8'))).name;
  } catch {
    name = undefined;
  }
  return { file, privateKey, keyid, ...(name ? { name } : {}) };
}

/** Where the article is: `override`, else the record's path (relative to the record, then the current folder). */
export async function resolveArticle(
  recordFile: string,
  record: RecordBody,
  override: string | undefined,
  cwd: string,
): Promise<string | undefined> {
  if (override) return path.resolve(cwd, override);
  if (!record.article) return undefined;
  const p = record.article.path;
  if (path.isAbsolute(p)) return p;
  const besideRecord = path.resolve(path.dirname(path.resolve(cwd, recordFile)), p);
  try {
    await fs.access(besideRecord);
    return besideRecord;
  } catch {
    return path.resolve(cwd, p);
  }
}

export async function readArticle(file: string): Promise<Uint8Array> {
  return new Uint8Array(await readBytes(file, 'article'));
}

export interface LoadedKeyring {
  readonly file: string;
  readonly keyring: Keyring;
  readonly keys: TrustedKey[];
  /** The keyring's approval policy (the default when it sets none). */
  readonly policy: Policy;
}

async function keyringAt(file: string): Promise<LoadedKeyring> {
  const loaded = await readKeyring(file);
  return { file, ...loaded, policy: keyringPolicy(loaded.keyring) };
}

/** The keyring named by --keyring, else PREPUB_TRUST, else the config; undefined when none is named.
 * For the desk's own commands (file, review, status, export): the gate uses `loadTrustRoot`. */
export async function loadKeyring(
  flag: string | undefined,
  config: ResolvedConfig,
  ctx: Pick<Context, 'cwd' | 'env'>,
): Promise<LoadedKeyring | undefined> {
  const file = flag
    ? path.resolve(ctx.cwd, flag)
    : ctx.env.PREPUB_TRUST
      ? path.resolve(ctx.cwd, ctx.env.PREPUB_TRUST)
      : config.keyring;
  return file ? keyringAt(file) : undefined;
}

/**
 * The gate's trust root: the keyring (trusted keys, their roles, revocation and expiry, and the
 * approval policy) that the publishing system pins: `--trust`/`--keyring`, else PREPUB_TRUST,
 * else the "keyring" of the gate's own config (PREPUB_CONFIG or the user's config folder). Never
 * a keyring or policy named by a prepub.config.json found beside or above the records, which the
 * people the gate checks can commit.
 */
export async function loadTrustRoot(
  flag: string | undefined,
  ctx: Context,
): Promise<LoadedKeyring & { readonly source: string }> {
  if (flag) return { ...(await keyringAt(path.resolve(ctx.cwd, flag))), source: 'flag' };
  if (ctx.env.PREPUB_TRUST)
    return {
      ...(await keyringAt(path.resolve(ctx.cwd, ctx.env.PREPUB_TRUST))),
      source: 'PREPUB_TRUST',
    };
  const { loadConfig, nearestConfigFile } = await import('./config-load.js');
  const pinned = await loadConfig({ ...ctx, pinnedConfig: true });
  if (pinned.keyring && pinned.file)
    return { ...(await keyringAt(pinned.keyring)), source: pinned.file };
  const nearby = nearestConfigFile(ctx.cwd);
  throw new UserError('no trust root: verify needs the keyring the publishing system pins', {
    code: 'USAGE',
    hint: `Pass --trust <keyring.json>, set PREPUB_TRUST, or name "keyring" in the gate's own config (PREPUB_CONFIG).${
      nearby
        ? ` ${nearby} is not used: a config beside the records can be changed by the people the gate checks.`
        : ''
    }`,
  });
}

export function requireKeyring<T>(loaded: T | undefined): T {
  if (!loaded) {
    throw new UserError('no keyring: cannot tell whose signatures to trust', {
      code: 'USAGE',
      hint: 'Pass --keyring <file>, or set "keyring" in prepub.config.json.',
    });
  }
  return loaded;
}
