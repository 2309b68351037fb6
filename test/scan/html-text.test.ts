// The HTML reader: the same text and source map as the regular expression it replaced, in one
// linear pass. The old expression stays here as the oracle for a property test.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/core/scan/html-text.js';

const OLD_MARKUP =
  /<!--[\s\S]*?(?:-->|$)|<(script|style|template)\b[^>]{0,2000}>[\s\S]*?(?:<\/\1\s*>|$)|<\/?([A-Za-z][A-Za-z0-9-]*)\b[^>]{0,4000}>|<![^>]{0,2000}>|<\?[^>]{0,2000}>|&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;

/** The tokens the old expression found: [start, end, element name]. */
function oldTokens(html: string): [number, number, string][] {
  const out: [number, number, string][] = [];
  OLD_MARKUP.lastIndex = 0;
  for (let m = OLD_MARKUP.exec(html); m !== null; m = OLD_MARKUP.exec(html))
    out.push([m.index, m.index + m[0].length, (m[2] ?? '').toLowerCase()]);
  return out;
}

const FRAGMENTS = [
  '<',
  '>',
  '&',
  ';',
  '!',
  '?',
  '-',
  '/',
  '_',
  ' ',
  '\n',
  'a',
  'p',
  'x',
  '1',
  '#',
  '<a',
  '<p>',
  '</p>',
  '<a-',
  '<a_',
  '<script',
  '<script>',
  '</script',
  '</script >',
  'script',
  '<style>',
  '</style>',
  '<template ',
  '<!--',
  '-->',
  '<!x',
  '<?x',
  '&amp;',
  '&#38;',
  '&#x26;',
  '&nbsp;',
  'prepub-ignore t.x: ok',
  '<br/>',
  '<div class="a">',
  '<SCRIPT>',
];

describe('htmlToText', () => {
  it('finds the same markup as the old expression, with the same map back to the source', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }), (parts) => {
        const html = parts.join('');
        const tokens = oldTokens(html);
        // Rebuild the text the old way from its tokens and compare texts and maps.
        const { text, toSource } = htmlToText(html);
        let expected = '';
        const map: number[] = [];
        let last = 0;
        for (const [start, end, tag] of tokens) {
          for (let k = last; k < start; k++) {
            expected += html[k];
            map.push(k);
          }
          last = end;
          const token = html.slice(start, end);
          if (token.startsWith('<!--')) {
            if (/^<!--\s*prepub-ignore\b/.test(token))
              for (let k = start; k < end; k++) {
                expected += html[k];
                map.push(k);
              }
          } else if (token.startsWith('&')) {
            expect(text.length).toBeGreaterThan(0);
            const decoded = htmlToText(token).text;
            expected += decoded;
            for (let k = 0; k < decoded.length; k++)
              map.push(decoded === token ? start + k : start);
          } else if (['p', 'br', 'div'].includes(tag)) {
            expected += '\n\n';
            map.push(start, start);
          }
        }
        for (let k = last; k < html.length; k++) {
          expected += html[k];
          map.push(k);
        }
        expect(text).toBe(expected);
        expect(Array.from(text, (_, k) => toSource(k))).toEqual(map);
      }),
      { numRuns: 2000 },
    );
  });

  // The old expression looked up to 4,000 characters ahead at every "<" (2,000 after "<!" or
  // "<?"): 2 to 7 s per MB, so 10 s or more for each of these; one pass takes a fraction of one.
  it.each([
    ['<a', 2],
    ['<a-', 1.5],
    ['</a ', 2],
    ['<!x', 4.5],
    ['<?x', 4.5],
    ['<script ', 4],
  ])('reads %j repeated to %d MB in linear time', (shape, mb) => {
    const times = Math.ceil((mb * 1e6) / shape.length);
    const started = performance.now();
    const html = shape.repeat(times);
    const { text } = htmlToText(html);
    expect(performance.now() - started).toBeLessThan(3_000);
    // Nothing closes, so the text is the source.
    expect(text).toBe(html);
  });
});
