// A key's id: the lowercase hex SHA-256 of its public key's SPKI DER encoding. Check one with
// `openssl pkey -pubin -in key.pem -outform DER | sha256sum`.
import { createHash, type KeyObject } from 'node:crypto';

/** The key id: lowercase hex SHA-256 of the public key's SPKI DER encoding. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}
