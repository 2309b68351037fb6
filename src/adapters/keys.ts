// Ed25519 signing keys: PKCS#8 PEM private keys (encrypted with a passphrase when given: PBES2 with
// scrypt and AES-256-CBC, see pkcs8.ts) and SPKI PEM public keys under $XDG_CONFIG_HOME/prepub/keys.
// Key id = hex SHA-256 of the SPKI DER. Keys encrypted by earlier versions (PBKDF2) still load.
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { keyIdOf } from '../core/signing/key-id.js';
import { userConfigDir } from './config-load.js';
import { UserError } from '../errors.js';
import { fileError, readText, writeAtomic } from './files.js';
import { toJson } from '../core/parse/json-strict.js';
import { parseJson } from '../core/parse/json-strict.js';
import { encryptPrivateKey, MIN_PASSPHRASE } from '../core/signing/pkcs8.js';
import { slugify } from '../core/slug.js';

export const KEY_META_FORMAT = 'prepub/key@1';

export const KeyMeta = z.strictObject({
  format: z.literal(KEY_META_FORMAT),
  name: z.string(),
  keyid: z.string(),
  encrypted: z.boolean(),
  created: z.string(),
});
export type KeyMeta = z.infer<typeof KeyMeta>;

export interface KeyFiles {
  readonly name: string;
  readonly keyid: string;
  readonly encrypted: boolean;
  readonly privateKey: string;
  readonly publicKey: string;
  readonly created?: string;
}

export function keysDir(env: NodeJS.ProcessEnv): string {
  return path.join(userConfigDir(env), 'keys');
}

/** A key's file name from its owner's name ("key" when the name has no letters or digits). */
function keySlug(name: string): string {
  return slugify(name) || 'key';
}

export interface GeneratedKey {
  readonly keyid: string;
  readonly privatePem: string;
  readonly publicPem: string;
}

/**
 * A new Ed25519 pair; the private key encrypted (PKCS#8, PBES2: scrypt and AES-256-CBC) when a
 * passphrase is given. A passphrase under MIN_PASSPHRASE characters is refused.
 */
