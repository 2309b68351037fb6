// The status pool's sharing of records between threads, on the main thread alone (worker threads
// need the built JavaScript, which the built-bin status tests drive): every record read once, rows
// in the order of the files however the batches fall, and a failure rejects so the caller can
// read the records itself.
import { describe, expect, it } from 'vitest';
import { StatusPool, threadsFor, workersAvailable } from '../../src/adapters/status-pool.js';
import type { ReadRow } from '../../src/adapters/status-read.js';

const init = { keys: undefined, policy: {} as never, cache: undefined };

describe('StatusPool on the main thread', () => {
  it('reads every record once and returns the rows in the order of the files', async () => {
    const files = Array.from({ length: 257 }, (_, i) => `/records/${i}.prepub.json`);
    const rels = files.map((f) => f.slice(9));
    const seen: string[] = [];
    const pool = StatusPool.start(0);
    const { rows, added } = await pool.run(files, rels, init, async (file, rel) => {
      seen.push(file);
      await Promise.resolve();
      return { row: { path: rel } } as unknown as ReadRow;
    });
    await pool.close();
    expect(seen.sort()).toEqual([...files].sort());
    expect(rows.map((r) => (r.row as unknown as { path: string }).path)).toEqual(rels);
    expect(added).toEqual([]);
  });

  it('resolves at once for no records, and rejects when a read fails', async () => {
    const pool = StatusPool.start(0);
    await expect(pool.run([], [], init, () => Promise.reject(new Error('x')))).resolves.toEqual({
      rows: [],
      added: [],
    });
    await expect(
      pool.run(['/a'], ['a'], init, () => Promise.reject(new Error('unreadable'))),
    ).rejects.toThrow('unreadable');
    await pool.close();
    await expect(pool.run(['/a'], ['a'], init)).rejects.toThrow('closed');
  });

  it('starts no worker under the TypeScript runner or for a few records', () => {
    expect(workersAvailable()).toBe(false);
    expect(threadsFor(10_000, 200)).toBe(0);
  });
});
