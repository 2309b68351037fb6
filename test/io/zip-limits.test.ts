// The .docx guard on its own: zip layouts in, a verdict out, with small limits.
import { describe, expect, it } from 'vitest';
import { checkZipLimits } from '../../src/adapters/zip-limits.js';
import { deflatedDocx, documentXml, zip } from '../helpers/zip.js';

const limits = { maxEntries: 10, maxUnpackedBytes: 100_000 };
const check =
  (bytes: Buffer, l = limits) =>
  () =>
    checkZipLimits('d.docx', bytes, l);
const small = deflatedDocx({ data: documentXml(['A paragraph.']) });

describe('checkZipLimits', () => {
  it('accepts a small deflated .docx', () => {
    expect(check(small)).not.toThrow();
  });

  it.each([
    [
      'too many entries',
      zip(Array.from({ length: 11 }, (_, i) => ({ name: `f${i}`, data: 'x' }))),
      /^d\.docx: holds 11 files, more than the 10 a \.docx may have/,
    ],
    [
      'a declared total over the cap',
      zip([
        { name: 'a', data: 'x', declaredSize: 60_000 },
        { name: 'b', data: 'y', declaredSize: 60_000 },
      ]),
      /^d\.docx: unpacks to more than 100000 bytes \(120000 declared\)$/,
    ],
    [
      'an entry that inflates past its declared size',
      zip([{ name: 'word/document.xml', data: 'x'.repeat(50_000), declaredSize: 100 }]),
      /^d\.docx: word\/document\.xml unpacks to more than the 100 bytes it declares/,
    ],
    [
      'a stored entry larger than it declares',
      zip([{ name: 'a', data: 'x'.repeat(100_001), stored: true, declaredSize: 1 }]),
      /^d\.docx: unpacks to more than 100000 bytes \(100001 declared\)$/,
    ],
    [
      'data before the archive',
      Buffer.concat([Buffer.from('MZ junk'), small]),
      /^d\.docx: is not a \.docx prepub can read safely \(the zip directory is not where it says\)$/,
    ],
    [
      'no end record',
      small.subarray(0, small.length - 22),
      /^d\.docx: is not a \.docx prepub can read safely \(no zip directory\)$/,
    ],
    [
      'an entry that does not inflate',
      zip([{ name: 'a', data: 'hello' }]).fill(0xff, 30 + 1, 30 + 3),
      /^d\.docx: is not a \.docx prepub can read safely \(a does not inflate\)$/,
    ],
  ])('refuses %s', (_what, bytes, message) => {
    expect(check(bytes)).toThrow(message);
  });

  it('counts entries from the directory itself, not only from the end record', () => {
    const eleven = zip(Array.from({ length: 11 }, (_, i) => ({ name: `f${i}`, data: 'x' })));
    // Claim 1 entry in the end record (and so in the disk count too).
    const lying = Buffer.from(eleven);
    lying.writeUInt16LE(1, lying.length - 22 + 8);
    lying.writeUInt16LE(1, lying.length - 22 + 10);
    expect(check(lying)).toThrow(/^d\.docx: holds over 10 files, more than the 10/);
  });
});
