// Records on disk: read through the capped reader, written atomically and 0600, and changed only
// through `updateRecord`, which owns "lock, re-read, compare, write": nothing another prepub wrote
// meanwhile is overwritten, and a crash leaves the old record or the new one, never half of each.
import { UserError } from '../errors.js';
import { parseRecord, serializeRecord } from '../core/record/parse.js';
import type { RecordFile } from '../core/record/schema.js';
import { readText, writeAtomic } from './files.js';
import { acquireLock } from './lock.js';

export async function readRecord(file: string): Promise<RecordFile> {
  return parseRecord(file, await readText(file, 'record'));
}

export async function writeRecord(file: string, record: RecordFile): Promise<void> {
  await writeAtomic(file, serializeRecord(record), 0o600);
}

/**
 * Replace the record at `file` with `next`, only if the file still holds `expected` (the text
 * this process read; undefined: there was no file): under the record's lock, re-read, compare,
 * write atomically. Otherwise a UserError naming the record (`shown`), and nothing is written.
 * `locked`: the caller holds the record's lock already (a `prepub check` session holds it
 * throughout).
 */
export async function updateRecord(
  file: string,
  expected: string | undefined,
  next: RecordFile | string,
  shown: string,
  what: string,
  options: { readonly locked?: boolean; readonly hint?: string } = {},
): Promise<void> {
  const lock = options.locked ? undefined : await acquireLock(file);
  try {
    const current = await readText(file, 'record').catch(() => undefined);
    if (current !== expected)
      throw new UserError(
        `${shown}: changed on disk by another prepub while ${what} ran; nothing was written`,
        { code: 'RECORD_LOCKED', hint: options.hint ?? `Run ${what} again.` },
      );
    await writeAtomic(file, typeof next === 'string' ? next : serializeRecord(next), 0o600);
  } finally {
    await lock?.release();
  }
}
