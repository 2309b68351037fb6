// Parse YAML or JSON text against a zod schema, and report every problem as file:line:column.
// Pure: takes text, returns data. The `yaml` package keeps the source range of every node, so
// a zod issue path can be mapped back to the place in the file.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import type { Diagnostic, Loaded } from '../diagnostics.js';

export type PathKey = string | number;

export interface ParsedDoc {
  readonly file: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

function describe(path: readonly PathKey[]): string {
  if (path.length === 0) return '';
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

/** The position of the node at `path` (or of its key, for `key: true`), as line and column. */
export function positionAt(
  parsed: ParsedDoc,
  path: readonly PathKey[],
  key?: string,
): { line: number; column: number } {
  let node: unknown = parsed.doc.contents;
  let offset =
    node && typeof node === 'object' && 'range' in node ? ((node as Node).range?.[0] ?? 0) : 0;
  const walk = [...path];
  if (key !== undefined) walk.push(key);
  for (let i = 0; i < walk.length; i++) {
    const k = walk[i];
    const isLast = i === walk.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(k));
      if (!pair) break;
      const keyNode = pair.key as Node;
      if (isLast && key !== undefined) {
        offset = keyNode.range?.[0] ?? offset;
        break;
      }
      const value = pair.value as Node | null;
      offset = value?.range?.[0] ?? keyNode.range?.[0] ?? offset;
      node = value;
    } else if (isSeq(node) && typeof k === 'number') {
      const item = node.items[k] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  const pos = parsed.lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

export function diagnosticAt(
  parsed: ParsedDoc,
  path: readonly PathKey[],
  message: string,
  key?: string,
): Diagnostic {
  const { line, column } = positionAt(parsed, path, key);
  const where = describe(key !== undefined ? [...path, key] : path);
  return { file: parsed.file, line, column, message: where ? `${where}: ${message}` : message };
}

/** Parse YAML (JSON is YAML too, with the same positions). Syntax errors come back as diagnostics. */
export function parseText(
  file: string,
  text: string,
): { parsed?: ParsedDoc; errors: Diagnostic[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
  });
  const errors: Diagnostic[] = doc.errors.map((e) => {
    const pos = e.linePos?.[0] ?? lines.linePos(e.pos[0]);
    const first = e.message.split('\n')[0] ?? e.message;
    return {
      file,
      line: pos.line,
      column: pos.col,
      message: `YAML syntax: ${first.replace(/ at line \d+, column \d+:?$/, '')}`,
    };
  });
  if (errors.length > 0) return { errors };
  return { parsed: { file, doc, lines }, errors };
}

function kindOf(node: unknown): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node))
    return node.value === null
      ? 'nothing'
      : typeof node.value === 'string'
        ? 'text'
        : typeof node.value;
  return 'something else';
}

function zodMessage(issue: z.core.$ZodIssue, parsed: ParsedDoc, path: readonly PathKey[]): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (!parsed.doc.hasIn(path)) return `is required (expected ${issue.expected})`;
      return `expected ${issue.expected}, got ${kindOf(parsed.doc.getIn(path, true))}`;
    }
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

/** Turn zod issues into diagnostics at their positions in the document. */
export function issuesToDiagnostics(
  parsed: ParsedDoc,
  issues: readonly z.core.$ZodIssue[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
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
    } else if (issue.code === 'invalid_type' && path.length > 0 && !parsed.doc.hasIn(path)) {
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
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Parse a YAML/JSON text and validate it with `schema`. */
export function parseWithSchema<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
  options: { fast?: boolean } = {},
): Loaded<z.infer<S>> & { parsed?: ParsedDoc } {
  // Fast path for JSON whose positions are only needed to explain a problem (records,
  // keyrings): JSON.parse first, and the YAML parser, which keeps positions, only on failure.
  if (options.fast === true && /^\s*[[{]/.test(text)) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
    if (data !== undefined) {
      const fast = schema.safeParse(data);
      if (fast.success) return { value: fast.data, errors: [], warnings: [] };
    }
  }
  const { parsed, errors } = parseText(file, text);
  if (!parsed) return { value: undefined, errors, warnings: [] };
  const data: unknown = parsed.doc.toJS({ maxAliasCount: 100 });
  const result = schema.safeParse(data);
  if (!result.success)
    return {
      value: undefined,
      errors: issuesToDiagnostics(parsed, result.error.issues),
      warnings: [],
      parsed,
    };
  return { value: result.data, errors: [], warnings: [], parsed };
}
