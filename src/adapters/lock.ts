// A lock beside a record, so two prepub processes never write the same record at once. A lock
// left by a process that has died is taken over; only the process that holds a lock removes it.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { writeFailure } from './write-errors.js';
import { parseJson } from '../core/parse/json-strict.js';

const LockInfo = z.strictObject({
  pid: z.number().int().positive(),
  host: z.string().min(1),
  started: z.string(),
  token: z.string().optional(),
});
type LockInfo = z.infer<typeof LockInfo>;

/** What a lock file says, or undefined when it is not a prepub lock (torn, empty, `{}`, …). */
function readLockInfo(text: string): LockInfo | undefined {
  try {
    const parsed = LockInfo.safeParse(parseJson(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

function errno(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error ? String(error.code) : undefined;
}

export interface Lock {
  readonly file: string;
  /** Remove the lock if it is still ours; safe to call more than once. */
  release(): Promise<void>;
}

export async function acquireLock(recordFile: string): Promise<Lock> {
  const file = `${recordFile}.lock`;
  const info: Required<LockInfo> = {
    pid: process.pid,
    host: os.hostname(),
    started: new Date().toISOString(),
    token: `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
  };
  const text = `${JSON.stringify(info)}\n`;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const handle = await fs.open(file, 'wx', 0o600);
      try {
        await handle.writeFile(text);
      } catch (error) {
        // A full disk: no empty lock left behind, and the user told which file and what to do.
        await handle.close().catch(() => undefined);
        await fs.rm(file, { force: true });
        throw writeFailure(file, error) ?? error;
      }
      await handle.close();
      let released = false;
      const ours = (content: string | undefined) => content === text;
      return {
        file,
        async release() {
          if (released) return;
          released = true;
          const content = await fs.readFile(file, 'utf8').catch(() => undefined);
          if (ours(content)) await fs.rm(file, { force: true });
        },
      };
    } catch (error) {
      const code = errno(error);
      if (code === 'ENOENT') {
        throw new UserError(`cannot write the record: the folder of ${recordFile} does not exist`, {
          code: 'FILE_MISSING',
        });
      }
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
        throw new UserError(
          `cannot write the record: no permission to write beside ${recordFile}`,
          { code: 'FILE_UNREADABLE' },
        );
      }
      if (code !== 'EEXIST')
        throw error instanceof UserError ? error : (writeFailure(file, error) ?? error);
    }
    let seen: string | undefined;
    let holder: LockInfo | undefined;
    try {
      seen = await fs.readFile(file, 'utf8');
      holder = readLockInfo(seen);
    } catch {
      holder = undefined;
    }
    // Torn, not a prepub lock, or removed meanwhile: treated as stale.
    if (holder && (holder.host !== os.hostname() || alive(holder.pid))) {
      throw new UserError(
        `${recordFile} is open in another prepub (process ${holder.pid} on ${holder.host}, since ${holder.started})`,
        {
          code: 'RECORD_LOCKED',
          hint: `Finish or close that session first. If it is gone, delete ${file}.`,
        },
      );
    }
    // Stale: its process is dead. Move it aside atomically; if what was moved is not the stale
    // lock we read (another process took over in between), put it back and look again.
    const aside = `${file}.stale-${info.token}`;
    try {
      await fs.rename(file, aside);
    } catch (error) {
      if (errno(error) !== 'ENOENT') throw error;
      continue;
    }
    const moved = await fs.readFile(aside, 'utf8').catch(() => undefined);
    if (seen !== undefined && moved !== seen) {
      await fs.link(aside, file).catch(() => undefined);
    }
    await fs.rm(aside, { force: true });
  }
  throw new UserError(`${recordFile}: could not take the lock ${file}`, { code: 'RECORD_LOCKED' });
}
