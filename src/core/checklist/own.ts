// Looking a key up in a plain object by its own properties only. An id or a value from a file
// ("toString", "constructor") must never find something on Object.prototype.

/** `record[key]` when `key` is the record's own property; otherwise undefined. */
export function own<T>(
  record: Readonly<Record<string, T>> | undefined,
  key: string,
): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
