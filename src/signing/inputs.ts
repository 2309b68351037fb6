// What the sign-off commands gather before they act: the signing key (with its passphrase),
// the article's bytes, and the keyring. Effects live here, not in the pure envelope code.
import type { KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../config/schema.js';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { readBytes, readText } from '../io/files.js';
import { parseJson } from '../io/json-strict.js';
import type { RecordBody } from '../record/schema.js';
import { readKeyring, type Keyring } from './keyring.js';
import {
  checkKeyPermissions,
  isEncryptedPem,
  KeyMeta,
  keysDir,
  parsePrivateKey,
  publicOf,
  resolveKeyFile,
} from './keys.js';
import type { TrustedKey } from './verify.js';

export interface SigningKey {
  readonly file: string;
  readonly privateKey: KeyObject;
  readonly keyid: string;
  /** The name given at `keys generate`, when its metadata is beside the key. */
  readonly name?: string;
}

/** Load the private key to sign with: permissions checked, passphrase from PREPUB_PASSPHRASE or a prompt. */
export async function loadSigningKey(
  selector: string | undefined,
  input: boolean,
  ctx: Context,
  config: ResolvedConfig,
): Promise<SigningKey> {
  const file = await resolveKeyFile(keysDir(ctx.env), selector ?? config.config.user.key, ctx.cwd);
  await checkKeyPermissions(file);
  const pem = await readText(file, 'private key');
  let passphrase: string | undefined;
  if (isEncryptedPem(pem)) {
    const fromEnv = ctx.env.PREPUB_PASSPHRASE;
    if (fromEnv !== undefined && fromEnv !== '') passphrase = fromEnv;
    else if (input && ctx.interactive)
      passphrase = await (await import('../prompts/signoff.js')).askPassphrase(file);
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

/** The keyring named by --keyring, else by the config; undefined when neither names one. */
export async function loadKeyring(
  flag: string | undefined,
  config: ResolvedConfig,
  cwd: string,
): Promise<{ file: string; keyring: Keyring; keys: TrustedKey[] } | undefined> {
  const file = flag ? path.resolve(cwd, flag) : config.keyring;
  if (!file) return undefined;
  return { file, ...(await readKeyring(file)) };
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
