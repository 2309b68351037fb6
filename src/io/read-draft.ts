// Reading a draft to scan: .txt and .md as they are, .html as text with a map back to the
// source (so positions point into the HTML), .docx through mammoth (one line per paragraph,
// so a finding's "line" is a paragraph number), and "-" for standard input.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { UserError } from '../errors.js';
import { htmlToText } from '../scan/html-text.js';
import { decodeUtf8, fileError, sha256Hex } from './files.js';

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
  /** @deprecated No longer used (always undefined): pass `toSource` to scanText instead. */
  readonly blockEnds?: undefined;
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
}

export const DEFAULT_MAX_BYTES = 10_000_000;

export function draftKind(file: string): DraftKind {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.md' || ext === '.markdown') return 'md';
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return 'html';
  if (ext === '.docx') return 'docx';
  return 'txt';
}

function tooLarge(name: string, bytes: number | string, max: number): UserError {
  return new UserError(
    `${name}: is larger than ${max} bytes (${bytes}); raise the limit with --max-bytes`,
    {
      code: 'INPUT_INVALID',
    },
  );
}

async function readStdin(stdin: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stdin) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += buf.length;
    if (total > max) throw tooLarge('standard input', `more than ${max}`, max);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

async function readFileLimited(file: string, full: string, max: number): Promise<Buffer> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(full, 'r');
  } catch (error) {
    throw fileError(file, 'file', error);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory())
      throw new UserError(`${file}: is a folder, not a file`, { code: 'FILE_UNREADABLE' });
    if (stat.size > max) throw tooLarge(file, stat.size, max);
    return await handle.readFile();
  } catch (error) {
    throw error instanceof UserError ? error : fileError(file, 'file', error);
  } finally {
    await handle.close();
  }
}

async function docxText(file: string, bytes: Buffer): Promise<string> {
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) {
    throw new UserError(`${file}: is not a .docx file (not a zip archive)`, {
      code: 'INPUT_INVALID',
    });
  }
  const { default: mammoth } = await import('mammoth');
  let raw: string;
  try {
    raw = (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UserError(`${file}: cannot read this .docx (${why})`, { code: 'INPUT_INVALID' });
  }
  // mammoth ends each paragraph with a blank line; keep one line per non-empty paragraph.
  return raw
    .split(/\n\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trimEnd())
    .filter((p) => p.trim().length > 0)
    .join('\n');
}

/** Read a draft for scanning. Missing, unreadable, binary, non-UTF-8 or too large → UserError. */
export async function readDraft(
  pathOrDash: string,
  options: ReadDraftOptions = {},
): Promise<Draft> {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const isStdin = pathOrDash === '-';
  let bytes: Buffer;
  if (isStdin) {
    if (!options.stdin) throw new UserError('cannot read standard input here', { code: 'USAGE' });
    bytes = await readStdin(options.stdin, max);
  } else {
    const full = path.resolve(options.cwd ?? '.', pathOrDash);
    bytes = await readFileLimited(pathOrDash, full, max);
  }
  const name = isStdin ? 'standard input' : pathOrDash;
  const base = { path: pathOrDash, sha256: sha256Hex(bytes), bytes: bytes.length };
  const kind = isStdin ? 'txt' : draftKind(pathOrDash);
  if (kind === 'docx')
    return { ...base, text: await docxText(name, bytes), kind, positions: 'paragraph' };
  const text = decodeUtf8(name, bytes, 'text file');
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
