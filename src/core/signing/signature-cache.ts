// What `prepub status` may remember of signatures already checked: the key of an entry is the
// SHA-256 of the key id, payload type, the payload's SHA-256 and the signature, so a changed byte
// anywhere misses. Pure; the file behind it is src/adapters/verified-cache.ts.
import { sha256Hex } from '../hash.js';
import type { Envelope } from '../record/schema.js';

/** What verifyRecord needs from a cache. */
export interface SignatureCache {
  has(keyid: string, envelope: Envelope, payloadSha256: string): boolean;
  add(keyid: string, envelope: Envelope, payloadSha256: string): void;
}

export function signatureCacheKey(
  keyid: string,
  envelope: Envelope,
  payloadSha256: string,
): string {
  return sha256Hex(
    `${keyid}\n${envelope.payloadType}\n${payloadSha256}\n${envelope.signatures[0]?.sig ?? ''}`,
  );
}
