// Where `--out` (and `verify --extract`) may write. Never over a file the same command reads,
// never over a private key (not even with --force), and never over any existing file unless
// --force: a typo must not cost a reporter their article or their key.
import { createPrivateKey } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';

/** A file the command reads: it is never the output. */
export interface OutInput {
  readonly file: string;
  /** What it is, for the message: "record", "keyring", "article". */
  readonly what: string;
}

export interface OutCheck {
  /** The option, for the messages: "--out". */
  readonly flag: string;
  readonly cwd: string;
  readonly force: boolean;
  readonly inputs?: readonly (OutInput | undefined)[];
  /** What to give the flag instead, in the hints: "file name" (the default) or "folder". */
  readonly another?: string;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const PRIVATE_PEM = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;

async function realOrResolved(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch {
    return path.resolve(file);
  }
}

/** Whether the bytes at `file` are a private key: by its name, a PEM header, or DER that parses. */
export async function isPrivateKeyFile(file: string): Promise<boolean> {
  if (/\.key\.pem$/i.test(file)) return true;
  let bytes: Buffer;
  try {
    const handle = await fs.open(file, 'r');
    try {
      const { buffer, bytesRead } = await handle.read({ buffer: Buffer.alloc(65536) });
      bytes = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
  if (PRIVATE_PEM.test(bytes.toString('latin1'))) return true;
  for (const type of ['pkcs8', 'sec1', 'pkcs1'] as const) {
    try {
      createPrivateKey({ key: bytes, format: 'der', type });
      return true;
    } catch {
      // Not this kind; try the next.
    }
  }
  return false;
}

/**
 * Check that `out` may be written, and return its absolute path and whether a file is there now
 * (write with `writeAtomic(file, …, { exclusive: !exists })` so nothing appears meanwhile).
 * A refusal is a UserError saying what was refused and how to allow it, when it can be.
 */
export async function checkOutFile(
  out: string,
  check: OutCheck,
): Promise<{ file: string; exists: boolean }> {
  const file = path.resolve(check.cwd, out);
  const instead = `give ${check.flag} another ${check.another ?? 'file name'}`;
  let stat;
  try {
    stat = await fs.lstat(file);
  } catch {
    return { file, exists: false };
  }
  if (stat.isDirectory()) {
    throw new UserError(`${out}: is a folder; ${check.flag} needs a file name`, { code: 'USAGE' });
  }
  const real = await realOrResolved(file);
  if ((await isPrivateKeyFile(file)) || (real !== file && (await isPrivateKeyFile(real)))) {
    throw new UserError(
      `${out}: is a private key; prepub never overwrites one, even with --force`,
      {
        code: 'USAGE',
        hint: `${capital(instead)}.`,
      },
    );
  }
  for (const input of check.inputs ?? []) {
    if (!input) continue;
    const inputFile = path.resolve(check.cwd, input.file);
    if (inputFile === file || (await realOrResolved(inputFile)) === real) {
      throw new UserError(`${out}: is the ${input.what}; it is not overwritten`, {
        code: 'USAGE',
        hint: `${capital(instead)}.`,
      });
    }
  }
  if (!check.force) {
    const what = /\.pub\.pem$/i.test(file) ? 'a public key file that' : '';
    throw new UserError(
      `${out}: ${what ? `is ${what} ` : ''}already exists; it is not overwritten`,
      {
        code: 'USAGE',
        hint: `Pass --force to replace it, or ${instead}.`,
      },
    );
  }
  return { file, exists: true };
}
