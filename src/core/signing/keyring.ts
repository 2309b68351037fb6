// The newsroom keyring: a JSON file of trusted public keys and the role each may sign as. It
// lives in the records repository. Validated with zod; errors name file:line:column.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { Policy, ROLES } from '../config/schema.js';
import type { Diagnostic } from '../../diagnostics.js';
import { diagnosticAt, parseJsonWithSchema } from '../parse/located.js';
import { keyIdOf } from './key-id.js';
import { DEFAULT_POLICY } from './policy.js';
import type { TrustedKey } from './verify.js';

export const KEYRING_FORMAT = 'prepub/keyring@1';

export const KeyringEntry = z.strictObject({
  keyid: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 key id in lowercase hex'),
  name: z.string().min(1),
  role: z.enum(ROLES),
  publicKey: z.string().min(1),
  added: z.iso.datetime({ offset: true }),
  /** After this moment a signature by this key no longer verifies. */
  expires: z.iso.datetime({ offset: true }).optional(),
  /** A revoked key verifies nothing, whenever its signatures claim to have been made. */
  revoked: z
    .strictObject({ at: z.iso.datetime({ offset: true }), reason: z.string().optional() })
    .optional(),
});
export type KeyringEntry = z.infer<typeof KeyringEntry>;

export const Keyring = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal(KEYRING_FORMAT),
  /** The approval policy of the gate that pins this keyring; the default when absent. */
  policy: Policy.optional(),
  keys: z.array(KeyringEntry),
});
export type Keyring = z.infer<typeof Keyring>;

/** The policy a keyring sets: its own, else the default (an editor's approval, a lawyer's when
 * referred, distinct signers). */
export function keyringPolicy(keyring: Keyring): Policy {
  return keyring.policy ?? DEFAULT_POLICY;
}

export function emptyKeyring(): Keyring {
  return { format: KEYRING_FORMAT, keys: [] };
}

const keyCache = new Map<string, KeyObject>();

/** A public key PEM as a KeyObject, parsed once per process. */
function publicKeyObject(pem: string): KeyObject | undefined {
  let key = keyCache.get(pem);
  if (!key) {
    try {
      key = createPublicKey({ key: pem, format: 'pem' });
    } catch {
      return undefined;
    }
    if (key.asymmetricKeyType !== 'ed25519') return undefined;
    keyCache.set(pem, key);
  }
  return key;
}

/** Parse keyring text: every problem (JSON, shape, a key that is not Ed25519, a wrong key id) has a position. */
export function parseKeyring(
  file: string,
  text: string,
): { keyring?: Keyring; keys: TrustedKey[]; errors: Diagnostic[] } {
  // JSON, read strictly: a syntax error, a duplicate key or a prototype key is an error with its position.
  const loaded = parseJsonWithSchema(file, text, Keyring);
  if (!loaded.value || !loaded.parsed) return { keys: [], errors: [...loaded.errors] };
  const errors: Diagnostic[] = [];
  const keys: TrustedKey[] = [];
  loaded.value.keys.forEach((entry, i) => {
    const key = publicKeyObject(entry.publicKey);
    if (!key) {
      errors.push(
        diagnosticAt(loaded.parsed!, ['keys', i, 'publicKey'], 'not an Ed25519 public key in PEM'),
      );
      return;
    }
    const actual = keyIdOf(key);
    if (actual !== entry.keyid) {
      errors.push(
        diagnosticAt(
          loaded.parsed!,
          ['keys', i, 'keyid'],
          `does not match the public key (its key id is ${actual})`,
        ),
      );
      return;
    }
    keys.push({
      keyid: actual,
      name: entry.name,
      role: entry.role,
      publicKey: key,
      ...(entry.expires ? { expires: entry.expires } : {}),
      ...(entry.revoked ? { revoked: entry.revoked } : {}),
    });
  });
  return errors.length > 0 ? { keys: [], errors } : { keyring: loaded.value, keys, errors };
}

/** Add (or rename) a trusted key in a role. Returns the new keyring and whether anything changed. */
export function trustKey(
  keyring: Keyring,
  entry: KeyringEntry,
): { keyring: Keyring; change: 'added' | 'renamed' | 'unchanged' } {
  const at = keyring.keys.findIndex((k) => k.keyid === entry.keyid && k.role === entry.role);
  if (at < 0) return { keyring: { ...keyring, keys: [...keyring.keys, entry] }, change: 'added' };
  const existing = keyring.keys[at]!;
  if (existing.name === entry.name) return { keyring, change: 'unchanged' };
  const keys = keyring.keys.map((k, i) => (i === at ? { ...k, name: entry.name } : k));
  return { keyring: { ...keyring, keys }, change: 'renamed' };
}
