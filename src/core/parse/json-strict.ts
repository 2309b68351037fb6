// Strict JSON for every JSON text prepub reads: records, keyrings, configs, locks, caches, key
// metadata and signed payloads. RFC 8259, and stricter than JSON.parse: a key that appears twice
// in one object is an error (JSON.parse keeps the last copy, while a person reading the file may
// see the first), so are the keys `__proto__`, `constructor` and `prototype`, and nesting deeper
// than MAX_DEPTH. Linear time, no recursion. Every problem has a position: line and column,
// 1-based, columns in characters (a character outside the BMP counts once). Pure: text in.

/** Objects and arrays nested deeper than this are refused, in JSON and YAML alike. */
export const MAX_DEPTH = 200;

/** Keys that name JavaScript's object machinery: never data, refused in every file prepub reads. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/** A problem at a character offset of the text. */
export interface JsonProblem {
  readonly offset: number;
  readonly message: string;
}

/** A problem with its position, for messages. */
export interface JsonIssue {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export class JsonError extends Error {
  override readonly name = 'JsonError';
  constructor(
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

/** 1-based line and column (in characters) of a character offset. Linear in the offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const end = Math.min(Math.max(offset, 0), text.length);
  let line = 1;
  let start = 0;
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < end; nl = text.indexOf('\n', nl + 1)) {
    line++;
    start = nl + 1;
  }
  let column = 1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    // The second half of a surrogate pair is part of the character before it.
    if (c >= 0xdc00 && c <= 0xdfff && i > start) {
      const prev = text.charCodeAt(i - 1);
      if (prev >= 0xd800 && prev <= 0xdbff) continue;
    }
    column++;
  }
  return { line, column };
}

function keyMessage(text: string, key: string, first: number | undefined): string {
  if (FORBIDDEN_KEYS.has(key))
    return `the key ${JSON.stringify(key)} is not allowed (it names JavaScript's object machinery, not data)`;
  return `duplicate key ${JSON.stringify(key)} (first at line ${lineColumn(text, first ?? 0).line})`;
}

function depthMessage(): string {
  return `nested more than ${MAX_DEPTH} levels deep`;
}

/** Whether the quote at `j` is escaped (an odd number of backslashes before it). */
function escaped(text: string, j: number): boolean {
  let k = j - 1;
  while (k >= 0 && text.charCodeAt(k) === 0x5c) k--;
  return (j - 1 - k) % 2 === 1;
}

/** The offset just past the string that opens at `i` (valid JSON assumed). */
function stringEnd(text: string, i: number): number {
  let j = text.indexOf('"', i + 1);
  while (j !== -1 && escaped(text, j)) j = text.indexOf('"', j + 1);
  return j === -1 ? text.length : j + 1;
}

/** The text of the JSON string from `start` to `end` (quotes included). */
function decodeString(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  return raw.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : raw;
}

// What a character means to the structure scan (0: nothing; the scan skips it).
const QUOTE = 1;
const OPEN_OBJECT = 2;
const OPEN_ARRAY = 3;
const CLOSE = 4;
const COMMA = 5;
const KIND = new Uint8Array(128);
KIND[0x22] = QUOTE;
KIND[0x7b] = OPEN_OBJECT;
KIND[0x5b] = OPEN_ARRAY;
KIND[0x7d] = CLOSE;
KIND[0x5d] = CLOSE;
KIND[0x2c] = COMMA;

/** Past this many keys, an object's keys are looked up in a Map rather than compared one by one. */
const FEW_KEYS = 64;

// The structure scan's stacks, reused from call to call (grown when a text needs more).
let keyStarts = new Int32Array(256);
let keyEnds = new Int32Array(256);
const levelStarts = new Int32Array(MAX_DEPTH + 1);

/**
 * Keys and depth of a text JSON.parse accepted: the first duplicate or forbidden key, or the first
 * object or array too deep. One pass over the text, at about the cost of JSON.parse: strings are
 * skipped with indexOf, and keys are compared where they stand in the text, without copying them
 * (a key is decoded only when it has an escape; an object with many keys gets a Map).
 */
function checkStructure(text: string, from: number): JsonProblem | undefined {
  const n = text.length;
  // The keys of the open objects, outermost first, as [start, end) inside their quotes: keyStarts,
  // keyEnds and count. Per open container, where its keys begin there (-1 for an array). Keys
  // with escapes, decoded, by index; the Maps of objects with many keys, by level.
  let count = 0;
  let depth = 0;
  let keyNext = false;
  let decoded: Map<number, string> | undefined;
  let maps: Map<number, Map<string, number>> | undefined;
  const keyText = (q: number) => decoded?.get(q) ?? text.slice(keyStarts[q], keyEnds[q]);
  for (let i = from; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7d) continue;
    const kind = KIND[c]!;
    if (kind === 0) continue;
    if (kind === QUOTE) {
      if (!keyNext) {
        i = stringEnd(text, i) - 1;
        continue;
      }
      keyNext = false;
      // A key: short, so walked here, noting escapes.
      const s0 = i + 1;
      let e0 = s0;
      let escapes = false;
      for (; e0 < n; e0++) {
        const d = text.charCodeAt(e0);
        if (d === 0x22) break;
        if (d === 0x5c) {
          escapes = true;
          e0++;
        }
      }
      const length = e0 - s0;
      const own = escapes ? (JSON.parse(text.slice(i, e0 + 1)) as string) : undefined;
      if (own !== undefined ? FORBIDDEN_KEYS.has(own) : isForbiddenAt(text, s0, length))
        return { offset: i, message: keyMessage(text, own ?? text.slice(s0, e0), undefined) };
      const level = depth - 1;
      const start = levelStarts[level]!;
      const map = maps?.get(level);
      let first = -1;
      if (map) {
        const key = own ?? text.slice(s0, e0);
        first = map.get(key) ?? -1;
        if (first < 0) map.set(key, s0);
      } else {
        for (let q = start; q < count; q++) {
          const qs = keyStarts[q]!;
          const same =
            own === undefined && decoded?.has(q) !== true
              ? keyEnds[q]! - qs === length && sameText(text, qs, s0, length)
              : keyText(q) === (own ?? text.slice(s0, e0));
          if (same) {
            first = qs;
            break;
          }
        }
        if (first < 0) {
          if (count === keyStarts.length) {
            const grownStarts = new Int32Array(count * 2);
            grownStarts.set(keyStarts);
            keyStarts = grownStarts;
            const grownEnds = new Int32Array(count * 2);
            grownEnds.set(keyEnds);
            keyEnds = grownEnds;
          }
          keyStarts[count] = s0;
          keyEnds[count] = e0;
          if (own !== undefined) (decoded ??= new Map()).set(count, own);
          count++;
          if (count - start > FEW_KEYS) {
            const many = new Map<string, number>();
            for (let q = start; q < count; q++) many.set(keyText(q), keyStarts[q]!);
            (maps ??= new Map()).set(level, many);
          }
        }
      }
      if (first >= 0)
        return { offset: i, message: keyMessage(text, own ?? text.slice(s0, e0), first - 1) };
      i = e0;
    } else if (kind === OPEN_OBJECT || kind === OPEN_ARRAY) {
      if (depth >= MAX_DEPTH) return { offset: i, message: depthMessage() };
      keyNext = kind === OPEN_OBJECT;
      levelStarts[depth++] = keyNext ? count : -1;
    } else if (kind === CLOSE) {
      const start = levelStarts[--depth]!;
      if (start >= 0) {
        if (decoded) for (let q = start; q < count; q++) decoded.delete(q);
        count = start;
      }
      maps?.delete(depth);
      keyNext = false;
    } else {
      keyNext = levelStarts[depth - 1]! >= 0;
    }
  }
  return undefined;
}

/** Whether text[a, a+length) and text[b, b+length) are the same characters. */
function sameText(text: string, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++)
    if (text.charCodeAt(a + k) !== text.charCodeAt(b + k)) return false;
  return true;
}

/** Whether the unescaped key text[start, start+length) is one of FORBIDDEN_KEYS. */
function isForbiddenAt(text: string, start: number, length: number): boolean {
  if (length !== 9 && length !== 11) return false;
  for (const word of FORBIDDEN_KEYS)
    if (word.length === length && text.startsWith(word, start)) return true;
  return false;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/** A character as a message shows it: in double quotes, escaped; a double quote in single ones. */
function shown(char: string): string {
  return char === '"' ? `'"'` : JSON.stringify(char);
}

/**
 * The first problem of any kind in `text`, in text order: grammar (RFC 8259), duplicate and
 * forbidden keys, depth. Iterative; used to explain a text that JSON.parse refused.
 */
export function findJsonProblem(text: string): JsonProblem | undefined {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const at = (what: string): JsonProblem => ({
    offset: i,
    message:
      i >= n
        ? `unexpected end of input, expected ${what}`
        : `unexpected ${shown(String.fromCodePoint(text.codePointAt(i)!))}, expected ${what}`,
  });
  const ws = () => {
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
    }
  };
  /** A string at `i`; moves past it. */
  const string = (): JsonProblem | undefined => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c === 0x5c) {
        const e = text[i + 1] ?? '';
        if (e !== '' && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          HEX4.lastIndex = i + 2;
          if (e === 'u' && HEX4.test(text)) i += 6;
          else {
            i++;
            return at('a valid escape');
          }
        }
      } else if (c < 0x20) return at('a closing quote');
      else i++;
    }
    return at('a closing quote');
  };
  const stack: (Map<string, number> | null)[] = [];
  /** A member's key and colon; moves to its value. */
  const member = (): JsonProblem | undefined => {
    ws();
    if (text.charCodeAt(i) !== 0x22) return at('a quoted key');
    const start = i;
    const bad = string();
    if (bad) return bad;
    const key = decodeString(text, start, i);
    const keys = stack[stack.length - 1]!;
    const first = keys.get(key);
    if (first !== undefined || FORBIDDEN_KEYS.has(key))
      return { offset: start, message: keyMessage(text, key, first) };
    keys.set(key, start);
    ws();
    if (text.charCodeAt(i) !== 0x3a) return at('":"');
    i++;
    return undefined;
  };
  let expectValue = true;
  for (;;) {
    if (expectValue) {
      ws();
      const c = text.charCodeAt(i);
      if (c === 0x7b || c === 0x5b) {
        if (stack.length >= MAX_DEPTH) return { offset: i, message: depthMessage() };
        i++;
        ws();
        if (c === 0x7b) {
          stack.push(new Map());
          if (text.charCodeAt(i) === 0x7d) {
            i++;
            stack.pop();
            expectValue = false;
          } else {
            const bad = member();
            if (bad) return bad;
          }
        } else {
          stack.push(null);
          if (text.charCodeAt(i) === 0x5d) {
            i++;
            stack.pop();
            expectValue = false;
          }
        }
        continue;
      }
      if (c === 0x22) {
        const bad = string();
        if (bad) return bad;
      } else if (text.startsWith('true', i)) i += 4;
      else if (text.startsWith('false', i)) i += 5;
      else if (text.startsWith('null', i)) i += 4;
      else {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(text)) return at('a value');
        i = NUMBER.lastIndex;
      }
      expectValue = false;
      continue;
    }
    ws();
    if (stack.length === 0) return i < n ? at('the end of the file') : undefined;
    const top = stack[stack.length - 1];
    const c = text.charCodeAt(i);
    if (c === 0x2c) {
      i++;
      if (top !== null) {
        const bad = member();
        if (bad) return bad;
      }
      expectValue = true;
    } else if (top !== null && c === 0x7d) {
      i++;
      stack.pop();
    } else if (top === null && c === 0x5d) {
      i++;
      stack.pop();
    } else return at(top !== null ? '"," or "}"' : '"," or "]"');
  }
}

