// YAML and JSON files against a schema: strict readers, every problem at file:line:column.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { MAX_DEPTH } from '../../src/core/parse/json-strict.js';
import {
  MAX_ALIAS_EXPANSION,
  MAX_ALIASES,
  parseText,
  parseWithSchema,
} from '../../src/core/parse/structured.js';
import { positionOf } from '../helpers/cli.js';

/** The first problem parseText reports, as "file:line:column: message". */
function yamlProblem(text: string): string | undefined {
  const { parsed, errors } = parseText('f.yaml', text);
  return parsed ? undefined : errors.map(formatDiagnostic)[0];
}

const at = (text: string, needle: string, occurrence = 1) => {
  const { line, column } = positionOf(text, needle, occurrence);
  return `f.yaml:${line}:${column}: `;
};

describe('YAML: prototype keys', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('"%s" is refused where it stands', (key) => {
    const text = `story:\n  slug: x\nsafety.q:\n  value: yes\n  ${key}: {polluted: true}\n`;
    expect(yamlProblem(text)).toBe(
      `${at(text, `${key}:`)}the key "${key}" is not allowed (it names JavaScript's object machinery, not data)`,
    );
  });

  it('also quoted, in flow style, and inside lists', () => {
    expect(yamlProblem('a: {"__proto__": 1}\n')).toMatch(/^f\.yaml:1:5: the key "__proto__"/);
    expect(yamlProblem('a:\n  - constructor: 1\n')).toMatch(/^f\.yaml:2:5: the key "constructor"/);
    expect(yamlProblem('a: [prototype: 1]\n')).toMatch(/^f\.yaml:1:5: the key "prototype"/);
  });

  it('keys that are lists, mappings or aliases are refused (an alias could name __proto__)', () => {
    expect(yamlProblem('x: &k __proto__\n*k : 1\n')).toBe(
      'f.yaml:2:1: a key must be plain text, not a list, mapping or alias',
    );
    expect(yamlProblem('? [a, b]\n: 1\n')).toMatch(/^f\.yaml:1:3: a key must be plain text/);
  });

  it('as a value, it is only text', () => {
    expect(parseText('f.yaml', 'safety.q: constructor\n').parsed?.data).toEqual({
      'safety.q': 'constructor',
    });
  });

  it('duplicate keys are still refused by the YAML parser', () => {
    expect(yamlProblem('a: 1\na: 2\n')).toMatch(
      /^f\.yaml:2:1: YAML syntax: Map keys must be unique/,
    );
  });
});

describe('YAML: aliases', () => {
  it('a few ordinary aliases are fine, and become shared values', () => {
    const text = 'words: &w [a, b, c]\nrules:\n  - terms: *w\n  - terms: *w\n';
    expect(parseText('f.yaml', text).parsed?.data).toEqual({
      words: ['a', 'b', 'c'],
      rules: [{ terms: ['a', 'b', 'c'] }, { terms: ['a', 'b', 'c'] }],
    });
  });

  it('an alias bomb is refused at the alias where it goes off, before any expansion', () => {
    const row = (name: string, of: string) =>
      `${name}: &${name} [${Array(10).fill(`*${of}`).join(', ')}]`;
    const text = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      row('b', 'a'),
      row('c', 'b'),
      row('d', 'c'),
      row('e', 'd'),
      row('f', 'e'),
      row('g', 'f'),
      row('h', 'g'),
      row('i', 'h'),
      '',
    ].join('\n');
    // a: 11 values; b adds 10 × 11; c 10 × 111; d goes over with its 8th *c (1220 + 8 × 1111).
    expect(yamlProblem(text)).toBe(
      `${at(text, '*c', 8)}too many aliases: expanding them would add more than ${MAX_ALIAS_EXPANSION} values (an alias bomb?)`,
    );
  });

  it(`more than ${MAX_ALIASES} aliases are refused, even small ones`, () => {
    const text = `a: &a x\nb: [${Array(MAX_ALIASES + 1)
      .fill('*a')
      .join(', ')}]\n`;
    expect(yamlProblem(text)).toMatch(
      new RegExp(`^f\\.yaml:2:\\d+: more than ${MAX_ALIASES} aliases$`),
    );
  });

  it('an alias inside its own anchor (a cycle) is refused', () => {
    expect(yamlProblem('a: &a [1, *a]\n')).toBe(
      'f.yaml:1:11: the alias *a is inside its own anchor',
    );
    expect(yamlProblem('a: &a {b: {c: *a}}\n')).toBe(
      'f.yaml:1:15: the alias *a is inside its own anchor',
    );
  });
});

