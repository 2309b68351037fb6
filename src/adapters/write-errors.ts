// What a failed write means for the user: the path, what went wrong in words, and what to do.
// A full disk, a read-only folder or a missing folder is the user's to fix (exit 2), not a bug.
import path from 'node:path';
import { UserError } from '../errors.js';

const WHY: Readonly<Record<string, readonly [reason: string, todo: string]>> = {
  ENOSPC: ['disk full', 'free some space and run again'],
  EDQUOT: ['disk quota exceeded', 'free some space and run again'],
  EROFS: ['read-only file system', 'write it somewhere else'],
  EACCES: ['permission denied', "check the folder's permissions, or write it somewhere else"],
  EPERM: ['not permitted', "check the folder's permissions, or write it somewhere else"],
  ENOTDIR: ['part of the path is a file, not a folder', 'choose another path'],
  EISDIR: ['it is a folder', 'name a file'],
  ENAMETOOLONG: ['the name is too long', 'choose a shorter path'],
  ELOOP: ['too many symbolic links', 'choose another path'],
  EMFILE: ['too many open files', 'close some programs and run again'],
  ENFILE: ['too many open files', 'close some programs and run again'],
  EIO: ['input/output error', 'check the disk and run again'],
  EBUSY: ['the file is busy', 'close whatever has it open and run again'],
};

function errnoOf(error: unknown): NodeJS.ErrnoException | undefined {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string'
    ? error
    : undefined;
}

/** A path as the user would type it: relative when it is under the current folder. */
export function shownPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/**
 * The UserError for a failed write of `file` (the temp file's errors are reported as the target's),
 * or undefined when `error` is not a file-system error.
 */
export function writeFailure(file: string, error: unknown, what = 'write'): UserError | undefined {
  const e = errnoOf(error);
  if (!e?.code) return undefined;
  const shown = shownPath(file);
  if (e.code === 'ENOENT') {
    const dir = shownPath(path.dirname(path.resolve(file)));
    return new UserError(
      `${shown}: cannot ${what} (the folder ${dir} does not exist) — create it, or choose another path`,
      { code: 'FILE_MISSING' },
    );
  }
  const [reason, todo] = WHY[e.code] ?? [e.code, 'check the folder and run again'];
  return new UserError(`${shown}: cannot ${what} (${reason}) — ${todo}`, {
    code: 'FILE_UNREADABLE',
  });
}

const READS = new Set(['read', 'scandir', 'stat', 'lstat', 'access', 'readlink', 'realpath']);

/**
 * For src/cli.ts: a file-system error that escaped its command (the disk filled while writing a
 * lock or a folder) is still the user's to fix. Only errors of the environment qualify; a
 * missing file here is more likely a bug and stays exit 70.
 */
export function environmentFailure(error: unknown): UserError | undefined {
  const e = errnoOf(error);
  if (!e?.code || typeof e.path !== 'string' || e.code === 'ENOENT' || !(e.code in WHY))
    return undefined;
  const what =
    e.syscall === 'mkdir'
      ? 'create the folder'
      : e.syscall && READS.has(e.syscall)
        ? 'read'
        : 'write';
  return writeFailure(e.path, e, what);
}