/** Whether a problem's message is about the grammar (rather than keys or depth). */
export function isSyntaxMessage(message: string): boolean {
  return message.startsWith('unexpected ') || message === 'not valid JSON';
}

export type JsonResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problem: JsonProblem; readonly issue: JsonIssue };

/** Parse `text` strictly. A problem comes back with its offset and its line and column. */
export function readJson(text: string): JsonResult {
  const from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let value: unknown;
  let problem: JsonProblem | undefined;
  try {
    value = JSON.parse(from === 0 ? text : text.slice(from));
    problem = checkStructure(text, from);
  } catch {
    // JSON.parse says little about where: find the first problem ourselves.
    problem = findJsonProblem(text) ?? { offset: from, message: 'not valid JSON' };
  }
  if (!problem) return { ok: true, value };
  const { line, column } = lineColumn(text, problem.offset);
  return { ok: false, problem, issue: { line, column, message: problem.message } };
}

/** Parse `text` strictly; a JsonError (with line and column) when it is not strict JSON. */
export function parseJson(text: string): unknown {
  const result = readJson(text);
  if (!result.ok) throw new JsonError(result.issue.line, result.issue.column, result.issue.message);
  return result.value;
}

/** Parse UTF-8 bytes strictly (signed payloads). A reason, in a few words, when they are not JSON. */
export function decodeJsonBytes(bytes: Uint8Array): { value?: unknown; error?: string } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: 'payload is not UTF-8' };
  }
  const result = readJson(text);
  if (result.ok) return { value: result.value };
  const { line, column, message } = result.issue;
  const what = isSyntaxMessage(message) ? 'not JSON' : 'not strict JSON';
  return { error: `payload is ${what} (line ${line}, column ${column}: ${message})` };
}

