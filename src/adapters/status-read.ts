// One record read for `prepub status`, on whichever thread runs it (a worker, or the main thread
// when there are few records): the record's text, its row, and the article beside it hashed for
// the stale check. Each file is stamped (device, inode, size, modified and changed times) from
// the open file *before* it is read, so a row cached under a stamp never describes older bytes
// than the stamp's: any later write changes the change time, which no user can set back. File
// times tick coarsely, though (a write in the same tick as the read keeps the time), so a file
// changed less than SETTLED_MS before it was read gets no stamp and is read again next time (as
// git treats "racy" index entries).
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import path from 'node:path';
import { sha256Hex } from '../core/hash.js';
import {
  statusRow,
  withArticle,
  type ArticleSeen,
  type RowContext,
  type StatusRow,
} from '../core/signing/status-row.js';
import { DEFAULT_MAX_READ_BYTES } from './files.js';

/** How long ago a file must have last changed for its stamp to be trusted (see above). */
export const SETTLED_MS = 1000;

/** A file's identity and version as the file system gives it; equal stamps, equal bytes. */
export function stampOf(s: Stats): string {
  return `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
}

/** The article a record names, beside the record. */
export function articleBeside(recordFile: string, row: StatusRow): string | undefined {
  return row.article ? path.resolve(path.dirname(recordFile), row.article.path) : undefined;
}

let buffer = Buffer.allocUnsafe(1 << 16);

/** A plain file's bytes (into one reused buffer) and its stamp; undefined when it is not one. */
function readStamped(
  file: string,
  maxBytes: number,
  settledMs: number,
): { length: number; stamp: string | undefined } | 'missing' | 'unreadable' {
  let fd: number;
  try {
    // Non-blocking: opening a FIFO with no writer must not wait (a record or article may be one).
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
  }
  try {
    const stats = fstatSync(fd);
    // A FIFO or a device is never read (it could block, or never end).
    if (!stats.isFile() || stats.size > maxBytes) return 'unreadable';
    // Room for one byte more than fstat said, so that one read usually sees the whole file and
    // its end: a read of a plain file that returns less than it asked for stopped at the end.
    if (buffer.length <= stats.size)
      buffer = Buffer.allocUnsafe(Math.max(stats.size + 1, buffer.length * 2));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger);
        buffer = bigger;
      }
      const asked = buffer.length - length;
      const n = readSync(fd, buffer, length, asked, null);
      if (n === 0) break;
      length += n;
      if (length > maxBytes) return 'unreadable';
      if (n < asked && length === stats.size) break;
    }
    const settled = Date.now() - Math.max(stats.ctimeMs, stats.mtimeMs) >= settledMs;
    return { length, stamp: settled ? stampOf(stats) : undefined };
  } catch {
    return 'unreadable';
  } finally {
    closeSync(fd);
  }
}

/** The article's digest as the stale check needs it, and its stamp when it could be read. */
export function seeArticle(
  file: string,
  settledMs = SETTLED_MS,
): { seen: ArticleSeen; stamp?: string | undefined } {
  const read = readStamped(file, DEFAULT_MAX_READ_BYTES, settledMs);
  if (typeof read === 'string') return { seen: read };
  return { seen: { sha256: sha256Hex(buffer.subarray(0, read.length)) }, stamp: read.stamp };
}

/** A row and the stamps it was made from (what a cached copy of it is valid for). */
export interface ReadRow {
  readonly row: StatusRow;
  /** The record file's stamp; undefined when it could not be read (never cached). */
  readonly stamp?: string;
  /** The article beside it, when the record names one and it is there. */
  readonly article?: { readonly stamp: string; readonly sha256: string };
}

/** Read, check and stamp the record at `file` (shown as `rel`). */
export async function readRow(
  file: string,
  rel: string,
  ctx: RowContext,
  settledMs = SETTLED_MS,
): Promise<ReadRow> {
  const read = readStamped(file, DEFAULT_MAX_READ_BYTES, settledMs);
  const text = typeof read === 'string' ? undefined : buffer.toString('utf8', 0, read.length);
  const row = await statusRow(text, rel, ctx);
  let stamp = typeof read === 'string' ? undefined : read.stamp;
  const article = articleBeside(file, row);
  if (!article) return { row, ...(stamp ? { stamp } : {}) };
  const seen = seeArticle(article, settledMs);
  // An article read but not settled: the row is right now, but not to be kept.
  if (typeof seen.seen === 'object' && seen.stamp === undefined) stamp = undefined;
  return {
    row: withArticle(row, seen.seen),
    ...(stamp ? { stamp } : {}),
    ...(seen.stamp && typeof seen.seen === 'object'
      ? { article: { stamp: seen.stamp, sha256: seen.seen.sha256 } }
      : {}),
  };
}
