// Offsets (UTF-16 code units, as JavaScript strings count) to 1-based line and column, where
// columns count characters: an astral character (an emoji, say) counts once. Built once per
// text in O(n); each lookup is a binary search, so 10 MB with many findings stays linear.

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Index of the last element of `sorted` that is <= value, or -1. */
export function floorIndex(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= value) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

export class LineTable {
  private readonly starts: Int32Array;
  /** Offsets of the low surrogate of each astral character, in order. */
  private readonly lowSurrogates: Int32Array;

  constructor(text: string) {
    const starts: number[] = [0];
    const lows: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        starts.push(i + 1);
      } else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
        const prev = text.charCodeAt(i - 1);
        if (prev >= 0xd800 && prev <= 0xdbff) lows.push(i);
      }
    }
    this.starts = Int32Array.from(starts);
    this.lowSurrogates = Int32Array.from(lows);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Position of the character at `offset` (or just past the end, for an exclusive end). */
  at(offset: number): Position {
    const lineIndex = Math.max(0, floorIndex(this.starts, offset));
    const start = this.starts[lineIndex] as number;
    let column = offset - start + 1;
    if (this.lowSurrogates.length > 0) {
      // Low surrogates in [start, offset) are the second halves of astral characters.
      const before =
        floorIndex(this.lowSurrogates, offset - 1) - floorIndex(this.lowSurrogates, start - 1);
      column -= before;
    }
    return { line: lineIndex + 1, column };
  }
}
