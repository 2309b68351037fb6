// A record's text as a record, and a record as its text: strict JSON, then the schema. One reader
// for every command (verify, file, review, export, status). Pure: the file side is
// src/adapters/record-store.ts.
import { formatDiagnostic, type Loaded } from '../../diagnostics.js';
import { UserError } from '../../errors.js';
import { lineColumn, readJson, toJson } from '../parse/json-strict.js';
import { parseJsonWithSchema } from '../parse/located.js';
import { quickCheck } from '../parse/quick-check.js';
import { RecordFile } from './schema.js';

/** A record's text as a record, or the problems with it, each at file:line:column. */
export function loadRecordText(file: string, text: string): Loaded<RecordFile> {
  // A record is JSON. YAML reads JSON too, but a record saved as YAML is not one: say so.
  const start = /^\uFEFF?[ \t\r\n]*/.exec(text)![0].length;
  if (start < text.length && text[start] !== '{') {
    return {
      value: undefined,
      errors: [
        {
          file,
          ...lineColumn(text, start),
          message:
            'a prepub record is a JSON object, starting with "{" (records are JSON, not YAML)',
        },
      ],
      warnings: [],
    };
  }
  return parseJsonWithSchema(file, text, RecordFile);
}

const quickRecord = quickCheck(RecordFile);

/**
 * A record's text as a record, or undefined when it is not one: the same answer as
 * `loadRecordText`, cheaper for the usual valid record (`prepub status` reads thousands). The
 * strict JSON reader, then the schema's quick check (parse/quick-check.ts), which vouches that the
 * schema would accept the data unchanged; anything it does not vouch for goes to the full reader.
 * The record's keys are in the file's order (the schema's parse puts them in its own): for
 * reading, never for writing back.
 */
export function readRecordQuick(file: string, text: string): RecordFile | undefined {
  if (quickRecord) {
    const json = readJson(text);
    if (json.ok && quickRecord(json.value)) return json.value as RecordFile;
  }
  return loadRecordText(file, text).value;
}

/** Parse a record's text; every problem is a UserError naming file:line:column. */
export function parseRecord(file: string, text: string): RecordFile {
  const loaded = loadRecordText(file, text);
  if (!loaded.value) {
    throw new UserError(`${file}: not a valid prepub record`, {
      code: 'RECORD_INVALID',
      lines: loaded.errors.map(formatDiagnostic),
    });
  }
  return loaded.value;
}

export function serializeRecord(record: RecordFile): string {
  return toJson(record);
}
