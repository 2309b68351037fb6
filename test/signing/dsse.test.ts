import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decodeBase64,
  encodeBase64,
  pae,
  signEnvelope,
  verifySignature,
  verifySignatureAsync,
} from '../../src/core/signing/dsse.js';

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const bytes = (s: string) => new TextEncoder().encode(s);

describe('PAE', () => {
  it.each([
    ['application/vnd.in-toto+json', '{}', 'DSSEv1 28 application/vnd.in-toto+json 2 {}'],
    ['', '', 'DSSEv1 0  0 '],
    [
      'http://example.com/HelloWorld',
      'hello world',
      'DSSEv1 29 http://example.com/HelloWorld 11 hello world',
    ],
    ['t', 'é', 'DSSEv1 1 t 2 é'],
  ])('PAE(%j, %j) = %j', (type, body, expected) => {
    expect(text(pae(type, bytes(body)))).toBe(expected);
  });
});

describe('strict base64', () => {
  it.each([
    ['aGk=', 'hi'],
    ['', ''],
  ])('decodes %j', (b64, expected) => expect(text(decodeBase64(b64)!)).toBe(expected));
  it.each(['aGk', 'aG k=', 'aGk=\n', 'aGl=', '_-8=', 'aGk==='])('refuses %j', (b64) =>
    expect(decodeBase64(b64)).toBeUndefined(),
  );
  it('round-trips', () =>
    expect(text(decodeBase64(encodeBase64(bytes('prepub')))!)).toBe('prepub'));
});

describe('envelopes', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519');
  const env = signEnvelope('application/vnd.in-toto+json', bytes('{"a":1}'), {
    keyid: 'k',
    privateKey,
  });

  it('signs the PAE of the payload with a 64-byte Ed25519 signature', async () => {
    const sig = decodeBase64(env.signatures[0]!.sig)!;
    expect(sig).toHaveLength(64);
    expect(env.signatures[0]!.keyid).toBe('k');
    expect(verifySignature(env.payloadType, bytes('{"a":1}'), sig, publicKey)).toBe(true);
    expect(await verifySignatureAsync(env.payloadType, bytes('{"a":1}'), sig, publicKey)).toBe(
      true,
    );
  });
  it('fails for another key, payload or payload type', async () => {
    const sig = decodeBase64(env.signatures[0]!.sig)!;
    expect(verifySignature(env.payloadType, bytes('{"a":1}'), sig, other.publicKey)).toBe(false);
    expect(verifySignature(env.payloadType, bytes('{"a":2}'), sig, publicKey)).toBe(false);
    expect(await verifySignatureAsync('application/json', bytes('{"a":1}'), sig, publicKey)).toBe(
      false,
    );
    expect(verifySignature(env.payloadType, bytes('{"a":1}'), sig.slice(0, 63), publicKey)).toBe(
      false,
    );
  });
});
