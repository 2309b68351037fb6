// Parse YAML or JSON text against a zod schema, and report every problem as file:line:column.
// Pure: takes text, returns data. Both readers are strict: a duplicate key, a key named
// `__proto__`, `constructor` or `prototype`, nesting deeper than MAX_DEPTH, and (YAML) aliases
// that would blow the document up are errors with a position, never a crash. JSON goes through
// the one strict JSON reader (json-strict.ts, located.ts); YAML through the `yaml` package, whose
// nodes keep their source ranges, so a zod issue path can be mapped back to the place in the file.
import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Node,
} from 'yaml';
import type { z } from 'zod';
import type { Diagnostic, Loaded } from '../../diagnostics.js';
import { FORBIDDEN_KEYS, lineColumn, MAX_DEPTH } from './json-strict.js';
import { parseJsonText, validate, type ParsedDoc, type PathKey } from './located.js';

export { diagnosticAt, issuesToDiagnostics, positionAt } from './located.js';
export type { ParsedDoc, PathKey } from './located.js';

/** How a text is read: strict JSON, or YAML. */
export type TextFormat = 'json' | 'yaml';

/** Aliases a YAML document may hold, and the nodes their expansion may add, at most. */
export const MAX_ALIASES = 1000;
export const MAX_ALIAS_EXPANSION = 10_000;

// --- YAML ---------------------------------------------------------------------------------------

function yamlPosition(
  doc: Document.Parsed,
  text: string,
  path: readonly PathKey[],
  key?: string,
): { line: number; column: number } {
  let node: unknown = doc.contents;
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
  return lineColumn(text, offset);
}

interface YamlProblem {
  readonly offset: number;
  readonly message: string;
}

/**
 * Walk a YAML document without recursion, before it becomes data: keys must be plain scalars and
 * not `__proto__`/`constructor`/`prototype`; nesting, counting what aliases bring in, at most
 * MAX_DEPTH; no alias inside its own anchor (a cycle); at most MAX_ALIASES aliases, adding at
 * most MAX_ALIAS_EXPANSION nodes (an "alias bomb" is refused where it goes off). Linear: an
 * alias's height and size come from its anchor, measured once.
 */
function checkYamlTree(doc: Document.Parsed): YamlProblem | undefined {
  const root = doc.contents as Node | null;
  if (!root) return undefined;
  const start = (n: unknown) => (n as Node | null)?.range?.[0] ?? 0;
  /** Height (collections nested inside, itself included) and size (nodes, aliases expanded). */
  const measured = new Map<Node, { height: number; size: number }>();
  const open = new Set<Node>();
  const anchors = new Map<string, Node>();
  let aliases = 0;
  let expansion = 0;
  interface Frame {
    readonly node: Node;
    readonly depth: number;
    readonly children: Node[];
    next: number;
    height: number;
    size: number;
  }
  const stack: Frame[] = [];
  /** Visit `node` at `depth` (its parent's depth); returns a problem, or pushes a frame. */
  const enter = (node: Node, depth: number, parent: Frame | undefined): YamlProblem | undefined => {
    let height = 0;
    let size = 1;
    if (isAlias(node)) {
      const source = anchors.get(node.source);
      if (!source) return undefined; // reported by the parser
      if (open.has(source))
        return {
          offset: start(node),
          message: `the alias *${node.source} is inside its own anchor`,
        };
      if (++aliases > MAX_ALIASES)
        return { offset: start(node), message: `more than ${MAX_ALIASES} aliases` };
      const m = measured.get(source) ?? { height: 0, size: 1 };
      expansion += m.size;
      if (expansion > MAX_ALIAS_EXPANSION)
        return {
          offset: start(node),
          message: `too many aliases: expanding them would add more than ${MAX_ALIAS_EXPANSION} values (an alias bomb?)`,
        };
      if (depth + m.height > MAX_DEPTH)
        return {
          offset: start(node),
          message: `nested more than ${MAX_DEPTH} levels deep (with the alias *${node.source})`,
        };
      height = m.height;
      size = m.size;
    } else if (isCollection(node)) {
      if (node.anchor) anchors.set(node.anchor, node);
      if (depth + 1 > MAX_DEPTH)
        return { offset: start(node), message: `nested more than ${MAX_DEPTH} levels deep` };
      const children: Node[] = [];
      if (isMap(node)) {
        for (const pair of node.items) {
          const k = pair.key as Node | null;
          if (k !== null && !isScalar(k))
            return {
              offset: start(k),
              message: 'a key must be plain text, not a list, mapping or alias',
            };
          if (k !== null) {
            const name = String(k.value);
            if (FORBIDDEN_KEYS.has(name))
              return {
                offset: start(k),
                message: `the key ${JSON.stringify(name)} is not allowed (it names JavaScript's object machinery, not data)`,
              };
            children.push(k);
          }
          if (pair.value !== null && pair.value !== undefined) children.push(pair.value as Node);
        }
      } else {
        for (const item of node.items) {
          if (isPair(item)) {
            // A single-pair mapping inside a flow sequence ([a: b]): both halves are children.
            if (item.key !== null && !isScalar(item.key))
              return {
                offset: start(item.key),
                message: 'a key must be plain text, not a list, mapping or alias',
              };
            if (item.key !== null) children.push(item.key as Node);
            if (item.value !== null) children.push(item.value as Node);
          } else if (item !== null && item !== undefined) children.push(item as Node);
        }
      }
      open.add(node);
      stack.push({ node, depth: depth + 1, children, next: 0, height: 1, size: 1 });
      return undefined;
    } else if (isScalar(node) && node.anchor) {
      anchors.set(node.anchor, node);
    }
    measured.set(node, { height, size });
    if (parent) {
      parent.height = Math.max(parent.height, height + 1);
      parent.size += size;
    }
    return undefined;
  };
  const first = enter(root, 0, undefined);
  if (first) return first;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next < frame.children.length) {
      const problem = enter(frame.children[frame.next++]!, frame.depth, frame);
      if (problem) return problem;
      continue;
    }
    stack.pop();
    open.delete(frame.node);
    measured.set(frame.node, { height: frame.height, size: frame.size });
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.height = Math.max(parent.height, frame.height + 1);
      parent.size += frame.size;
    }
  }
  return undefined;
}

