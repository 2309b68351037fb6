// Limits on a .docx before anything unpacks it. A .docx is a zip: --max-bytes bounds the
// compressed file, but 800 KB can inflate to 250 MB of XML (a zip bomb), which mammoth would
// parse into a DOM many times that size. So the central directory is read here first (linear in
// its size) to cap the number of entries and the total uncompressed size they declare; and since
// a declared size can lie, every compressed entry is then inflated with `maxOutputLength` set to
// what it declared, so the real total is bounded by the same cap. Anything odd about the
// archive's layout is refused rather than guessed at: this runs in front of a publishing gate.
import { inflateRawSync } from 'node:zlib';
import { UserError } from '../errors.js';

export interface ZipLimits {
  /** Most entries (files) the archive may hold. */
  readonly maxEntries: number;
  /** Most bytes all entries together may unpack to. */
  readonly maxUnpackedBytes: number;
  /** Added to the message when the unpacked size is over, e.g. "raise the limit with --max-bytes". */
  readonly hint?: string | undefined;
}

/** A Word document has a few dozen parts; a thousand images would still be well under this. */
export const DOCX_MAX_ENTRIES = 2_000;

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

function invalid(name: string, why: string): UserError {
  return new UserError(`${name}: is not a .docx prepub can read safely (${why})`, {
    code: 'INPUT_INVALID',
  });
}

function u64(buf: Buffer, at: number): number {
  const n = buf.readBigUInt64LE(at);
  return n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n);
}

/** Where the central directory is, and how many entries it says it has. */
function directory(name: string, zip: Buffer): { offset: number; end: number; count: number } {
  // The end record is the last 22 bytes plus a comment of at most 64 KB; take its last signature,
  // as the zip reader mammoth uses does.
  let eocd = -1;
  for (let p = zip.length - 22; p >= Math.max(0, zip.length - 22 - MAX_COMMENT); p--) {
    if (zip.readUInt32LE(p) === EOCD) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw invalid(name, 'no zip directory');
  let count = zip.readUInt16LE(eocd + 10);
  let size = zip.readUInt32LE(eocd + 12);
  let offset = zip.readUInt32LE(eocd + 16);
  let end = eocd;
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    // ZIP64: the locator sits just before the end record and points at the ZIP64 end record.
    const locator = eocd - 20;
    if (locator < 0 || zip.readUInt32LE(locator) !== EOCD64_LOCATOR)
      throw invalid(name, 'a ZIP64 directory without its locator');
    const at = u64(zip, locator + 8);
    if (at + 56 > locator || zip.readUInt32LE(at) !== EOCD64)
      throw invalid(name, 'a ZIP64 directory that is not where it says');
    count = u64(zip, at + 32);
    size = u64(zip, at + 40);
    offset = u64(zip, at + 48);
    end = at;
  }
  // No data before the archive or between the directory and its end record (a self-extractor,
  // say): a reader that compensated for it would see other entries than this check did.
  if (offset + size !== end) throw invalid(name, 'the zip directory is not where it says');
  return { offset, end, count };
}

/** ZIP64 sizes of an entry whose 32-bit fields are 0xffffffff, from its extra field. */
function zip64Sizes(
  name: string,
  zip: Buffer,
  from: number,
  to: number,
  fields: { size: number; compressedSize: number; localOffset: number },
): void {
  for (let p = from; p + 4 <= to;) {
    const id = zip.readUInt16LE(p);
    const length = zip.readUInt16LE(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      const take = (): number => {
        if (q + 8 > p + 4 + length) throw invalid(name, 'a short ZIP64 field');
        const v = u64(zip, q);
        q += 8;
        return v;
      };
      if (fields.size === 0xffffffff) fields.size = take();
      if (fields.compressedSize === 0xffffffff) fields.compressedSize = take();
      if (fields.localOffset === 0xffffffff) fields.localOffset = take();
      return;
    }
    p += 4 + length;
  }
  throw invalid(name, 'a ZIP64 entry without its sizes');
}

/**
 * Check a .docx (zip) buffer against the limits before it is unpacked: at most `maxEntries`
 * entries, at most `maxUnpackedBytes` in all, declared and real. Throws a UserError naming the
 * file and the limit.
 */
export function checkZipLimits(name: string, zip: Buffer, limits: ZipLimits): void {
  const { offset, end, count } = directory(name, zip);
  const tooMany = (n: number | string) =>
    new UserError(
      `${name}: holds ${n} files, more than the ${limits.maxEntries} a .docx may have; is it a zip bomb?`,
      { code: 'INPUT_INVALID' },
    );
  if (count > limits.maxEntries) throw tooMany(count);
  const max = limits.maxUnpackedBytes;
  const tail = limits.hint ? `; ${limits.hint}` : '';
  const tooBig = (what: string) =>
    new UserError(`${name}: unpacks to more than ${max} bytes (${what})${tail}`, {
      code: 'INPUT_INVALID',
    });

  const entries: Entry[] = [];
  let total = 0;
  for (let p = offset; p < end;) {
    if (p + 46 > end || zip.readUInt32LE(p) !== CENTRAL)
      throw invalid(name, 'a damaged zip directory');
    if (entries.length >= limits.maxEntries) throw tooMany(`over ${limits.maxEntries}`);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const next = p + 46 + nameLength + extraLength + commentLength;
    if (next > end) throw invalid(name, 'a damaged zip directory');
    const fields = {
      size: zip.readUInt32LE(p + 24),
      compressedSize: zip.readUInt32LE(p + 20),
      localOffset: zip.readUInt32LE(p + 42),
    };
    if (
      fields.size === 0xffffffff ||
      fields.compressedSize === 0xffffffff ||
      fields.localOffset === 0xffffffff
    )
      zip64Sizes(name, zip, p + 46 + nameLength, p + 46 + nameLength + extraLength, fields);
    const method = zip.readUInt16LE(p + 10);
    const entryName = zip.toString('utf8', p + 46, p + 46 + nameLength);
    // A stored entry is its compressed bytes, whatever size it declares.
    total += method === 0 ? Math.max(fields.size, fields.compressedSize) : fields.size;
    entries.push({ name: entryName, method, ...fields });
    p = next;
  }
  if (entries.length !== count) throw invalid(name, 'a damaged zip directory');
  if (total > max) throw tooBig(`${total} declared`);

  // Declared sizes can lie: inflate each compressed entry, stopping at what it declared.
  for (const e of entries) {
    if (e.method !== 8) continue;
    const local = e.localOffset;
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL)
      throw invalid(name, `a damaged entry ${e.name}`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (start + e.compressedSize > zip.length) throw invalid(name, `a damaged entry ${e.name}`);
    try {
      inflateRawSync(zip.subarray(start, start + e.compressedSize), {
        maxOutputLength: Math.max(1, e.size),
      });
    } catch (error) {
      if (error instanceof RangeError)
        throw new UserError(
          `${name}: ${e.name} unpacks to more than the ${e.size} bytes it declares; is it a zip bomb?`,
          { code: 'INPUT_INVALID' },
        );
      throw invalid(name, `${e.name} does not inflate`);
    }
  }
}
