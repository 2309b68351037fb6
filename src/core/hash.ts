// The one SHA-256 helper: lowercase hex of the digest of bytes or strings (UTF-8), fed in order.
import { createHash, hash } from 'node:crypto';

/** The SHA-256 of `parts`, one after the other (no separators: the caller adds its own). */
export function sha256Hex(...parts: readonly (Uint8Array | string)[]): string {
  // One part: Node's one-shot hash (Node 20.12+; prepub needs 20.17), about half the cost of a
  // Hash object on the short inputs `prepub status` hashes by the thousand.
  if (parts.length === 1) return hash('sha256', parts[0]!, 'hex');
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}
