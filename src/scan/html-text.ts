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

const MARKUP =
  /<!--[\s\S]*?(?:-->|$)|<(script|style|template)\b[^>]{0,2000}>[\s\S]*?(?:<\/\1\s*>|$)|<\/?([A-Za-z][A-Za-z0-9-]*)\b[^>]{0,4000}>|<![^>]{0,2000}>|<\?[^>]{0,2000}>|&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;

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
  MARKUP.lastIndex = 0;
  for (let m = MARKUP.exec(html); m !== null; m = MARKUP.exec(html)) {
    const token = m[0];
    if (token.length === 0) {
      MARKUP.lastIndex++;
      continue;
    }
    emit(html.slice(last, m.index), last, m.index, true);
    const end = m.index + token.length;
    last = end;
    if (token.startsWith('&')) {
      const ch = decodeEntity(token);
      if (ch === undefined) emit(token, m.index, end, true);
      else emit(ch, m.index, end, false);
    } else if (token.startsWith('<!--') && /^<!--\s*prepub-ignore\b/.test(token)) {
      emit(token, m.index, end, true);
    } else {
      const tag = (m[2] ?? '').toLowerCase();
      if (BLOCK.has(tag)) emit('\n\n', m.index, end, false);
    }
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
