// Worker threads for `prepub status`, so that reading, parsing and checking signatures use every
// core. Started early (they load their modules while the main thread reads config and walks the
// folder); each takes batches of files and returns their rows. The main thread, which has loaded
// the same modules already and would otherwise only wait, checks records too: so one core fewer
// is given a worker (on two cores, one worker and the main thread), which saves a thread's
// start-up (zod and the schemas, a few hundred milliseconds of CPU). Batches shrink as the
// records run out, so that the threads finish together. Any failure rejects, and the caller
// checks the records on the main thread instead.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ReadRow } from './status-read.js';
import type { BatchMessage, BatchResult, InitMessage } from './status-worker.js';

/** The most records in one batch for a worker, and for the main thread (which must stay free to
 * hand the workers their next batches). */
const BATCH = 100;
const LOCAL_BATCH = 20;
/** Batches handed to a worker before its first comes back, so it never waits for the main thread. */
const AHEAD = 2;

/** Worker threads need the built JavaScript; under a TypeScript runner (tests) there is none. */
export function workersAvailable(): boolean {
  return import.meta.url.endsWith('.js');
}

/** How many worker threads to start for `records` records (0: check them on this thread). The
 * main thread checks records beside them, so one core is left to it. */
export function threadsFor(records: number, minRecords: number): number {
  if (!workersAvailable() || records < minRecords) return 0;
  return Math.max(1, Math.min(availableParallelism() - 1, 8));
}

/** Read and check one record on the main thread. */
export type LocalReader = (file: string, rel: string) => Promise<ReadRow>;

export class StatusPool {
  private readonly workers: Worker[];
  /** Set when a worker failed (before `run`, or during it). */
  private failure: Error | undefined;
  private onFailure: ((error: Error) => void) | undefined;

  private constructor(threads: number) {
    this.workers = Array.from({ length: threads }, () => {
      const w = new Worker(new URL('./status-worker.js', import.meta.url));
      const fail = (error: Error) => {
        this.failure ??= error;
        this.onFailure?.(error);
      };
      w.on('error', fail);
      w.on('exit', (code) => fail(new Error(`a status worker exited (${code})`)));
      return w;
    });
  }

  static start(threads: number): StatusPool {
    return new StatusPool(threads);
  }

  /** Rows in the order of `files`, and the cache entries the workers added. With `local`, the
   * main thread reads a share of the records too (its cache entries are its own business). */
  run(
    files: readonly string[],
    rels: readonly string[],
    init: Omit<InitMessage, 'type'>,
    local?: LocalReader,
  ): Promise<{ rows: ReadRow[]; added: string[] }> {
    const rows = new Array<ReadRow>(files.length);
    const added: string[] = [];
    const threads = this.workers.length + (local ? 1 : 0);
    let next = 0;
    let done = 0;
    /** The next batch: a share of what is left, so that the last batches are small. */
    const take = (most: number): { start: number; end: number } | undefined => {
      if (next >= files.length) return undefined;
      const left = files.length - next;
      const size = Math.max(1, Math.min(most, Math.ceil(left / (threads * (AHEAD + 1)))));
      const start = next;
      next += size;
      return { start, end: next };
    };
    return new Promise((resolve, reject) => {
      if (this.failure) {
        reject(this.failure);
        return;
      }
      let failed = false;
      this.onFailure = (error) => {
        failed = true;
        reject(error);
      };
      if (files.length === 0) {
        resolve({ rows, added });
        return;
      }
      const finished = (count: number): void => {
        done += count;
        if (done === files.length) resolve({ rows, added });
      };
      const send = (w: Worker): void => {
        const batch = take(BATCH);
        if (!batch) return;
        w.postMessage({
          type: 'batch',
          id: batch.start,
          files: files.slice(batch.start, batch.end),
          rels: rels.slice(batch.start, batch.end),
        } satisfies BatchMessage);
      };
      for (const w of this.workers) {
        w.on('message', (msg: BatchResult) => {
          for (let i = 0; i < msg.rows.length; i++) rows[msg.id + i] = msg.rows[i]!;
          for (const key of msg.added) added.push(key);
          send(w);
          finished(msg.rows.length);
        });
        w.postMessage({ type: 'init', ...init } satisfies InitMessage);
        for (let i = 0; i < AHEAD; i++) send(w);
      }
      if (local) {
        // Small batches, and a turn of the event loop after each, so the workers' results are
        // taken and their next batches sent while this thread works.
        const work = async (): Promise<void> => {
          for (let batch = take(LOCAL_BATCH); batch && !failed; batch = take(LOCAL_BATCH)) {
            for (let i = batch.start; i < batch.end; i++)
              rows[i] = await local(files[i]!, rels[i]!);
            finished(batch.end - batch.start);
            await new Promise<void>((r) => setImmediate(r));
          }
        };
        work().catch((error: unknown) => reject(error as Error));
      }
    });
  }

  async close(): Promise<void> {
    this.onFailure = undefined;
    this.failure ??= new Error('closed');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
