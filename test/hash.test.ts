// sha256Hex: the one-shot path (one part) and the streaming path (several) give Node's digest.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/core/hash.js';

const digest = (...parts: (Uint8Array | string)[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

describe('sha256Hex', () => {
  const inputs: (Uint8Array | string)[] = [
    '',
    'abc',
    '£ €, 😀 and a lone \ud800',
    new Uint8Array([0, 255, 128]),
    Buffer.from('buffer'),
    new Uint8Array(100_000).fill(7),
  ];
  it.each(inputs.map((x) => [x]))('hashes %# as Node does', (x) => {
    expect(sha256Hex(x)).toBe(digest(x));
  });
  it('hashes several parts one after the other', () => {
    expect(sha256Hex('a', new Uint8Array([98]), 'c')).toBe(digest('abc'));
    expect(sha256Hex('a', 'bc')).toBe(sha256Hex('abc'));
    expect(sha256Hex()).toBe(digest());
  });
  it('is the known digest of "abc"', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
