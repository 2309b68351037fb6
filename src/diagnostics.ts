// A problem found in an input file, with the position a person needs to fix it.

export interface Diagnostic {
  readonly file: string;
  /** 1-based; 0 when the problem is with the file as a whole. */
  readonly line: number;
  /** 1-based, in characters. */
  readonly column: number;
  readonly message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  return d.line > 0 ? `${d.file}:${d.line}:${d.column}: ${d.message}` : `${d.file}: ${d.message}`;
}

export interface Loaded<T> {
  readonly value: T | undefined;
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
}
