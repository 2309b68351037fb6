import { describe, expect, it } from 'vitest';
import { renderMarkdown, mdEscape } from '../../src/render/markdown.js';
import { buildSheet } from '../../src/render/sheet-model.js';
import { signoffChain } from '../../src/render/signoff-chain.js';
import { fixture, smallPack } from './helpers.js';

async function markdown(name: 'care-home-contracts' | 'hostile'): Promise<string> {
  const record = fixture(name);
  const sheet = buildSheet({
    record,
    pack: smallPack(record.record.checklist.sha256),
    signoffs: await signoffChain(record.attestations),
    keyring: null,
  });
  return renderMarkdown(sheet);
}

/** The cells of a pipe-table row, splitting only on unescaped pipes. */
function cells(line: string): string[] {
  return line
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

describe('mdEscape', () => {
  it.each([
    ['plain words', 'plain words'],
    ['a | b', 'a \\| b'],
    ['`code`', '\\`code\\`'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['a & b', 'a &amp; b'],
    ['&lt;', '&amp;lt;'],
    ['# not a heading', '\\# not a heading'],
    ['#hashtag', '\\#hashtag'],
    ['- not a list', '\\- not a list'],
    ['1. not a list', '1\\. not a list'],
    ['version 1.0.0', 'version 1.0.0'],
    ['1.0.0', '1.0.0'],
    ['line one\nline two', 'line one<br>line two'],
    ['crlf\r\nhere', 'crlf<br>here'],
    ['*bold* _em_ ~~del~~', '\\*bold\\* \\_em\\_ \\~\\~del\\~\\~'],
    ['[link](javascript:x)', '\\[link\\](javascript:x)'],
    ['$x$ maths', '\\$x\\$ maths'],
    ['back\\slash', 'back\\\\slash'],
  ])('%j → %j', (input, output) => expect(mdEscape(input)).toBe(output));
});

describe('renderMarkdown', () => {
  it('lays out the sheet with headings and tables', async () => {
    const md = await markdown('care-home-contracts');
    expect(md.startsWith("# Sign-off sheet: Council leader's committee waived tender")).toBe(true);
    for (const heading of [
      '## Story',
      '## Assessment',
      '### Required actions',
      '### Referred to a lawyer',
      '## Sign-off chain',
      '## Answers',
      '## Findings',
      '## History',
    ]) {
      expect(md).toContain(`\n${heading}\n`);
    }
    expect(md).toContain(
      '**Overall risk: HIGH** · **Status: Approved** · Record as of 13 Mar 2025, 09:31 UTC',
    );
    expect(md).toContain(
      '- **Article SHA-256:** `2ece60e05db85e6fc8cbe962a4682473d7c6cf3e7bc3216ab55bfa352445ddbe`',
    );
    expect(md).toContain('| # | Role | Signed by | Decision | Time | Comment | Signature |');
    expect(md).toContain(
      '| 1 | reporter | Priya Shah | **filed** | 12 Mar 2025, 16:45 UTC | — | **Not checked** (no keyring) |',
    );
    expect(md).toContain('### Defamation (test): risk **HIGH**');
    expect(md).toContain('Chase v News Group Newspapers Ltd \\[2002\\] EWCA Civ 1772');
    expect(md).toMatch(
      /\| 16:74 \| \*\*HIGH\*\* \|.*\| \*\*Suppressed\*\* \(comment in the article\): The council press office's published number \|/,
    );
    expect(md).toContain('_This sheet records the questions asked');
  });

  it('keeps every table intact whatever the record holds', async () => {
    for (const name of ['care-home-contracts', 'hostile'] as const) {
      const lines = (await markdown(name)).split('\n');
      let columns = 0;
      for (const [i, line] of lines.entries()) {
        if (!line.startsWith('|')) {
          columns = 0;
          continue;
        }
        expect(line.endsWith('|'), `line ${i + 1}`).toBe(true);
        if (columns === 0) columns = cells(line).length;
        expect(cells(line), `line ${i + 1}: ${line}`).toHaveLength(columns);
      }
    }
  });

  it('renders hostile strings as text: no raw HTML but <br>, no headings or code from data', async () => {
    const md = await markdown('hostile');
    expect(md).toContain(
      '&lt;script&gt;window.\\_\\_pwned=1;document.title="pwned"&lt;/script&gt;',
    );
    expect(md).toContain(
      '&lt;img src=x onerror="document.title=\'pwned\';window.\\_\\_pwned=1"&gt;',
    );
    expect(md).not.toMatch(/<(?!br>)[a-z/!?]/i);
    // The only code spans are the digests the renderer writes itself.
    expect(md.replace(/`[0-9a-f]{64}`/g, '')).not.toMatch(/(?<!\\)`/);
    const headings = md.split('\n').filter((l) => /^#{1,6} /.test(l));
    expect(headings.every((h) => /^(# Sign-off sheet: |## |### )/.test(h))).toBe(true);
    expect(md).toContain('**Suppressed** (command-line flag): &lt;script&gt;');
    expect(md).toContain(
      '| 3 | — | — | unreadable: payload type is text/plain, not application/vnd.in-toto+json |',
    );
  });

  it('is deterministic, with LF line ends and one trailing newline', async () => {
    const a = await markdown('care-home-contracts');
    expect(await markdown('care-home-contracts')).toBe(a);
    expect(a).not.toContain('\r');
    expect(a.endsWith('\n') && !a.endsWith('\n\n')).toBe(true);
  });
});
