// Private keys at rest: standard PKCS#8 with PBES2, scrypt and AES-256-CBC, which OpenSSL and Node
// both read; a passphrase of at least 12 characters; keys written by earlier versions still load.
import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateKey, parsePrivateKey, publicOf } from '../../src/adapters/keys.js';
import { MIN_PASSPHRASE } from '../../src/core/signing/pkcs8.js';
import { SCRYPT } from '../../src/core/signing/pkcs8.js';
import { runInProcess, tempDir } from '../helpers/run.js';

const PASSPHRASE = 'correct horse battery';
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

/** The DER inside a PEM. */
function der(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

/** The DER encoding of an object identifier, to find it in the key's algorithm. */
const OIDS = {
  pbes2: Buffer.from('06092a864886f70d01050d', 'hex'),
  pbkdf2: Buffer.from('06092a864886f70d01050c', 'hex'),
  scrypt: Buffer.from('06092b06010401da47040b', 'hex'),
  aes256cbc: Buffer.from('060960864801650304012a', 'hex'),
};

describe('key encryption at rest', () => {
  const key = generateKey(PASSPHRASE);

  it('is PKCS#8 PBES2 with scrypt (N=2^14, r=8, p=5) and AES-256-CBC, not PBKDF2', () => {
    expect(key.privatePem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    const bytes = der(key.privatePem);
    expect(bytes.includes(OIDS.pbes2)).toBe(true);
    expect(bytes.includes(OIDS.scrypt)).toBe(true);
    expect(bytes.includes(OIDS.aes256cbc)).toBe(true);
    expect(bytes.includes(OIDS.pbkdf2)).toBe(false);
    expect(SCRYPT).toEqual({ N: 16384, r: 8, p: 5 });
    // N, r, p and the key length as DER integers, in that order, after the salt.
    expect(bytes.includes(Buffer.from('02024000020108020105020120', 'hex'))).toBe(true);
  });

  it("Node's createPrivateKey reads it with the passphrase, and refuses a wrong one", () => {
    expect(publicOf(parsePrivateKey('k.pem', key.privatePem, PASSPHRASE)).keyid).toBe(key.keyid);
    expect(() => parsePrivateKey('k.pem', key.privatePem, 'correct horse battery!')).toThrow(
      'k.pem: wrong passphrase for this key',
    );
  });

  it.skipIf(!hasOpenssl)('openssl pkey reads it with the passphrase', () => {
    const file = path.join(tempDir(), 'k.key.pem');
    writeFileSync(file, key.privatePem, { mode: 0o600 });
    const text = execFileSync(
      'openssl',
      ['pkey', '-in', file, '-passin', `pass:${PASSPHRASE}`, '-pubout'],
      {
        encoding: 'utf8',
      },
    );
    expect(text).toBe(key.publicPem);
    const wrong = spawnSync('openssl', ['pkey', '-in', file, '-passin', 'pass:not-the-passphrase']);
    expect(wrong.status).not.toBe(0);
  });

  it(`refuses a passphrase shorter than ${MIN_PASSPHRASE} characters`, () => {
    expect(MIN_PASSPHRASE).toBe(12);
    expect(() => generateKey('a')).toThrow(/too short: use at least 12 characters/);
    expect(() => generateKey('elevenchars')).toThrow(/at least 12 characters/);
    expect(generateKey('twelve chars').privatePem).toContain('ENCRYPTED PRIVATE KEY');
  });

  it('a key encrypted the old way (PBKDF2, 2,048 iterations, a short passphrase) still loads', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const old = String(
      privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }),
    );
    expect(der(old).includes(OIDS.pbkdf2)).toBe(true);
    const loaded = parsePrivateKey('old.key.pem', old, 'pw');
    expect(loaded.export({ type: 'pkcs8', format: 'der' })).toEqual(
      privateKey.export({ type: 'pkcs8', format: 'der' }),
    );
  });

  it('keys generate: a short PREPUB_PASSPHRASE is exit 2 saying the minimum, and no key is written', async () => {
    const dir = tempDir();
    const r = await runInProcess(['keys', 'generate', '--name', 'Sam'], {
      cwd: dir,
      env: { PREPUB_PASSPHRASE: 'short' },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^prepub: PREPUB_PASSPHRASE is too short for a new key: use at least 12 characters\n/,
    );
    const list = await runInProcess(['keys', 'list', '--json'], { cwd: dir });
    expect((JSON.parse(list.stdout) as { keys: unknown[] }).keys).toEqual([]);
  });
});
