// A lock beside a record, so two `prepub check` runs never write the same record. A lock left by
// a process that has died is taken over.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import { UserError } from '../errors.js';

interface LockInfo {
  pid: number;
  host: string;
  started: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

export interface Lock {
  readonly file: string;
  release(): Promise<void>;
  releaseSync(): void;
}

export async function acquireLock(recordFile: string): Promise<Lock> {
  const file = `${recordFile}.lock`;
  const info: LockInfo = {
    pid: process.pid,
    host: os.hostname(),
    started: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await fs.open(file, 'wx', 0o600);
      await handle.writeFile(`${JSON.stringify(info)}\n`);
      await handle.close();
      const { rmSync } = await import('node:fs');
      return {
        file,
        release: () => fs.rm(file, { force: true }),
        releaseSync: () => rmSync(file, { force: true }),
      };
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
    }
    let holder: LockInfo | undefined;
    try {
      holder = JSON.parse(await fs.readFile(file, 'utf8')) as LockInfo;
    } catch {
      holder = undefined; // torn or unreadable: treat as stale
    }
    const sameHost = holder?.host === os.hostname();
    if (holder && (!sameHost || alive(holder.pid))) {
      throw new UserError(
        `${recordFile} is open in another prepub (process ${holder.pid} on ${holder.host}, since ${holder.started})`,
        {
          code: 'RECORD_LOCKED',
          hint: `Finish or close that session first. If it is gone, delete ${file}.`,
        },
      );
    }
    await fs.rm(file, { force: true }); // stale: its process is dead
  }
  throw new UserError(`${recordFile}: could not take the lock ${file}`, { code: 'RECORD_LOCKED' });
}
