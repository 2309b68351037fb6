// HTML to plain text, with a map back to the source: tags and comments are dropped (a block
// element becomes a blank line, so paragraphs stay paragraphs), scripts and styles are dropped,
// entities are decoded. `toSource` turns an offset in the text into an offset in the HTML, so
// a finding's line and column point into the file the reporter edits. prepub-ignore comments
// are kept in the text as they are, so suppressions work in HTML too.
import { floorIndex } from './positions.js';

export interface HtmlText {
  readonly text: string;
  /** Map a text offset to the HTML source; `end: true` for an exclusive end offset. */
  readonly toSource: (offset: number, end?: boolean) => number;
}

// The markup, recognised by hand in one left-to-right pass (a regular expression with a bounded
// `[^>]{0,4000}>` cost 4,000 steps at every "<" of a tag that never closes: 7 s for 1 MB of "<a").
// At each "<" or "&", the first of these that matches, as the old expression had it:
//   <!-- … -->            a comment (to the end of the text if it never closes)
//   <script …> … </script\s*>   script, style and template, content and all (lower-case names)
//   <name …> or </name …>  a tag, if its ">" is within 4,000 characters of the name
//   <! … > and <? … >     declarations and processing instructions, ">" within 2,000
//   &amp; &#38; &#x26;    an entity
// The next ">" is remembered between calls, so a text with no ">" is searched once, not once per "<".
const RAW_TEXT = ['script', 'style', 'template'] as const;
const ENTITY = /&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;
const CLOSE_TAIL = /\s*>/y;
const TAG_LIMIT = 4000;
const DECLARATION_LIMIT = 2000;

/** ASCII word character, as `\b` without the u flag counts them. */
function isWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95; /* _ */
}

function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

interface Markup {
  readonly end: number;
  /** The tag's name as written, for an element tag. */
  readonly tag?: string;
}

class MarkupReader {
  private gtFrom = -1;
  private gtAt = -1;

  constructor(private readonly html: string) {}

  /** The first ">" at or after `from`, or -1; remembered, so forward queries cost O(n) in all. */
  private nextGt(from: number): number {
    if (this.gtFrom < 0 || from < this.gtFrom || (this.gtAt >= 0 && from > this.gtAt)) {
      this.gtFrom = from;
      this.gtAt = this.html.indexOf('>', from);
    }
    return this.gtAt;
  }

  /** A ">" within `limit` characters of `from`: the markup ends after it. */
  private closeWithin(from: number, limit: number): number {
    const gt = this.nextGt(from);
    return gt >= 0 && gt - from <= limit ? gt + 1 : -1;
  }

  /** The markup that starts at `i` (a "<" or "&"), or undefined when it is plain text. */
  at(i: number): Markup | undefined {
    const html = this.html;
    if (html.charCodeAt(i) === 38 /* & */) {
      ENTITY.lastIndex = i;
      return ENTITY.test(html) ? { end: ENTITY.lastIndex } : undefined;
    }
    if (html.startsWith('<!--', i)) {
      const close = html.indexOf('-->', i + 4);
      return { end: close < 0 ? html.length : close + 3 };
    }
    for (const name of RAW_TEXT) {
      const after = i + 1 + name.length;
      if (!html.startsWith(name, i + 1) || isWord(html.charCodeAt(after))) continue;
      const open = this.closeWithin(after, DECLARATION_LIMIT);
      if (open < 0) break;
      return { end: this.rawTextEnd(name, open) };
    }
    const tag = this.elementTag(i);
    if (tag) return tag;
    const second = html.charCodeAt(i + 1);
    if (second === 33 /* ! */ || second === 63 /* ? */) {
      const end = this.closeWithin(i + 2, DECLARATION_LIMIT);
      if (end >= 0) return { end };
    }
    return undefined;
  }

  /** Where a script/style/template element that opened at `from` ends (with `</name\s*>`). */
  private rawTextEnd(name: string, from: number): number {
    const close = `</${name}`;
    for (let j = this.html.indexOf(close, from); j >= 0; j = this.html.indexOf(close, j + 1)) {
      CLOSE_TAIL.lastIndex = j + close.length;
      if (CLOSE_TAIL.test(this.html)) return CLOSE_TAIL.lastIndex;
    }
    return this.html.length;
  }

