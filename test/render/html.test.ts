import { describe, expect, it } from 'vitest';
import { CSP, esc, PALETTE, renderHtml } from '../../src/render/html.js';
import { buildSheet } from '../../src/render/sheet-model.js';
import { signoffChain } from '../../src/render/signoff-chain.js';
import { fixture, smallPack } from './helpers.js';

async function html(name: 'care-home-contracts' | 'hostile'): Promise<string> {
  const record = fixture(name);
  const sheet = buildSheet({
    record,
    pack: smallPack(record.record.checklist.sha256),
    signoffs: await signoffChain(record.attestations),
    keyring: null,
  });
  return renderHtml(sheet);
}

const ALLOWED_TAGS = new Set([
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'main',
  'header',
  'section',
  'footer',
  'h1',
  'h2',
  'h3',
  'p',
  'ul',
  'ol',
  'li',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'span',
  'strong',
  'time',
  'br',
]);

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('esc', () => {
  it.each([
    ['<script>', '&lt;script&gt;'],
    ['"quoted" & \'single\'', '&quot;quoted&quot; &amp; &#39;single&#39;'],
    ['&amp;', '&amp;amp;'],
    ['plain', 'plain'],
  ])('%j → %j', (input, output) => expect(esc(input)).toBe(output));
});

describe('renderHtml', () => {
  it('is one self-contained, locked-down, printable page', async () => {
    const page = await html('care-home-contracts');
    expect(
      page.startsWith('<!doctype html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'),
    ).toBe(true);
    expect(CSP.startsWith("default-src 'none'; style-src 'unsafe-inline'")).toBe(true);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">`);
    expect(page).toContain('<meta name="robots" content="noindex">');
    expect(page).toMatch(/@page\{size:A4;margin:[^;]+;/);
    expect(page).toMatch(/@media print\{[^]*tr,li[^{]*\{break-inside:avoid/);
    // Nothing to fetch or run.
    expect(page).not.toMatch(
      /https?:|\/\/[a-z]|url\(|@import|@font-face|<script|<link|<img|\ssrc=|\shref=/i,
    );
    const tags = [...page.matchAll(/<([a-z0-9]+)[\s>]/gi)].map((m) => m[1]!.toLowerCase());
    expect(tags.filter((t) => !ALLOWED_TAGS.has(t))).toEqual([]);
  });

  it('uses semantic headings and table headers with scope', async () => {
    const page = await html('care-home-contracts');
    expect(page.match(/<h1>/g)).toHaveLength(1);
    expect(page).toContain('<h2 id="h-signoff">Sign-off chain</h2>');
    expect(page).not.toMatch(/<th(?! scope="(?:col|row)")[ >]/);
    expect(page).toContain('<th scope="col">Citations</th>');
    expect(page).toContain('<th scope="row">Reporter</th><td>Priya Shah</td>');
  });

  it('shows risk by colour and by a word', async () => {
    const page = await html('care-home-contracts');
    expect(page).toContain(
      '<span class="label">Overall risk</span> <span class="badge risk-high">HIGH</span>',
    );
    expect(page).toContain('<span class="badge risk-medium">MEDIUM</span>');
    expect(page).toContain('<span class="badge risk-none">NONE</span>');
    expect(page).toContain(
      '<span class="badge sig-not-checked">NOT CHECKED</span><br><span class="muted">no keyring</span>',
    );
  });

  it.each(Object.entries(PALETTE))(
    '%s colours meet WCAG AA contrast (4.5:1)',
    (_name, [fg, bg]) => {
      expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5);
    },
  );

  it('escapes every value from the record', async () => {
    const page = await html('hostile');
    expect(page).toContain(
      '&lt;script&gt;window.__pwned=1;document.title=&quot;pwned&quot;&lt;/script&gt;',
    );
    expect(page).toContain(
      'Note with &lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;;window.__pwned=1&quot;&gt; in it',
    );
    expect(page).not.toMatch(/<script|<img|<svg|<b>|<i>|<u>|<evil>|<rule>/i);
    expect(page).not.toMatch(/<[^>]*\son[a-z]+=/i);
    expect(page).toContain('<title>Sign-off sheet: Hostile &lt;script&gt;');
    const tags = [...page.matchAll(/<([a-z0-9]+)[\s>]/gi)].map((m) => m[1]!.toLowerCase());
    expect(tags.filter((t) => !ALLOWED_TAGS.has(t))).toEqual([]);
  });

  it('marks suppressed findings and unreadable envelopes', async () => {
    const page = await html('hostile');
    expect(page).toContain('<tr class="suppressed">');
    expect(page).toContain(
      '<strong>Suppressed</strong> <span class="muted">(command-line flag)</span><br>&lt;script&gt;',
    );
    expect(page).toContain(
      '<span class="badge sig-failed">UNREADABLE</span><br>payload type is text/plain, not application/vnd.in-toto+json',
    );
    expect(page).toContain('2 questions still to answer.');
  });

  it('is deterministic, with LF line ends and one trailing newline', async () => {
    const a = await html('care-home-contracts');
    expect(await html('care-home-contracts')).toBe(a);
    expect(a).not.toContain('\r');
    expect(a.endsWith('</html>\n')).toBe(true);
  });
});
