// Reading and writing files: atomic writes (temp file in the same folder, fsync, rename), 0600.
import { randomBytes } from 'node:crypto';
import { constants as fsConstants, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../errors.js';
import { sha256Hex } from '../core/hash.js';
import { faultPoint, faultTear, faultWriteBegins } from './fault.js';
import { shownPath, writeFailure } from './write-errors.js';

function isErrno(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}

/**
 * The most bytes prepub reads from any one file unless a caller says otherwise (10 MB, the same
 * as `scan --max-bytes`'s default). Every read is capped: a device (/dev/zero), a pipe or a FIFO
 * reports a size of 0, so the cap is enforced on the bytes actually read, not on the size.
 */
export const DEFAULT_MAX_READ_BYTES = 10_000_000;

export interface ReadLimit {
  /** Largest input accepted, in bytes (default DEFAULT_MAX_READ_BYTES). */
  readonly maxBytes?: number | undefined;
  /** What to tell the user after the limit, e.g. "raise the limit with --max-bytes". */
  readonly hint?: string | undefined;
  /** How messages name the file (default: the path as given). */
  readonly shownAs?: string | undefined;
  /** Accept a device, pipe or FIFO (a draft given as /dev/stdin, say); read up to the cap.
   * Without it only a regular file is read: a record, keyring or article that is a terminal or
   * a FIFO (a symbolic link to one can be committed to a repository) is refused at once, never
   * waited on. */
  readonly devices?: boolean | undefined;
}

/** The UserError for an input over its byte limit. `size` is known for a regular file only. */
export function tooLarge(name: string, max: number, size?: number, hint?: string): UserError {
  const seen = size === undefined ? `stopped reading there` : String(size);
  const tail = hint ?? 'the most prepub reads from one file';
  return new UserError(`${name}: is larger than ${max} bytes (${seen}); ${tail}`, {
    code: 'INPUT_INVALID',
  });
}

const CHUNK = 1 << 20;

/**
 * Read a stream (standard input, say) to its end, but never more than `max` + 1 bytes: past the
 * cap it stops, releases the stream and throws a UserError naming `name`.
 */
export async function readStreamCapped(
  stream: AsyncIterable<unknown>,
  name: string,
  limit: ReadLimit = {},
): Promise<Buffer> {
  const max = limit.maxBytes ?? DEFAULT_MAX_READ_BYTES;
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk)
      ? chunk
      : typeof chunk === 'string'
        ? Buffer.from(chunk)
        : Buffer.from(chunk as Uint8Array);
    total += buf.length;
    // Leaving the loop early destroys the stream, so a writer like `yes` gets EPIPE and stops.
    if (total > max) throw tooLarge(name, max, undefined, limit.hint);
    chunks.push(buf);
  }
  return Buffer.concat(chunks, total);
}

/**
 * Read a file's bytes, at most `maxBytes` (default DEFAULT_MAX_READ_BYTES). Reads by chunks from
 * an open handle, so a device, a pipe or a FIFO stops at the cap + 1 bytes. A missing or
 * unreadable file, a folder, or a file over the cap is a UserError naming it.
 */
export async function readBytes(
  file: string,
  what = 'file',
  limit: ReadLimit = {},
): Promise<Buffer> {
  const max = limit.maxBytes ?? DEFAULT_MAX_READ_BYTES;
  const name = limit.shownAs ?? file;
  let handle: fs.FileHandle;
  try {
    // Without `devices`, open without blocking: opening a FIFO with no writer would wait forever.
    handle = await fs.open(
      file,
      limit.devices ? 'r' : fsConstants.O_RDONLY | fsConstants.O_NONBLOCK,
    );
  } catch (error) {
    throw fileError(name, what, error);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory())
      throw new UserError(`${name}: is a folder, not a ${what}`, { code: 'FILE_UNREADABLE' });
    if (!stat.isFile() && !limit.devices)
      throw new UserError(
        `${name}: is not a regular file (a device, pipe or socket); prepub reads a ${what} only from a file`,
        { code: 'FILE_UNREADABLE' },
      );
    if (stat.isFile() && stat.size > max) throw tooLarge(name, max, stat.size, limit.hint);
    const chunks: Buffer[] = [];
    let total = 0;
    // A regular file in one read (its size + 1, to notice growth); anything else by chunks.
    let want = stat.isFile() ? Math.min(max + 1, stat.size + 1) : Math.min(max + 1, CHUNK);
    for (;;) {
      const buf = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(buf, 0, want, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === want ? buf : buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > max) throw tooLarge(name, max, undefined, limit.hint);
      want = Math.min(max + 1 - total, CHUNK);
    }
    return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
  } catch (error) {
    throw error instanceof UserError ? error : fileError(name, what, error);
  } finally {
    await handle.close();
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

/**
 * Decode UTF-8 strictly; binary or non-UTF-8 input is a UserError, and so are more bytes than the
 * cap (for callers that read the bytes themselves).
 */
export function decodeUtf8(
  file: string,
  bytes: Uint8Array,
  what = 'text file',
  limit: ReadLimit = {},
): string {
  const max = limit.maxBytes ?? DEFAULT_MAX_READ_BYTES;
  if (bytes.length > max) throw tooLarge(file, max, bytes.length, limit.hint);
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

/** Read a UTF-8 text file, capped like readBytes. */
export async function readText(
  file: string,
  what = 'file',
  limit: ReadLimit = {},
): Promise<string> {
  return decodeUtf8(file, await readBytes(file, what, limit), what, limit);
}

const TEMP_PREFIX = '.prepub-tmp-';
/** Which machine wrote a temp file, so a folder shared between machines is cleaned safely. */
const HOST_TAG = sha256Hex(os.hostname()).slice(0, 8);
/** A temp file this old is left over whoever wrote it: no write takes an hour. */
const STALE_AFTER_MS = 60 * 60 * 1000;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrno(error) && error.code === 'EPERM';
  }
}

