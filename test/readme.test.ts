// The README stays true: its coverage table counts the pack's questions, and the files its
// commands name exist.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPackFromFiles } from '../src/core/checklist/loader.js';
import { readPackFiles } from '../src/adapters/packs.js';
import { ROOT } from './helpers/cli.js';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('counts each section of uk-ew as the pack does', async () => {
    const dir = path.join(ROOT, 'checklists', 'uk-ew');
    const pack = loadPackFromFiles(dir, await readPackFiles(dir, ROOT)).value!;
    const rows = [...readme.matchAll(/\(`(\w+)`, (\d+) questions, (\d+) screening\)/g)];
    expect(rows.map((r) => r[1])).toEqual(pack.sections.map((s) => s.id));
    for (const [, id, total, screening] of rows) {
      const section = pack.sections.find((s) => s.id === id)!;
      expect([id, Number(total), Number(screening)]).toEqual([
        id,
        section.questions.length,
        section.questions.filter((q) => !q.when).length,
      ]);
    }
  });

  it('names files that exist', () => {
    for (const file of [
      'examples/community-fete.md',
      'examples/community-fete.answers.yaml',
      'examples/councillor-allegation.md',
      'docs/sheet.png',
      'docs/signoff.md',
      'docs/export.md',
      'docs/pack-format.md',
      'docs/rules-format.md',
      'schemas/record.schema.json',
    ]) {
      expect(readme).toContain(file);
      expect(existsSync(path.join(ROOT, file)), file).toBe(true);
    }
  });
});
