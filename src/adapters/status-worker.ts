// A worker thread for `prepub status`: reads records and checks them, signatures included, and
// hashes the article beside each for the stale check, on its own core. The main thread (adapters/status-pool.ts) hands it batches of files and
// collects rows.
import { parentPort } from 'node:worker_threads';
import type { Policy } from '../core/config/schema.js';
import type { Envelope } from '../core/record/schema.js';
import type { RowContext } from '../core/signing/status-row.js';
import { readRow, type ReadRow } from './status-read.js';
import { signatureCacheKey, type SignatureCache } from './verified-cache.js';
import type { TrustedKey } from '../core/signing/verify.js';

export interface InitMessage {
  readonly type: 'init';
  readonly keys: readonly TrustedKey[] | undefined;
  readonly policy: Policy;
  /** The cache's entries, when the cache is in use. */
  readonly cache: readonly string[] | undefined;
  /** How long ago a file must have changed for its row to be cached (status-read.ts). */
  readonly settledMs?: number;
}
export interface BatchMessage {
  readonly type: 'batch';
  /** The index of the batch's first file among all the run's files. */
  readonly id: number;
  readonly files: readonly string[];
  readonly rels: readonly string[];
}
export interface BatchResult {
  readonly id: number;
  readonly rows: ReadRow[];
  /** Cache entries for signatures this batch checked. */
  readonly added: string[];
}

/** The cache as a worker sees it: a copy to look up, and what it adds, sent back to be saved. */
class WorkerCache implements SignatureCache {
  readonly added: string[] = [];
  constructor(private readonly entries: Set<string>) {}
  has(keyid: string, envelope: Envelope, payloadSha256: string): boolean {
    return this.entries.has(signatureCacheKey(keyid, envelope, payloadSha256));
  }
  add(keyid: string, envelope: Envelope, payloadSha256: string): void {
    const key = signatureCacheKey(keyid, envelope, payloadSha256);
    if (!this.entries.has(key)) {
      this.entries.add(key);
      this.added.push(key);
    }
  }
}

const port = parentPort;
if (port) {
  let ctx: RowContext | undefined;
  let settledMs: number | undefined;
  let cache: WorkerCache | undefined;
  // One batch at a time, in order: a message that arrives mid-batch waits its turn.
  let queue: Promise<void> = Promise.resolve();
  const run = async (msg: BatchMessage): Promise<void> => {
    const rows: ReadRow[] = [];
    for (let i = 0; i < msg.files.length; i++)
      rows.push(await readRow(msg.files[i]!, msg.rels[i]!, ctx!, settledMs));
    const added = cache ? cache.added.splice(0) : [];
    port.postMessage({ id: msg.id, rows, added } satisfies BatchResult);
  };
  port.on('message', (msg: InitMessage | BatchMessage) => {
    if (msg.type === 'init') {
      cache = msg.cache ? new WorkerCache(new Set(msg.cache)) : undefined;
      ctx = { keys: msg.keys, policy: msg.policy, cache, sync: true };
      settledMs = msg.settledMs;
    } else {
      queue = queue.then(() => run(msg));
    }
  });
}
