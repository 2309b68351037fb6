// Reading and writing records: validated on the way in, atomic and 0600 on the way out.
import { formatDiagnostic } from '../diagnostics.js';
import { UserError } from '../errors.js';
import { readText, toJson, writeAtomic } from '../io/files.js';
import { parseWithSchema } from '../io/structured.js';
import { RecordFile } from './schema.js';

/** Parse a record's text; every problem is a UserError naming file:line:column. */
export function parseRecord(file: string, text: string): RecordFile {
  const loaded = parseWithSchema(file, text, RecordFile, { fast: true });
  if (!loaded.value) {
    throw new UserError(`${file}: not a valid prepub record`, {
      code: 'RECORD_INVALID',
      lines: loaded.errors.map(formatDiagnostic),
    });
  }
  return loaded.value;
}

export async function readRecord(file: string): Promise<RecordFile> {
  return parseRecord(file, await readText(file, 'record'));
}

export function serializeRecord(record: RecordFile): string {
  return toJson(record);
}

export async function writeRecord(file: string, record: RecordFile): Promise<void> {
  await writeAtomic(file, serializeRecord(record), 0o600);
}
