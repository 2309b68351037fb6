// What a finding says beyond its excerpt, wherever a person reads it: the words that make it this
// serious (`because`), where the problem lies (`check`, points-at places) and where it comes again
// (`also at`). The reporter sees them in the walk, the desk on the sign-off sheet; text from the
// record is escaped like every other string.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/scan/finding.js';
import { renderHtml } from '../../src/render/html.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { buildSheet } from '../../src/render/sheet-model.js';
import { signoffChain } from '../../src/render/signoff-chain.js';
import { createTheme } from '../../src/render/theme.js';
import { findingLine } from '../../src/render/walk.js';
import { fixture, smallPack } from './helpers.js';

const finding: Finding = {
  rule: 'uk-ew.sexual-offence',
  section: 'restrictions',
  severity: 'blocker',
  line: 2,
  column: 5,
  endLine: 2,
  endColumn: 10,
  excerpt: 'raped',
  message: 'A complainant has lifelong anonymity.',
  questions: [],
  because: [{ line: 2, column: 20, excerpt: 'Ann <b>Lee</b> | 24', why: 'a named person' }],
  repeats: [
    { line: 4, column: 1, endLine: 4, endColumn: 6, excerpt: 'rape' },
    { line: 3, column: 1, endLine: 3, endColumn: 10, excerpt: 'The woman', why: 'the complainant' },
  ],
};

async function sheetWith(f: Finding) {
  const record = fixture('care-home-contracts');
  record.record.findings = [f];
  return buildSheet({
    record,
    pack: smallPack(record.record.checklist.sha256),
    signoffs: await signoffChain(record.attestations),
    keyring: null,
  });
}

describe("a finding's corroboration and places", () => {
  it('the walk shows why, where to check and where it comes again', () => {
    const text = findingLine(finding, createTheme(false));
    expect(text).toContain('because: a named person (line 2 "Ann <b>Lee</b> | 24")');
    expect(text).toContain('check: line 3 "The woman" (the complainant)');
    expect(text).toContain('also at line 4 (2 times in all)');
  });

  it('a finding with neither stays one line', () => {
    const plain: Finding = { ...finding, because: undefined, repeats: undefined };
    expect(findingLine(plain, createTheme(false))).not.toContain('\n');
  });

  it('the sheet model, the HTML and the Markdown sheets carry them, escaped', async () => {
    const sheet = await sheetWith(finding);
    expect(sheet.findings[0]).toMatchObject({
      because: [{ line: 2, column: 20, why: 'a named person' }],
      check: [{ line: 3, excerpt: 'The woman', why: 'the complainant' }],
      alsoAt: [{ line: 4, excerpt: 'rape', why: null }],
    });
    const html = renderHtml(sheet);
    expect(html).toContain('Because: 2:20 “Ann &lt;b&gt;Lee&lt;/b&gt; | 24” (a named person)');
    expect(html).toContain('Check: 3:1 “The woman” (the complainant)');
    expect(html).toContain('Also at 4:1 “rape” (2 times in all)');
    expect(html).not.toContain('<b>Lee</b>');
    const md = renderMarkdown(sheet);
    expect(md).toContain('<br>Because: 2:20');
    expect(md).toContain('<br>Check: 3:1 “The woman” (the complainant)');
    // A pipe from the record cannot break the table row.
    expect(md).not.toMatch(/Lee.{0,20}(?<!\\)\| 24/);
  });
});