export function generateKey(passphrase?: string): GeneratedKey {
  if (passphrase !== undefined && [...passphrase].length < MIN_PASSPHRASE) {
    throw new UserError(
      `the passphrase is too short: use at least ${MIN_PASSPHRASE} characters (or --no-passphrase)`,
      { code: 'USAGE' },
    );
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const privatePem = passphrase
    ? encryptPrivateKey(privateKey, passphrase)
    : privateKey.export({ type: 'pkcs8', format: 'pem' });
  return {
    keyid: keyIdOf(publicKey),
    privatePem: String(privatePem),
    publicPem: String(publicKey.export({ type: 'spki', format: 'pem' })),
  };
}

export function keyPaths(
  dir: string,
  name: string,
): { privateKey: string; publicKey: string; meta: string } {
  const slug = keySlug(name);
  return {
    privateKey: path.join(dir, `${slug}.key.pem`),
    publicKey: path.join(dir, `${slug}.pub.pem`),
    meta: path.join(dir, `${slug}.json`),
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}

/** Write a new key pair; never overwrites an existing key. */
export async function writeKeyPair(
  dir: string,
  name: string,
  key: GeneratedKey,
  encrypted: boolean,
  now: Date,
): Promise<KeyFiles> {
  const paths = keyPaths(dir, name);
  for (const p of [paths.privateKey, paths.publicKey]) {
    if (await exists(p)) {
      throw new UserError(`${p}: a key called "${name}" already exists; choose another --name`, {
        code: 'KEY_INVALID',
      });
    }
  }
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  await writeAtomic(paths.privateKey, key.privatePem, 0o600);
  await writeAtomic(paths.publicKey, key.publicPem, 0o644);
  const meta: KeyMeta = {
    format: KEY_META_FORMAT,
    name,
    keyid: key.keyid,
    encrypted,
    created: now.toISOString(),
  };
  await writeAtomic(paths.meta, toJson(meta), 0o600);
  return {
    name,
    keyid: key.keyid,
    encrypted,
    privateKey: paths.privateKey,
    publicKey: paths.publicKey,
    created: meta.created,
  };
}

/** Parse a public key PEM; it must be Ed25519. */
export function parsePublicKey(file: string, pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw new UserError(`${file}: not a PEM public key`, {
      code: 'KEY_INVALID',
      hint: 'Export one with: prepub keys export --out <file>',
    });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new UserError(
      `${file}: is a ${key.asymmetricKeyType ?? 'unknown'} key; prepub signs with Ed25519`,
      { code: 'KEY_INVALID' },
    );
  }
  return key;
}

/** The keys under `dir`, by their public key files. */
export async function listKeys(dir: string): Promise<KeyFiles[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const out: KeyFiles[] = [];
  for (const n of names.filter((f) => f.endsWith('.pub.pem')).sort()) {
    const slug = n.slice(0, -'.pub.pem'.length);
    const publicKey = path.join(dir, n);
    const privateKey = path.join(dir, `${slug}.key.pem`);
    let meta: KeyMeta | undefined;
    try {
      meta = KeyMeta.parse(parseJson(await fs.readFile(path.join(dir, `${slug}.json`), 'utf8')));
    } catch {
      meta = undefined;
    }
    let keyid: string;
    try {
      keyid = keyIdOf(parsePublicKey(publicKey, await readText(publicKey, 'public key')));
    } catch {
      continue;
    }
    let encrypted = meta?.encrypted ?? false;
    try {
      encrypted = (await fs.readFile(privateKey, 'utf8')).includes('ENCRYPTED PRIVATE KEY');
    } catch {
      // No private key beside it: a public key only.
    }
    out.push({
      name: meta?.name ?? slug,
      keyid,
      encrypted,
      privateKey,
      publicKey,
      ...(meta ? { created: meta.created } : {}),
    });
  }
  return out;
}

/**
 * Which private key file to use: `selector` (a path, a key name, or a key id or its prefix),
 * else the config's `user.key`, else the only key there is.
 */
export async function resolveKeyFile(
  dir: string,
  selector: string | undefined,
  cwd: string,
): Promise<string> {
  if (selector) {
    const asPath = path.resolve(cwd, selector);
    if (await exists(asPath)) return asPath;
  }
  const keys = await listKeys(dir);
  if (selector) {
    const s = selector.toLowerCase();
    const hit = keys.filter(
      (k) =>
        k.name.toLowerCase() === s ||
        keySlug(k.name) === keySlug(selector) ||
        (s.length >= 8 && k.keyid.startsWith(s)),
    );
    if (hit.length === 1) return hit[0]!.privateKey;
    const prefix = keys.filter(
      (k) => hit.length === 0 && keySlug(k.name).startsWith(keySlug(selector)),
    );
    if (prefix.length === 1) return prefix[0]!.privateKey;
    throw new UserError(
      hit.length === 0
        ? `no key "${selector}" (not a file, nor a key in ${dir})`
        : `"${selector}" matches ${hit.length} keys; give more of the key id`,
      {
        code: 'KEY_INVALID',
        hint: 'List your keys with: prepub keys list',
      },
    );
  }
  if (keys.length === 1) return keys[0]!.privateKey;
  if (keys.length === 0) {
    throw new UserError(`no signing key in ${dir}`, {
      code: 'KEY_INVALID',
      hint: 'Make one with: prepub keys generate --name "Your Name"',
    });
  }
  throw new UserError(
    `you have ${keys.length} keys; say which to use with --key, or set user.key in prepub.config.json`,
    { code: 'KEY_INVALID' },
  );
}

/** Refuse a private key that group or others can read, as ssh does. */
export async function checkKeyPermissions(file: string): Promise<void> {
  if (process.platform === 'win32') return;
  let mode: number;
  try {
    mode = (await fs.stat(file)).mode;
  } catch (error) {
    throw fileError(file, 'private key', error);
  }
  if ((mode & 0o077) !== 0) {
    throw new UserError(
      `${file}: private key is readable by others (mode ${(mode & 0o777).toString(8).padStart(4, '0')}); refusing to use it`,
      {
        code: 'KEY_PERMISSIONS',
        hint: `Make it private with: chmod 600 ${file}`,
      },
    );
  }
}

export function isEncryptedPem(pem: string): boolean {
  return pem.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----');
}

/** Parse a private key PEM, decrypting it with `passphrase` when it is encrypted. */
export function parsePrivateKey(
  file: string,
  pem: string,
  passphrase: string | undefined,
): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(
      passphrase !== undefined && isEncryptedPem(pem)
        ? { key: pem, format: 'pem', passphrase }
        : { key: pem, format: 'pem' },
    );
  } catch {
    if (isEncryptedPem(pem)) {
      throw new UserError(`${file}: wrong passphrase for this key`, {
        code: 'KEY_INVALID',
        hint: 'Try again, or check PREPUB_PASSPHRASE.',
      });
    }
    throw new UserError(`${file}: not a PEM private key`, { code: 'KEY_INVALID' });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new UserError(
      `${file}: is a ${key.asymmetricKeyType ?? 'unknown'} key; prepub signs with Ed25519`,
      { code: 'KEY_INVALID' },
    );
  }
  return key;
}

/** The public key (and key id) of a private key. */
export function publicOf(privateKey: KeyObject): { publicKey: KeyObject; keyid: string } {
  const publicKey = createPublicKey(privateKey);
  return { publicKey, keyid: keyIdOf(publicKey) };
}
