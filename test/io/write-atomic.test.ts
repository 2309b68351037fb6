// Writing files: a failed write is the user's to fix (exit 2, the path and what to do), leaves the
// old file as it was and no temp file; leftovers of a killed writer are cleaned up; a symlink
// written through stays a link; an exclusive write never replaces a file.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { removeStaleTemps, writeAtomic } from '../../src/adapters/files.js';
import { environmentFailure, writeFailure } from '../../src/adapters/write-errors.js';
import { tempDir } from '../helpers/cli.js';

const errno = (code: string, extra: Partial<NodeJS.ErrnoException> = {}) =>
  Object.assign(new Error(`${code}: simulated`), { code, ...extra });

describe('what a failed write tells the user', () => {
  it.each([
    ['ENOSPC', '/data/r.prepub.json: cannot write (disk full) — free some space and run again'],
    ['EDQUOT', '/data/r.prepub.json: cannot write (disk quota exceeded) — free some space'],
    [
      'EROFS',
      '/data/r.prepub.json: cannot write (read-only file system) — write it somewhere else',
    ],
    ['EACCES', "/data/r.prepub.json: cannot write (permission denied) — check the folder's"],
    ['ENOENT', '/data/r.prepub.json: cannot write (the folder /data does not exist) — create it'],
    ['ENOTDIR', '/data/r.prepub.json: cannot write (part of the path is a file, not a folder)'],
    ['EIO', '/data/r.prepub.json: cannot write (input/output error) — check the disk'],
  ])('%s → exit 2 with the path and what to do', (code, message) => {
    const error = writeFailure('/data/r.prepub.json', errno(code));
    expect(error).toBeInstanceOf(UserError);
    expect(error!.message.startsWith(message)).toBe(true);
  });

  it('is not a file-system error: undefined, so a real bug stays a bug', () => {
    expect(writeFailure('/x', new TypeError('boom'))).toBeUndefined();
  });

  it('an escaped environment error becomes exit 2 at the single exit; a missing file does not', () => {
    const full = environmentFailure(errno('ENOSPC', { path: '/data/x.lock', syscall: 'write' }));
    expect(full?.message).toBe(
      '/data/x.lock: cannot write (disk full) — free some space and run again',
    );
    expect(
      environmentFailure(errno('EACCES', { path: '/data/keys', syscall: 'mkdir' }))?.message,
    ).toMatch(/^\/data\/keys: cannot create the folder \(permission denied\)/);
    expect(environmentFailure(errno('ENOENT', { path: '/x', syscall: 'open' }))).toBeUndefined();
    expect(environmentFailure(errno('ENOSPC'))).toBeUndefined();
  });
});

describe('writeAtomic', () => {
  it('a missing folder: a UserError naming it, no temp file anywhere', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'nope', 'r.prepub.json');
    await expect(writeAtomic(target, 'x')).rejects.toThrow(
      /cannot write \(the folder .*nope does not exist\) — create it, or choose another path/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a folder that is a file: a UserError, the file untouched', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'afile'), 'keep');
    await expect(writeAtomic(path.join(dir, 'afile', 'r.json'), 'x')).rejects.toBeInstanceOf(
      UserError,
    );
    expect(readFileSync(path.join(dir, 'afile'), 'utf8')).toBe('keep');
  });

  it('exclusive: never replaces a file, even one that appears after a check', async () => {
    const dir = tempDir();
    const target = path.join(dir, 'sheet.md');
    await writeAtomic(target, 'one', 0o600, { exclusive: true });
    await expect(writeAtomic(target, 'two', 0o600, { exclusive: true })).rejects.toThrow(
      /already exists; it is not overwritten/,
    );
    expect(readFileSync(target, 'utf8')).toBe('one');
    expect(readdirSync(dir)).toEqual(['sheet.md']);
  });

  it('followSymlink: the file the link points at is written and the link stays', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'shared'));
    writeFileSync(path.join(dir, 'shared', 'keyring.json'), 'old');
    symlinkSync(path.join('shared', 'keyring.json'), path.join(dir, 'keyring.json'));
    await writeAtomic(path.join(dir, 'keyring.json'), 'new', 0o600, { followSymlink: true });
    expect(lstatSync(path.join(dir, 'keyring.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(dir, 'keyring.json'))).toBe(path.join('shared', 'keyring.json'));
    expect(readFileSync(path.join(dir, 'shared', 'keyring.json'), 'utf8')).toBe('new');
    expect(readdirSync(path.join(dir, 'shared'))).toEqual(['keyring.json']);
  });

  it('removes the temp copies of a writer that is gone, and only those', async () => {
    const dir = tempDir();
    const record = path.join(dir, 'story.prepub.json');
    writeFileSync(record, '{}');
    // A pid that was alive a moment ago and is not now.
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], {
      encoding: 'utf8',
    }).stdout.trim();
    const deadTemp = `.prepub-tmp-story.prepub.json-${dead}-0badc0de`;
    const liveTemp = `.prepub-tmp-story.prepub.json-${process.ppid}-0badc0de`;
    const oldTemp = `.prepub-tmp-story.prepub.json-${process.ppid}-5ca1ab1e`;
    const otherFile = `.prepub-tmp-other.prepub.json-${dead}-0badc0de`;
    for (const f of [deadTemp, liveTemp, oldTemp, otherFile]) writeFileSync(path.join(dir, f), '');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(path.join(dir, oldTemp), twoHoursAgo, twoHoursAgo);
    const removed = await removeStaleTemps(record);
    expect(removed.map((f) => path.basename(f)).sort()).toEqual([deadTemp, oldTemp].sort());
    expect(existsSync(path.join(dir, liveTemp))).toBe(true);
    expect(existsSync(path.join(dir, otherFile))).toBe(true);
  });
});
