// The one SHA-256 helper: lowercase hex of the digest of bytes or strings (UTF-8), fed in order.
import * as crypto from 'node:crypto';

/** Node's one-shot hash (Node 20.12 and later): about half the cost of a Hash object for the
 * short inputs prepub hashes by the thousand (`prepub status`). Absent before 20.12. */
const oneShot = (
  crypto as { hash?: (algorithm: string, data: Uint8Array | string, encoding: 'hex') => string }
).hash;

/** The SHA-256 of `parts`, one after the other (no separators: the caller adds its own). */
export function sha256Hex(...parts: readonly (Uint8Array | string)[]): string {
  if (parts.length === 1 && oneShot) return oneShot('sha256', parts[0]!, 'hex');
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}