const cleaned = new Set<string>();

/**
 * Remove the temp copies of `file` left beside it by a writer that was killed (SIGKILL, power
 * cut) between writing its temp file and renaming it: those whose process (the pid in the name)
 * is gone on this machine, or that are over an hour old. Never fails; returns what it removed.
 */
export async function removeStaleTemps(file: string): Promise<string[]> {
  const target = path.resolve(file);
  if (cleaned.has(target)) return [];
  cleaned.add(target);
  const dir = path.dirname(target);
  const prefix = `${TEMP_PREFIX}${path.basename(target)}-`;
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((n) => n.startsWith(prefix));
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    // <prefix>[<host tag>-]<pid>-<8 hex>: the host tag is absent in temp files of prepub 0.1.
    const m = /^(?:-([0-9a-f]{8}))?-(\d+)-[0-9a-f]{8}$/.exec(name.slice(prefix.length - 1));
    if (!m) continue;
    const pid = Number(m[2]);
    const here = m[1] === undefined || m[1] === HOST_TAG;
    const temp = path.join(dir, name);
    try {
      const old = Date.now() - (await fs.lstat(temp)).mtimeMs > STALE_AFTER_MS;
      if (pid === process.pid || !(old || (here && !pidAlive(pid)))) continue;
      await fs.rm(temp, { force: true });
      removed.push(temp);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}

/** Where a write to `file` lands: through symbolic links to the file they point at (existing or not). */
async function throughSymlinks(file: string): Promise<string> {
  let target = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    let link: string;
    try {
      if (!(await fs.lstat(target)).isSymbolicLink()) return target;
      link = await fs.readlink(target);
    } catch (error) {
      if (isErrno(error) && error.code === 'ENOENT') return target;
      throw error;
    }
    target = path.resolve(path.dirname(target), link);
  }
  throw Object.assign(new Error(`${file}: too many symbolic links`), { code: 'ELOOP' });
}

export interface WriteOptions {
  /** Write to the file a symbolic link points at, keeping the link (the keyring). */
  readonly followSymlink?: boolean;
  /** Refuse to replace an existing file, atomically (a hard link, not a rename). */
  readonly exclusive?: boolean;
}

/** Put the finished temp file at `target` only if nothing is there (no check-then-write race). */
async function placeNew(tmp: string, target: string): Promise<void> {
  try {
    await fs.link(tmp, target);
  } catch (error) {
    if (isErrno(error) && error.code === 'EEXIST') {
      throw new UserError(`${shownPath(target)}: already exists; it is not overwritten`, {
        code: 'USAGE',
        hint: 'Choose another name, or remove the file first.',
      });
    }
    // A file system without hard links: check, then rename.
    if (isErrno(error) && (error.code === 'EPERM' || error.code === 'ENOTSUP')) {
      const there = await fs.lstat(target).then(
        () => true,
        () => false,
      );
      if (there) return placeNew(tmp, target);
      await fs.rename(tmp, target);
      return;
    }
    throw error;
  }
  await fs.rm(tmp, { force: true });
}

/**
 * Write atomically: a temp file in the same folder, fsync, rename, then fsync the folder.
 * A kill at any moment leaves either the old complete file or the new complete file (and at
 * worst a temp file, which the next write of the same file removes). A full disk, a read-only
 * or missing folder is a UserError naming the file and what to do; the temp file is removed and
 * the old file is left as it was.
 */
export async function writeAtomic(
  file: string,
  data: string | Uint8Array,
  mode = 0o600,
  options: WriteOptions = {},
): Promise<void> {
  let target = path.resolve(file);
  let tmp: string | undefined;
  // Off unless PREPUB_FAULT_KILL is set: the kill-safety test's crash points (adapters/fault.ts).
  const fault = faultWriteBegins();
  try {
    if (options.followSymlink) target = await throughSymlinks(target);
    await removeStaleTemps(target);
    const dir = path.dirname(target);
    tmp = path.join(
      dir,
      `${TEMP_PREFIX}${path.basename(target)}-${HOST_TAG}-${process.pid}-${randomBytes(4).toString('hex')}`,
    );
    const handle = await fs.open(tmp, 'wx', mode);
    try {
      faultPoint(fault, 'open');
      await faultTear(fault, handle, data);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.chmod(tmp, mode);
    faultPoint(fault, 'synced');
    if (options.exclusive) await placeNew(tmp, target);
    else await fs.rename(tmp, target);
    tmp = undefined;
    faultPoint(fault, 'renamed');
  } catch (error) {
    if (tmp) await fs.rm(tmp, { force: true }).catch(() => undefined);
    if (error instanceof UserError) throw error;
    throw writeFailure(target === path.resolve(file) ? file : target, error) ?? error;
  }
  try {
    const dh = await fs.open(path.dirname(target), 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  } catch {
    // Some file systems cannot fsync a folder; the rename has still happened.
  }
}
