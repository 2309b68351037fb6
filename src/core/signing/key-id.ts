// A key's id: the lowercase hex SHA-256 of its public key's SPKI DER encoding. Check one with
// `openssl pkey -pubin -in key.pem -outform DER | sha256sum`.
import type { KeyObject } from 'node:crypto';
import { sha256Hex } from '../hash.js';

/** The key id: lowercase hex SHA-256 of the public key's SPKI DER encoding. */
export function keyIdOf(publicKey: KeyObject): string {
  return sha256Hex(publicKey.export({ type: 'spki', format: 'der' }));
}
