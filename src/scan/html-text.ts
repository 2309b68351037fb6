// HTML to text that keeps every character at its offset in the source: tags, comments, scripts
// and styles become spaces (line breaks kept), and an entity becomes its character padded with
// spaces. So a finding's offset in the text is its offset in the HTML file, and line and column
// point into the source without a mapping table. prepub-ignore comments are kept as they are.

export interface HtmlText {
  readonly text: string;
  /** Sorted offsets of block-level tags: paragraph boundaries for suppression comments. */
  readonly blockEnds: number[];
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

function blank(s: string): string {
  return s.replace(/[^\r\n]/g, ' ');
}

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
  const blockEnds: number[] = [];
  const parts: string[] = [];
  let last = 0;
  MARKUP.lastIndex = 0;
  for (let m = MARKUP.exec(html); m !== null; m = MARKUP.exec(html)) {
    const token = m[0];
    if (token.length === 0) {
      MARKUP.lastIndex++;
      continue;
    }
    parts.push(html.slice(last, m.index));
    last = m.index + token.length;
    if (token.startsWith('&')) {
      const ch = decodeEntity(token);
      parts.push(
        ch === undefined || ch.length > token.length
          ? token
          : ch + ' '.repeat(token.length - ch.length),
      );
    } else if (token.startsWith('<!--') && /^<!--\s*prepub-ignore\b/.test(token)) {
      parts.push(token);
    } else {
      const tag = (m[2] ?? m[1] ?? '').toLowerCase();
      if (BLOCK.has(tag)) blockEnds.push(m.index);
      parts.push(blank(token));
    }
  }
  parts.push(html.slice(last));
  return { text: parts.join(''), blockEnds };
}