/** Parse YAML (JSON is YAML too). Syntax errors and unsafe structure come back as diagnostics. */
export function parseText(
  file: string,
  text: string,
): { parsed?: ParsedDoc; errors: Diagnostic[] } {
  const at = (offset: number, message: string): Diagnostic => ({
    file,
    ...lineColumn(text, offset),
    message,
  });
  const depthMessage = `nested more than ${MAX_DEPTH} levels deep`;
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, strict: true });
  } catch (error) {
    if (error instanceof RangeError) return { errors: [at(0, depthMessage)] };
    throw error;
  }
  const errors: Diagnostic[] = doc.errors.map((e) => {
    const first = e.message.split('\n')[0] ?? e.message;
    const message = /Maximum call stack size exceeded/.test(first)
      ? depthMessage
      : `YAML syntax: ${first.replace(/ at line \d+, column \d+:?$/, '')}`;
    return at(e.pos[0], message);
  });
  if (errors.length > 0) {
    // The parser reports running out of stack once per level it unwinds: keep the first.
    const deep = errors.findIndex((e) => e.message === depthMessage);
    return { errors: errors.filter((e, i) => e.message !== depthMessage || i === deep) };
  }
  const problem = checkYamlTree(doc);
  if (problem) return { errors: [at(problem.offset, problem.message)] };
  // The walk above bounds what aliases add, so the alias count of the `yaml` package is not needed.
  const data: unknown = doc.toJS({ maxAliasCount: -1 });
  return {
    parsed: {
      file,
      format: 'yaml',
      data,
      position: (path, key) => yamlPosition(doc, text, path, key),
    },
    errors: [],
  };
}

/** Parse a text as `format` says. */
export function parseStructured(
  file: string,
  text: string,
  format: TextFormat,
): { parsed?: ParsedDoc; errors: Diagnostic[] } {
  return format === 'json' ? parseJsonText(file, text) : parseText(file, text);
}

/** The format a file's name implies: `.json` is JSON, anything else YAML (which reads JSON too). */
export function formatOf(file: string): TextFormat {
  return /\.json$/i.test(file) ? 'json' : 'yaml';
}

/** Parse a YAML/JSON text and validate it with `schema`. `format` defaults to the file's name's. */
export function parseWithSchema<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
  options: { format?: TextFormat } = {},
): Loaded<z.infer<S>> & { parsed?: ParsedDoc } {
  return validate(parseStructured(file, text, options.format ?? formatOf(file)), schema);
}
