// Positions in parsed documents: where a path is in the file, diagnostics at paths, zod issues
// as diagnostics; and strict JSON documents with their positions. Pure. No YAML here, so that the
// JSON readers (records, keyrings, configs) do not load the YAML parser.
import type { z } from 'zod';
import type { Diagnostic, Loaded } from '../../diagnostics.js';
import { isSyntaxMessage, lineColumn, offsetOfPath, readJson } from './json-strict.js';

export type PathKey = string | number;

export interface ParsedDoc {
  readonly file: string;
  readonly format: 'json' | 'yaml';
  /** The document as plain data (objects made by the parser have only own, safe keys). */
  readonly data: unknown;
  /** 1-based line and column of the value at `path` (or of its key, with `key`). Where the path
   * runs out, the position of the deepest value found. */
  position(path: readonly PathKey[], key?: string): { line: number; column: number };
}

function describe(path: readonly PathKey[]): string {
  if (path.length === 0) return '';
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

/** The position of the node at `path` (or of its key, for `key`), as line and column. */
export function positionAt(
  parsed: ParsedDoc,
  path: readonly PathKey[],
  key?: string,
): { line: number; column: number } {
  return parsed.position(path, key);
}

export function diagnosticAt(
  parsed: ParsedDoc,
  path: readonly PathKey[],
  message: string,
  key?: string,
): Diagnostic {
  const { line, column } = parsed.position(path, key);
  const where = describe(key !== undefined ? [...path, key] : path);
  return { file: parsed.file, line, column, message: where ? `${where}: ${message}` : message };
}

/** The value at `path` in plain data, by own properties only. */
export function valueAt(
  data: unknown,
  path: readonly PathKey[],
): { found: boolean; value: unknown } {
  let node = data;
  for (const k of path) {
    if (Array.isArray(node) && typeof k === 'number' && k >= 0 && k < node.length) node = node[k];
    else if (
      node !== null &&
      typeof node === 'object' &&
      !Array.isArray(node) &&
      Object.hasOwn(node, k)
    )
      node = (node as Record<string, unknown>)[k];
    else return { found: false, value: undefined };
  }
  return { found: true, value: node };
}

// --- JSON ---------------------------------------------------------------------------------------

/** Parse strict JSON; a problem (syntax, duplicate or forbidden key, depth) is a diagnostic. */
export function parseJsonText(
  file: string,
  text: string,
): { parsed?: ParsedDoc; errors: Diagnostic[] } {
  const result = readJson(text);
  if (!result.ok) {
    const { line, column, message } = result.issue;
    const shown = isSyntaxMessage(message) ? `JSON syntax: ${message}` : message;
    return { errors: [{ file, line, column, message: shown }] };
  }
  return {
    parsed: {
      file,
      format: 'json',
      data: result.value,
      position: (path, key) => lineColumn(text, offsetOfPath(text, path, key)),
    },
    errors: [],
  };
}

// --- zod ----------------------------------------------------------------------------------------

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  return typeof value;
}

function zodMessage(issue: z.core.$ZodIssue, parsed: ParsedDoc, path: readonly PathKey[]): string {
  switch (issue.code) {
    case 'invalid_type': {
      const at = valueAt(parsed.data, path);
      if (!at.found) return `is required (expected ${issue.expected})`;
      return `expected ${issue.expected}, got ${kindOf(at.value)}`;
    }
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

/** At most this many problems are located and listed: finding a position costs a pass over the
 * file, so a file with a hundred thousand bad entries must not cost a hundred thousand passes. */
export const MAX_DIAGNOSTICS = 20;

/** Turn zod issues into diagnostics at their positions in the document (the first
 * MAX_DIAGNOSTICS of them, and a line saying how many more there are). */
export function issuesToDiagnostics(
  parsed: ParsedDoc,
  issues: readonly z.core.$ZodIssue[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  let more = 0;
  for (const issue of issues) {
    if (out.length >= MAX_DIAGNOSTICS) {
      more += issue.code === 'unrecognized_keys' ? issue.keys.length : 1;
      continue;
    }
    const path = issue.path.filter(
      (k): k is PathKey => typeof k === 'string' || typeof k === 'number',
    );
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        out.push(diagnosticAt(parsed, path, `unknown key "${key}"`, key));
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      out.push(
        diagnosticAt(
          parsed,
          path,
          issue.message === 'Invalid input' ? 'does not match any allowed form' : issue.message,
        ),
      );
    } else if (
      issue.code === 'invalid_type' &&
      path.length > 0 &&
      !valueAt(parsed.data, path).found
    ) {
      // A missing key: point at the object that lacks it.
      out.push(
        diagnosticAt(
          parsed,
          path.slice(0, -1),
          `"${String(path.at(-1))}" ${zodMessage(issue, parsed, path)}`,
        ),
      );
    } else {
      out.push(diagnosticAt(parsed, path, zodMessage(issue, parsed, path)));
    }
  }
  out.sort((a, b) => a.line - b.line || a.column - b.column);
  const last = out.at(-1);
  if (more > 0 && last)
    out.push({ ...last, message: `and ${more} more problem${more === 1 ? '' : 's'} not listed` });
  return out;
}

/** Parse strict JSON and validate it with `schema`. */
export function parseJsonWithSchema<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
): Loaded<z.infer<S>> & { parsed?: ParsedDoc } {
  return validate(parseJsonText(file, text), schema);
}

/** Validate a parsed document with `schema`; zod's issues become diagnostics at their positions. */
export function validate<S extends z.ZodType>(
  { parsed, errors }: { parsed?: ParsedDoc; errors: Diagnostic[] },
  schema: S,
): Loaded<z.infer<S>> & { parsed?: ParsedDoc } {
  if (!parsed) return { value: undefined, errors, warnings: [] };
  const result = schema.safeParse(parsed.data);
  if (!result.success)
    return {
      value: undefined,
      errors: issuesToDiagnostics(parsed, result.error.issues),
      warnings: [],
      parsed,
    };
  return { value: result.data, errors: [], warnings: [], parsed };
}
