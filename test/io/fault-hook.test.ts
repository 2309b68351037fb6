// The fault hook (src/adapters/fault.ts) stops nothing it is not aimed at: with PREPUB_FAULT_KILL
// naming a later write, or a value it does not understand, every write completes as it would
// without it (were a kill aimed wrongly, this test's own process would die). The kills themselves
// are in test/e2e/crash.test.ts, in child processes.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeAtomic } from '../../src/adapters/files.js';
import { tempDir } from '../helpers/cli.js';

const saved = process.env.PREPUB_FAULT_KILL;
afterEach(() => {
  if (saved === undefined) delete process.env.PREPUB_FAULT_KILL;
  else process.env.PREPUB_FAULT_KILL = saved;
});

describe('the fault hook', () => {
  it.each(['1000000:torn', '1000000:renamed', 'torn', '1:later', ' 1:open'])(
    'PREPUB_FAULT_KILL=%j: every write completes, and no temp file is left',
    async (value) => {
      process.env.PREPUB_FAULT_KILL = value;
      const dir = tempDir();
      const file = path.join(dir, 'r.json');
      for (const n of [1, 2, 3]) {
        await writeAtomic(file, `{"n":${n}}\n`);
        expect(readFileSync(file, 'utf8')).toBe(`{"n":${n}}\n`);
      }
      expect(readdirSync(dir)).toEqual(['r.json']);
    },
  );
});