  /** `<name …>` or `</name …>`: the name is letters, digits and hyphens and ends at a word edge. */
  private elementTag(i: number): Markup | undefined {
    const html = this.html;
    const p = html.charCodeAt(i + 1) === 47 /* / */ ? i + 2 : i + 1;
    if (!isLetter(html.charCodeAt(p))) return undefined;
    let q = p + 1;
    while (q < html.length && isNameChar(html.charCodeAt(q))) q++;
    // The longest name after which a word ends; a shorter one would only be further from ">".
    let e = q;
    while (e > p && !(isWord(html.charCodeAt(e - 1)) && !isWord(html.charCodeAt(e)))) e--;
    if (e === p) return undefined;
    const end = this.closeWithin(e, TAG_LIMIT);
    return end < 0 ? undefined : { end, tag: html.slice(p, e) };
  }
}

const BLOCK = new Set(
  'address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul title body head html'.split(
    ' ',
  ),
);

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  pound: '£',
  euro: '€',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  frac12: '½',
  eacute: 'é',
  egrave: 'è',
  aacute: 'á',
  agrave: 'à',
  iacute: 'í',
  oacute: 'ó',
  uacute: 'ú',
  ccedil: 'ç',
  uuml: 'ü',
  ouml: 'ö',
  auml: 'ä',
  szlig: 'ß',
  ntilde: 'ñ',
  bull: '•',
  middot: '·',
  times: '×',
};

function decodeEntity(entity: string): string | undefined {
  const name = entity.slice(1, -1);
  if (name.startsWith('#')) {
    const code =
      name[1] === 'x' || name[1] === 'X'
        ? parseInt(name.slice(2), 16)
        : parseInt(name.slice(1), 10);
    if (
      !Number.isFinite(code) ||
      code <= 0 ||
      code > 0x10ffff ||
      (code >= 0xd800 && code <= 0xdfff)
    )
      return undefined;
    return String.fromCodePoint(code);
  }
  return ENTITIES[name];
}

export function htmlToText(html: string): HtmlText {
  const parts: string[] = [];
  // Segments of the text: where each starts in the text and in the source, and whether it is a
  // copy of the source (offsets advance together) or a replacement (an entity, a block break).
  const textStarts: number[] = [];
  const sourceStarts: number[] = [];
  const sourceEnds: number[] = [];
  const copied: boolean[] = [];
  let textLength = 0;
  const emit = (s: string, sourceStart: number, sourceEnd: number, copy: boolean) => {
    if (s.length === 0) return;
    parts.push(s);
    textStarts.push(textLength);
    sourceStarts.push(sourceStart);
    sourceEnds.push(sourceEnd);
    copied.push(copy);
    textLength += s.length;
  };
  let last = 0;
  const reader = new MarkupReader(html);
  for (let i = 0; i < html.length; i++) {
    const c = html.charCodeAt(i);
    if (c !== 60 /* < */ && c !== 38 /* & */) continue;
    const m = reader.at(i);
    if (m === undefined) continue;
    emit(html.slice(last, i), last, i, true);
    const token = html.slice(i, m.end);
    last = m.end;
    if (c === 38) {
      const ch = decodeEntity(token);
      if (ch === undefined) emit(token, i, m.end, true);
      else emit(ch, i, m.end, false);
    } else if (token.startsWith('<!--') && /^<!--\s*prepub-ignore\b/.test(token)) {
      emit(token, i, m.end, true);
    } else if (m.tag !== undefined && BLOCK.has(m.tag.toLowerCase())) {
      emit('\n\n', i, m.end, false);
    }
    i = m.end - 1;
  }
  emit(html.slice(last), last, html.length, true);

  const starts = Int32Array.from(textStarts);
  const toSource = (offset: number, end = false): number => {
    if (starts.length === 0) return 0;
    const probe = end ? offset - 1 : offset;
    const k = Math.max(0, floorIndex(starts, probe));
    const within = probe - (starts[k] as number);
    if (copied[k]) return (sourceStarts[k] as number) + within + (end ? 1 : 0);
    return end ? (sourceEnds[k] as number) : (sourceStarts[k] as number);
  };
  return { text: parts.join(''), toSource };
}
