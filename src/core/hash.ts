// The one SHA-256 helper: lowercase hex of the digest of bytes or strings (UTF-8), fed in order.
import { createHash } from 'node:crypto';

/** The SHA-256 of `parts`, one after the other (no separators: the caller adds its own). */
export function sha256Hex(...parts: readonly (Uint8Array | string)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}
