// Canonical JSON for comparing two values: object keys sorted, no whitespace. Used only to
// compare; signed bytes are never canonicalised (DSSE signs the exact payload bytes).

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Equal as JSON values, whatever the key order. */
export function canonicalEqual(a: unknown, b: unknown): boolean {
  // Fast path: the same key order (the usual case) needs no sorting.
  return JSON.stringify(a) === JSON.stringify(b) || canonicalJson(a) === canonicalJson(b);
}
