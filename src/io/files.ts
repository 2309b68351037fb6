// Reading and writing files: atomic writes (temp file in the same folder, fsync, rename), 0600.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function isErrno(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}

/** Read a file's bytes; a missing or unreadable file is a UserError naming it. */
export async function readBytes(file: string, what = 'file'): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    throw fileError(file, what, error);
  }
}

export function fileError(file: string, what: string, error: unknown): Error {
  if (isErrno(error)) {
    if (error.code === 'ENOENT')
      return new UserError(`${file}: no such ${what}`, { code: 'FILE_MISSING' });
    if (error.code === 'EISDIR')
      return new UserError(`${file}: is a folder, not a ${what}`, { code: 'FILE_UNREADABLE' });
    if (error.code === 'EACCES' || error.code === 'EPERM')
      return new UserError(`${file}: permission denied`, { code: 'FILE_UNREADABLE' });
    return new UserError(`${file}: cannot read (${error.code ?? error.message})`, {
      code: 'FILE_UNREADABLE',
    });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Decode UTF-8 strictly; binary or non-UTF-8 input is a UserError. */
export function decodeUtf8(file: string, bytes: Uint8Array, what = 'text file'): string {
  if (bytes.includes(0))
    throw new UserError(`${file}: looks like a binary file, not a ${what}`, {
      code: 'INPUT_INVALID',
    });
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    throw new UserError(`${file}: is not valid UTF-8 text`, { code: 'INPUT_INVALID' });
  }
}

export async function readText(file: string, what = 'file'): Promise<string> {
  return decodeUtf8(file, await readBytes(file, what), what);
}

/**
 * Write atomically: a temp file in the same folder, fsync, rename, then fsync the folder.
 * A kill at any moment leaves either the old complete file or the new complete file.
 */
export async function writeAtomic(
  file: string,
  data: string | Uint8Array,
  mode = 0o600,
): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(
    dir,
    `.prepub-tmp-${path.basename(file)}-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  const handle = await fs.open(tmp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(tmp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await fs.chmod(tmp, mode);
    await fs.rename(tmp, file);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
  try {
    const dh = await fs.open(dir, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  } catch {
    // Some file systems cannot fsync a folder; the rename has still happened.
  }
}

/** Stable JSON: two-space indent, LF, trailing newline. Key order is the objects' own order. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
