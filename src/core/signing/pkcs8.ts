// An encrypted private key as standard PKCS#8 (RFC 5208 EncryptedPrivateKeyInfo) with PBES2
// (RFC 8018): the key derived with scrypt (RFC 7914), the key encrypted with AES-256-CBC. Node's
// own export can only use PBKDF2 with 2,048 iterations, so the few DER structures are written
// here. `openssl pkey -in key.pem` and Node's createPrivateKey read the result.
import { createCipheriv, randomBytes, scryptSync, type KeyObject } from 'node:crypto';

/**
 * scrypt's cost: N = 2^14, r = 8 (16 MiB, the most OpenSSL and Node accept by default) and
 * p = 5, OWASP's equivalent of N = 2^17, r = 8, p = 1. About a quarter of a second.
 */
export const SCRYPT = { N: 2 ** 14, r: 8, p: 5 } as const;

const OID = {
  pbes2: '1.2.840.113549.1.5.13',
  scrypt: '1.3.6.1.4.1.11591.4.11',
  aes256cbc: '2.16.840.1.101.3.4.1.42',
} as const;

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let x = n; x > 0; x = Math.floor(x / 256)) bytes.unshift(x & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

const sequence = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
const octets = (bytes: Uint8Array) => tlv(0x04, Buffer.from(bytes));

function integer(n: number): Buffer {
  const bytes: number[] = [];
  let x = n;
  do {
    bytes.unshift(x & 0xff);
    x = Math.floor(x / 256);
  } while (x > 0);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a! + b!];
  for (const v of rest) {
    const bytes = [v & 0x7f];
    for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128))
      bytes.unshift((x & 0x7f) | 0x80);
    out.push(...bytes);
  }
  return tlv(0x06, Buffer.from(out));
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** The private key as an ENCRYPTED PRIVATE KEY PEM: PBES2, scrypt, AES-256-CBC. */
export function encryptPrivateKey(
  privateKey: KeyObject,
  passphrase: string,
  cost: { N: number; r: number; p: number } = SCRYPT,
): string {
  const plain = privateKey.export({ type: 'pkcs8', format: 'der' });
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const key = scryptSync(Buffer.from(passphrase, 'utf8'), salt, 32, {
    ...cost,
    maxmem: 256 * cost.N * cost.r,
  });
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
  const algorithm = sequence(
    oid(OID.pbes2),
    sequence(
      sequence(
        oid(OID.scrypt),
        sequence(octets(salt), integer(cost.N), integer(cost.r), integer(cost.p), integer(32)),
      ),
      sequence(oid(OID.aes256cbc), octets(iv)),
    ),
  );
  return pem('ENCRYPTED PRIVATE KEY', sequence(algorithm, octets(encrypted)));
}

/** The shortest passphrase accepted for a new key, in characters. */
export const MIN_PASSPHRASE = 12;
