// Reading a draft to scan: .txt and .md as they are, .html as text with a map back to the
// source (so positions point into the HTML), .docx through mammoth (one line per paragraph,
// so a finding's "line" is a paragraph number), and "-" for standard input.
import path from 'node:path';
import type { Readable } from 'node:stream';
import { UserError } from '../errors.js';
import { htmlToText } from '../core/scan/html-text.js';
import {
  DEFAULT_MAX_READ_BYTES,
  decodeUtf8,
  readBytes,
  readStreamCapped,
  tooLarge,
  type ReadLimit,
} from './files.js';
import { checkZipLimits, DOCX_MAX_ENTRIES } from './zip-limits.js';
import { sha256Hex } from '../core/hash.js';

export type DraftKind = 'txt' | 'md' | 'html' | 'docx';

export interface Draft {
  /** As given ("-" for standard input). */
  readonly path: string;
  /** The text to scan. */
  readonly text: string;
  /** For HTML: the source; lines and columns are counted in it. */
  readonly source?: string | undefined;
  /** For HTML: maps an offset in `text` to one in `source` (`end` for an exclusive end). */
  readonly toSource?: ((offset: number, end?: boolean) => number) | undefined;
  readonly sha256: string;
  readonly bytes: number;
  readonly kind: DraftKind;
  /** What a finding's `line` counts: lines of the file, or paragraphs of a .docx. */
  readonly positions: 'line' | 'paragraph';
}

export interface ReadDraftOptions {
  /** Largest input accepted, in bytes (default 10 MB). */
  readonly maxBytes?: number | undefined;
  /** Where "-" reads from. */
  readonly stdin?: Readable | undefined;
  /** Resolve relative paths against this folder (default: the process's). */
  readonly cwd?: string | undefined;
  /** The draft's bytes, already read (and checked) by the caller: used instead of reading the
   * file again, so what is scanned is exactly what was checked. The path still says the kind. */
  readonly bytes?: Uint8Array | undefined;
}

export const DEFAULT_MAX_BYTES = DEFAULT_MAX_READ_BYTES;

export function draftKind(file: string): DraftKind {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.md' || ext === '.markdown') return 'md';
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return 'html';
  if (ext === '.docx') return 'docx';
  return 'txt';
}

async function docxText(file: string, bytes: Buffer, limit: ReadLimit): Promise<string> {
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) {
    throw new UserError(`${file}: is not a .docx file (not a zip archive)`, {
      code: 'INPUT_INVALID',
    });
  }
  // --max-bytes bounds what the .docx unpacks to as well as the file: mammoth holds the XML as a
  // string and a DOM, about 50 times its size in memory.
  checkZipLimits(file, bytes, {
    maxEntries: DOCX_MAX_ENTRIES,
    maxUnpackedBytes: limit.maxBytes ?? DEFAULT_MAX_BYTES,
    hint: limit.hint,
  });
  const { default: mammoth } = await import('mammoth');
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UserError(`${file}: cannot read this .docx (${why})`, { code: 'INPUT_INVALID' });
  }
  // mammoth ends each paragraph with a blank line; keep one line per non-empty paragraph.
  return (
    raw
      .split(/\n\n/)
      // A run of white space with a line break in it becomes one space. (Not /\s*\n\s*/: that
      // backtracks through a long run of spaces from each of its characters, quadratic.)
      .map((p) => p.replace(/\s+/g, (ws) => (ws.includes('\n') ? ' ' : ws)).trimEnd())
      .filter((p) => p.trim().length > 0)
      .join('\n')
  );
}

/** Read a draft for scanning. Missing, unreadable, binary, non-UTF-8 or too large → UserError. */
export async function readDraft(
  pathOrDash: string,
  options: ReadDraftOptions = {},
): Promise<Draft> {
  const limit: ReadLimit = {
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    hint: 'raise the limit with --max-bytes',
  };
  const isStdin = pathOrDash === '-';
  let bytes: Buffer;
  if (options.bytes) {
    bytes = Buffer.from(options.bytes.buffer, options.bytes.byteOffset, options.bytes.byteLength);
    if (bytes.length > limit.maxBytes!) throw tooLarge(pathOrDash, limit.maxBytes!, bytes.length);
  } else if (isStdin) {
    if (!options.stdin) throw new UserError('cannot read standard input here', { code: 'USAGE' });
    bytes = await readStreamCapped(options.stdin, 'standard input', limit);
  } else {
    const full = path.resolve(options.cwd ?? '.', pathOrDash);
    bytes = await readBytes(full, 'file', { ...limit, shownAs: pathOrDash, devices: true });
  }
  const name = isStdin ? 'standard input' : pathOrDash;
  const base = { path: pathOrDash, sha256: sha256Hex(bytes), bytes: bytes.length };
  const kind = isStdin ? 'txt' : draftKind(pathOrDash);
  if (kind === 'docx')
    return { ...base, text: await docxText(name, bytes, limit), kind, positions: 'paragraph' };
  const text = decodeUtf8(name, bytes, 'text file', limit);
  if (kind === 'html') {
    const html = htmlToText(text);
    return {
      ...base,
      text: html.text,
      source: text,
      toSource: html.toSource,
      kind,
      positions: 'line',
    };
  }
  return { ...base, text, kind, positions: 'line' };
}
