// DSSE (Dead Simple Signing Envelope) v1: the pre-authentication encoding, envelopes, and
// Ed25519 signatures over the PAE. Pure: bytes in, bytes out. https://github.com/secure-systems-lab/dsse
import { sign, verify, type KeyObject } from 'node:crypto';
import type { Envelope } from '../record/schema.js';

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

const encoder = new TextEncoder();

/** PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, LEN in ASCII decimal bytes. */
export function pae(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = encoder.encode(payloadType);
  const head = encoder.encode(`DSSEv1 ${type.length} ${payloadType} ${payload.length} `);
  const out = new Uint8Array(head.length + payload.length);
  out.set(head, 0);
  out.set(payload, head.length);
  return out;
}

/**
 * Strict standard base64: anything that does not re-encode to the same text (whitespace, URL-safe
 * letters, missing padding, stray bits) is refused, so one payload has one spelling.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  const bytes = Buffer.from(text, 'base64');
  // A plain Uint8Array over the same memory: no copy.
  return bytes.toString('base64') === text
    ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    : undefined;
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** The payload bytes of an envelope, or undefined when its base64 is malformed. */
export function envelopePayload(envelope: Envelope): Uint8Array | undefined {
  return decodeBase64(envelope.payload);
}

/** Something that can sign: a key id and an Ed25519 private key. */
export interface Signer {
  readonly keyid: string;
  readonly privateKey: KeyObject;
}

/** Sign `payload` as `payloadType` and wrap it in an envelope with one signature. */
export function signEnvelope(payloadType: string, payload: Uint8Array, signer: Signer): Envelope {
  const sig = sign(null, pae(payloadType, payload), signer.privateKey);
  return {
    payloadType,
    payload: encodeBase64(payload),
    signatures: [{ keyid: signer.keyid, sig: encodeBase64(new Uint8Array(sig)) }],
  };
}

/** Check one raw Ed25519 signature over the PAE of `payloadType` and `payload`. */
export function verifySignature(
  payloadType: string,
  payload: Uint8Array,
  signature: Uint8Array,
  publicKey: KeyObject,
): boolean {
  if (signature.length !== 64) return false;
  try {
    return verify(null, pae(payloadType, payload), publicKey, signature);
  } catch {
    return false;
  }
}

/** The same check on libuv's thread pool, so many signatures are checked in parallel. */
export function verifySignatureAsync(
  payloadType: string,
  payload: Uint8Array,
  signature: Uint8Array,
  publicKey: KeyObject,
): Promise<boolean> {
  if (signature.length !== 64) return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      verify(null, pae(payloadType, payload), publicKey, signature, (error, ok) =>
        resolve(!error && ok),
      );
    } catch {
      resolve(false);
    }
  });
}
