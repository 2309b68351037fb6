// A record names its checklist by id, version and digest, and the gate rescans the article with
// that version's rules. The rules live in the pack, but the scanner that reads them is code: a
// change to the scanner must not change what an archived released version finds, or every record
// made under it would fail verify. This pins the findings of each released uk-ew version (kept in
// checklists/archive) on the fixture articles and the real-copy corpus. New scanner behaviour is
// switched on by what a pack's rules.yaml asks for, never for rules that do not ask.
// To refresh after a deliberate, announced break: PREPUB_UPDATE_RELEASED=1 npx vitest run test/scan/released-rules.test.ts
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseRules } from '../../src/adapters/read-rules.js';
import { scanText } from '../../src/core/scan/scanner.js';
import { ROOT } from '../helpers/run.js';

const RELEASED = ['1.0.0', '2.0.0'];

function texts(): [string, string][] {
  const out: [string, string][] = [];
  const articles = path.join(ROOT, 'test', 'fixtures', 'articles');
  for (const n of readdirSync(articles)
    .filter((n) => n.endsWith('.md'))
    .sort())
    out.push([`articles/${n}`, readFileSync(path.join(articles, n), 'utf8')]);
  for (const split of ['tuning', 'evaluation']) {
    const dir = path.join(ROOT, 'test', 'fixtures', 'corpus', split);
    for (const n of readdirSync(dir)
      .filter((n) => n.endsWith('.yaml'))
      .sort())
      out.push([
        `corpus/${split}/${n}`,
        (parse(readFileSync(path.join(dir, n), 'utf8')) as { text: string }).text,
      ]);
  }
  return out;
}

describe.each(RELEASED)('uk-ew %s finds today what it found when it was released', (version) => {
  it('the same findings, field for field, on every fixture and corpus article', async () => {
    const GOLDEN = path.join(ROOT, 'test', 'fixtures', 'released', `uk-ew-${version}.findings.json`);
    const file = path.join(ROOT, 'checklists', 'archive', 'uk-ew', version, 'rules.yaml');
    const { rules, errors } = await parseRules(file, readFileSync(file, 'utf8'));
    expect(errors).toEqual([]);
    const now: Record<string, string[]> = {};
    for (const [name, text] of texts())
      now[name] = scanText(text, rules!, {}).map((f) => JSON.stringify(f));
    if (process.env.PREPUB_UPDATE_RELEASED === '1') {
      writeFileSync(GOLDEN, `${JSON.stringify(now, null, 1)}\n`);
    }
    const then = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, string[]>;
    for (const [name, findings] of Object.entries(then)) {
      expect(now[name], `${name}: uk-ew ${version} now finds something else`).toEqual(findings);
    }
  });
});
