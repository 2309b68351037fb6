import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { emptyKeyring, parseKeyring, trustKey } from '../../src/core/signing/keyring.js';
import {
  checkKeyPermissions,
  generateKey,
  parsePrivateKey,
  parsePublicKey,
  publicOf,
} from '../../src/adapters/keys.js';
import { keyIdOf } from '../../src/core/signing/key-id.js';
import { createHash } from 'node:crypto';

const dir = mkdtempSync(path.join(os.tmpdir(), 'prepub-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('keys', () => {
  it('key id is the hex SHA-256 of the SPKI DER', () => {
    const key = generateKey();
    const pub = parsePublicKey('k.pub.pem', key.publicPem);
    expect(key.keyid).toBe(
      createHash('sha256')
        .update(pub.export({ type: 'spki', format: 'der' }))
        .digest('hex'),
    );
    expect(keyIdOf(pub)).toBe(key.keyid);
  });

  it('encrypts with a passphrase, and a wrong one is a clear error', () => {
    const key = generateKey('correct horse');
    expect(key.privatePem).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    expect(publicOf(parsePrivateKey('k.pem', key.privatePem, 'correct horse')).keyid).toBe(
      key.keyid,
    );
    expect(() => parsePrivateKey('k.pem', key.privatePem, 'wrong')).toThrow(
      'k.pem: wrong passphrase for this key',
    );
  });

  it('refuses a private key that group or others can read, naming chmod 600', async () => {
    const file = path.join(dir, 'open.key.pem');
    writeFileSync(file, generateKey().privatePem, { mode: 0o600 });
    await expect(checkKeyPermissions(file)).resolves.toBeUndefined();
    for (const mode of [0o640, 0o604, 0o644]) {
      chmodSync(file, mode);
      await expect(checkKeyPermissions(file)).rejects.toMatchObject({
        message: expect.stringContaining(`${file}: private key is readable by others`) as unknown,
        options: { code: 'KEY_PERMISSIONS', hint: `Make it private with: chmod 600 ${file}` },
      });
    }
  });

  it('refuses a key that is not Ed25519', () => {
    expect(() =>
      parsePublicKey('rsa.pem', '-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----\n'),
    ).toThrow('rsa.pem: not a PEM public key');
  });
});

describe('keyring', () => {
  const key = generateKey();
  const entry = {
    keyid: key.keyid,
    name: 'Jane',
    role: 'reporter' as const,
    publicKey: key.publicPem,
    added: '2026-11-20T10:00:00.000Z',
  };

  it('parses a keyring into trusted keys', () => {
    const { keys, errors } = parseKeyring(
      'k.json',
      JSON.stringify({ format: 'prepub/keyring@1', keys: [entry] }, null, 2),
    );
    expect(errors).toEqual([]);
    expect(keys).toMatchObject([{ keyid: key.keyid, name: 'Jane', role: 'reporter' }]);
  });

  it.each([
    [
      'bad JSON',
      '{\n  "format": "prepub/keyring@1",\n  "keys": [,]\n}\n',
      'k.json:3:12: JSON syntax: unexpected ",", expected a value',
    ],
    [
      'a trailing comma',
      '{"format": "prepub/keyring@1", "keys": [],}',
      'k.json:1:43: JSON syntax: unexpected "}", expected a quoted key',
    ],
    [
      'an unknown key',
      '{\n  "format": "prepub/keyring@1",\n  "keys": [],\n  "extra": 1\n}',
      'k.json:4:3: extra: unknown key "extra"',
    ],
    [
      'a bad role',
      JSON.stringify({ format: 'prepub/keyring@1', keys: [{ ...entry, role: 'boss' }] }, null, 2),
      'k.json:7:15: keys[0].role: must be one of "reporter", "editor", "lawyer"',
    ],
    [
      'a key id that does not match',
      JSON.stringify(
        { format: 'prepub/keyring@1', keys: [{ ...entry, keyid: 'a'.repeat(64) }] },
        null,
        2,
      ),
      `k.json:5:16: keys[0].keyid: does not match the public key (its key id is ${key.keyid})`,
    ],
  ])('reports %s with file:line:column', (_, text, expected) => {
    expect(parseKeyring('k.json', text).errors.map(formatDiagnostic)).toEqual([expected]);
  });

  it('adds, renames, and leaves alone', () => {
    const added = trustKey(emptyKeyring(), entry);
    expect(added.change).toBe('added');
    expect(trustKey(added.keyring, entry).change).toBe('unchanged');
    expect(trustKey(added.keyring, { ...entry, name: 'Jane R' })).toMatchObject({
      change: 'renamed',
      keyring: { keys: [{ name: 'Jane R' }] },
    });
    expect(trustKey(added.keyring, { ...entry, role: 'editor' }).keyring.keys).toHaveLength(2);
  });
});