function skipWs(text: string, i: number): number {
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
  }
  return i;
}

/** The offset just past the value at `i` (valid JSON assumed). */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x22) return stringEnd(text, i);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text.charCodeAt(j);
      if (d === 0x22) j = stringEnd(text, j) - 1;
      else if (d === 0x7b || d === 0x5b) depth++;
      else if ((d === 0x7d || d === 0x5d) && --depth === 0) return j + 1;
    }
    return text.length;
  }
  let j = i;
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (
      d === 0x2c ||
      d === 0x7d ||
      d === 0x5d ||
      d === 0x20 ||
      d === 0x0a ||
      d === 0x0d ||
      d === 0x09
    )
      break;
    j++;
  }
  return j;
}

/**
 * The offset of the value at `path` in a strict JSON text (or of its key, with `key`); where the
 * path runs out, the offset of the deepest value found. Linear: walks the text, skipping values.
 */
export function offsetOfPath(
  text: string,
  path: readonly (string | number)[],
  key?: string,
): number {
  const walk = key === undefined ? path : [...path, key];
  let i = skipWs(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  for (let s = 0; s < walk.length; s++) {
    const want = walk[s]!;
    const last = s === walk.length - 1;
    const c = text.charCodeAt(i);
    let found = -1;
    if (c === 0x7b) {
      let j = skipWs(text, i + 1);
      while (text.charCodeAt(j) === 0x22) {
        const keyStart = j;
        const keyEnd = stringEnd(text, j);
        const name = decodeString(text, keyStart, keyEnd);
        j = skipWs(text, skipWs(text, keyEnd) + 1); // past the colon
        if (name === String(want)) {
          found = last && key !== undefined ? keyStart : j;
          break;
        }
        j = skipWs(text, skipValue(text, j));
        if (text.charCodeAt(j) !== 0x2c) break;
        j = skipWs(text, j + 1);
      }
    } else if (c === 0x5b && typeof want === 'number') {
      let j = skipWs(text, i + 1);
      for (let index = 0; text.charCodeAt(j) !== 0x5d && j < text.length; index++) {
        if (index === want) {
          found = j;
          break;
        }
        j = skipWs(text, skipValue(text, j));
        if (text.charCodeAt(j) !== 0x2c) break;
        j = skipWs(text, j + 1);
      }
    }
    if (found < 0) break;
    i = found;
  }
  return i;
}

/** Stable JSON: two-space indent, LF, trailing newline. Key order is the objects' own order. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
