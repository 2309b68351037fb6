// Worker threads for `prepub status`, so that reading, parsing and checking signatures use every
// core. Started early (they load their modules while the main thread reads config and walks the
// folder); each takes batches of files and returns their rows. Any failure rejects, and the caller
// checks the records on the main thread instead.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ReadRow } from './status-read.js';
import type { BatchMessage, BatchResult, InitMessage } from './status-worker.js';

const BATCH = 100;
/** Batches handed to a worker before its first comes back, so it never waits for the main thread. */
const AHEAD = 2;

/** Worker threads need the built JavaScript; under a TypeScript runner (tests) there is none. */
export function workersAvailable(): boolean {
  return import.meta.url.endsWith('.js');
}

/** How many threads to start for `records` records (0: check them on this thread). */
export function threadsFor(records: number, minRecords: number): number {
  if (!workersAvailable() || records < minRecords) return 0;
  return Math.max(1, Math.min(availableParallelism(), 8));
}

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

  /** Rows in the order of `files`, and the cache entries the workers added. */
  run(
    files: readonly string[],
    rels: readonly string[],
    init: Omit<InitMessage, 'type'>,
  ): Promise<{ rows: ReadRow[]; added: string[] }> {
    const rows = new Array<ReadRow>(files.length);
    const added: string[] = [];
    const batches = Math.ceil(files.length / BATCH);
    let next = 0;
    let done = 0;
    return new Promise((resolve, reject) => {
      if (this.failure) {
        reject(this.failure);
        return;
      }
      this.onFailure = reject;
      if (batches === 0) {
        resolve({ rows, added });
        return;
      }
      const send = (w: Worker): void => {
        if (next >= batches) return;
        const id = next++;
        const start = id * BATCH;
        w.postMessage({
          type: 'batch',
          id,
          files: files.slice(start, start + BATCH),
          rels: rels.slice(start, start + BATCH),
        } satisfies BatchMessage);
      };
      for (const w of this.workers) {
        w.on('message', (msg: BatchResult) => {
          const start = msg.id * BATCH;
          for (let i = 0; i < msg.rows.length; i++) rows[start + i] = msg.rows[i]!;
          for (const key of msg.added) added.push(key);
          if (++done === batches) resolve({ rows, added });
          else send(w);
        });
        w.postMessage({ type: 'init', ...init } satisfies InitMessage);
        for (let i = 0; i < AHEAD; i++) send(w);
      }
    });
  }

  async close(): Promise<void> {
    this.onFailure = undefined;
    this.failure ??= new Error('closed');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