describe('YAML: depth', () => {
  const nest = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  it(`${MAX_DEPTH} levels are fine, ${MAX_DEPTH + 1} are refused at the first one too deep`, () => {
    expect(parseText('f.yaml', nest(MAX_DEPTH)).parsed).toBeDefined();
    expect(yamlProblem(nest(MAX_DEPTH + 1))).toBe(
      `f.yaml:1:${MAX_DEPTH + 1}: nested more than ${MAX_DEPTH} levels deep`,
    );
  });

  it('a very deep document is refused, never a crash', () => {
    expect(yamlProblem(`a: ${nest(50_000)}\n`)).toMatch(
      new RegExp(`^f\\.yaml:1:\\d+: nested more than ${MAX_DEPTH} levels deep$`),
    );
    const block = Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
    expect(yamlProblem(`${block} 1\n`)).toMatch(/nested more than 200 levels deep$/);
  });

  it('depth counts what an alias brings in', () => {
    const text = `deep: &d ${nest(150)}\nuse: ${'['.repeat(60)}*d${']'.repeat(60)}\n`;
    expect(yamlProblem(text)).toBe(
      `${at(text, '*d')}nested more than ${MAX_DEPTH} levels deep (with the alias *d)`,
    );
  });
});

describe('parseWithSchema: JSON files are read as JSON', () => {
  const Schema = z.strictObject({ name: z.string(), tags: z.array(z.string()).optional() });

  it('syntax errors say JSON, not YAML', () => {
    expect(
      parseWithSchema('c.json', '{"name": "x",}', Schema).errors.map(formatDiagnostic),
    ).toEqual(['c.json:1:14: JSON syntax: unexpected "}", expected a quoted key']);
  });

  it('duplicate and prototype keys are errors with their position', () => {
    expect(
      parseWithSchema('c.json', '{\n  "name": "a",\n  "name": "b"\n}', Schema).errors.map(
        formatDiagnostic,
      ),
    ).toEqual(['c.json:3:3: duplicate key "name" (first at line 2)']);
    expect(
      parseWithSchema('c.json', '{"name": "a", "__proto__": {}}', Schema).errors.map(
        formatDiagnostic,
      ),
    ).toEqual([
      'c.json:1:15: the key "__proto__" is not allowed (it names JavaScript\'s object machinery, not data)',
    ]);
  });

  it('schema problems point into the JSON text', () => {
    const text = '{\n  "name": "a",\n  "tags": ["x", 2],\n  "nmae": 1\n}';
    expect(parseWithSchema('c.json', text, Schema).errors.map(formatDiagnostic)).toEqual([
      'c.json:3:17: tags[1]: expected string, got number',
      'c.json:4:3: nmae: unknown key "nmae"',
    ]);
    expect(parseWithSchema('c.json', '{"tags": []}', Schema).errors.map(formatDiagnostic)).toEqual([
      'c.json:1:1: "name" is required (expected string)',
    ]);
  });

  it('YAML files stay YAML', () => {
    expect(parseWithSchema('c.yaml', 'name: a\ntags: [x]\n', Schema).value).toEqual({
      name: 'a',
      tags: ['x'],
    });
  });
});
