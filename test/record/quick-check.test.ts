// The quick check compiled from a zod schema (core/parse/quick-check.ts) and the quick record
// reader `prepub status` uses (core/record/parse.ts readRecordQuick): on real records and on every
// mutation of them this test can make, the quick check says yes exactly when the schema's parse
// succeeds and returns the data unchanged, and the quick reader gives the record the full reader
// gives (or nothing, where it gives nothing).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { quickCheck } from '../../src/core/parse/quick-check.js';
import { loadRecordText, readRecordQuick } from '../../src/core/record/parse.js';
import { RecordFile } from '../../src/core/record/schema.js';
import { Statement } from '../../src/core/signing/statement.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/records/', import.meta.url));
const fixture = (name: string): string => readFileSync(`${FIXTURES}${name}`, 'utf8');
const RECORDS = ['care-home-contracts.prepub.json', 'hostile.prepub.json'].map((name) => ({
  name,
  text: fixture(name),
}));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type PathKey = string | number;

/** Every path to a value in `value`, the root included. */
function paths(value: Json, at: PathKey[] = []): PathKey[][] {
  const out: PathKey[][] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}

/** Replacements for a value: other types, edge numbers, broken strings, emptied containers. */
function replacements(value: Json): Json[] {
  const out: Json[] = [null, true, 0, -1, 1.5, 2 ** 53, '', 'x', [], {}, ['x'], { x: 1 }];
  if (typeof value === 'string')
    out.push(
      `${value}x`,
      value.slice(1),
      value.toUpperCase(),
      value.replace(/\d/, 'x'),
      value.replace(/Z$/, '+25:00'),
    );
  if (typeof value === 'number') out.push(value + 0.5, -value, value - 1, value + 1);
  if (Array.isArray(value)) {
    out.push(value.slice(1), [...value, ...value]);
    if (value.length > 0) out.push([...value, value[0]!], Array(101).fill(value[0]!) as Json[]);
  }
  return out;
}

function setAt(root: Json, path: readonly PathKey[], fn: (parent: Json, key: PathKey) => void) {
  const copy = structuredClone(root);
  let node = copy as Record<PathKey, Json>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<PathKey, Json>;
  fn(node, path.at(-1)!);
  return copy;
}

/** The value with one change at `path`, each way this test knows. */
function* mutations(root: Json): Generator<Json> {
  for (const path of paths(root)) {
    if (path.length === 0) continue;
    for (const r of replacements(
      path.reduce<Json>((n, k) => (n as Record<PathKey, Json>)[k]!, root),
    ))
      yield setAt(root, path, (parent, key) => {
        (parent as Record<PathKey, Json>)[key] = r;
      });
    yield setAt(root, path, (parent, key) => {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as Record<PathKey, Json>)[key];
    });
  }
  // An unknown key in every object.
  for (const path of paths(root)) {
    const node = path.reduce<Json>((n, k) => (n as Record<PathKey, Json>)[k]!, root);
    if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
      const copy = structuredClone(root);
      const target = path.reduce<Json>((n, k) => (n as Record<PathKey, Json>)[k]!, copy);
      (target as Record<string, Json>).unexpected = 'x';
      yield copy;
    }
  }
}

const mutated = new Map<string, Json[]>();
/** The mutations of a fixture, made once for the tests that share them. */
function mutationsOf(name: string, root: Json): Json[] {
  let list = mutated.get(name);
  if (!list) mutated.set(name, (list = [...mutations(root)]));
  return list;
}

/** The schema's own answer, and whether its output is its input, value for value. */
function zodSays(schema: z.ZodType, value: unknown): boolean {
  const result = schema.safeParse(value);
  if (!result.success) return false;
  expect(result.data).toEqual(value);
  return true;
}

describe('quickCheck', () => {
  it('compiles the record and statement schemas', () => {
    expect(quickCheck(RecordFile)).toBeDefined();
    expect(quickCheck(Statement)).toBeDefined();
  });

  it('declines schemas whose parse changes the data or that it does not know', () => {
    expect(quickCheck(z.object({ a: z.string() }))).toBeUndefined(); // strips unknown keys
    expect(quickCheck(z.looseObject({ a: z.string() }))).toBeUndefined();
    expect(quickCheck(z.strictObject({ a: z.string().default('x') }))).toBeUndefined();
    expect(quickCheck(z.string().transform((s) => s.length))).toBeUndefined();
    expect(quickCheck(z.string().trim())).toBeUndefined();
    expect(quickCheck(z.url())).toBeUndefined();
    expect(quickCheck(z.string().refine((s) => s !== 'x'))).toBeUndefined();
    expect(quickCheck(z.record(z.enum(['a', 'b']), z.string()))).toBeUndefined();
    expect(quickCheck(z.unknown())).toBeUndefined();
  });

  it('agrees with the schema on a table of small cases', () => {
    const schema = z.strictObject({
      id: z.uuid(),
      at: z.iso.datetime({ offset: true }),
      n: z.number().int().min(1),
      s: z
        .string()
        .min(1)
        .regex(/^[a-z]+$/),
      e: z.enum(['a', 'b']),
      l: z.literal('x'),
      u: z.union([z.string(), z.array(z.string()).max(2)]),
      o: z.boolean().optional(),
      m: z.number().nullable(),
      r: z.record(z.string(), z.number()),
      p: z.partialRecord(z.enum(['a', 'b']), z.number()),
    });
    const check = quickCheck(schema)!;
    const good = {
      id: '0b5e8c1d-2f3a-4b6c-9d7e-1a2b3c4d5e6f',
      at: '2026-12-01T09:00:00.000Z',
      n: 1,
      s: 'abc',
      e: 'a',
      l: 'x',
      u: ['a', 'b'],
      m: null,
      r: { k: 1 },
      p: { b: 2 },
    };
    const cases: [unknown, boolean][] = [
      [good, true],
      [{ ...good, o: true }, true],
      [{ ...good, o: undefined }, true],
      [{ ...good, id: 'not-a-uuid' }, false],
      [{ ...good, at: '2026-12-01T09:00:00' }, false],
      [{ ...good, at: '2026-02-30T09:00:00Z' }, false],
      [{ ...good, n: 0 }, false],
      [{ ...good, n: 1.5 }, false],
      [{ ...good, n: Number.NaN }, false],
      [{ ...good, n: Infinity }, false],
      [{ ...good, n: 2 ** 53 }, false],
      [{ ...good, s: '' }, false],
      [{ ...good, s: 'ABC' }, false],
      [{ ...good, e: 'c' }, false],
      [{ ...good, l: 'y' }, false],
      [{ ...good, u: ['a', 'b', 'c'] }, false],
      [{ ...good, u: 'abc' }, true],
      [{ ...good, u: [1] }, false],
      [{ ...good, m: 1 }, true],
      [{ ...good, r: { k: 'x' } }, false],
      [{ ...good, r: [] }, false],
      [{ ...good, p: { c: 1 } }, false],
      [{ ...good, p: {} }, true],
      [{ ...good, extra: 1 }, false],
      [Object.fromEntries(Object.entries(good).filter(([k]) => k !== 'n')), false],
      [[good], false],
    ];
    for (const [value, ok] of cases) {
      expect(check(value), JSON.stringify(value)).toBe(ok);
      expect(schema.safeParse(value).success, JSON.stringify(value)).toBe(ok);
    }
    // What JSON could not give (hidden keys, another prototype): the quick check asks zod instead.
    expect(check({ ...good, r: Object.defineProperty({ k: 1 }, 'h', { value: 1 }) })).toBe(false);
    expect(check(Object.assign(Object.create({ inherited: 1 }) as object, good))).toBe(false);
  });

  for (const { name, text } of RECORDS) {
    it(`says what the record schema says on every mutation of ${name}`, () => {
      const check = quickCheck(RecordFile)!;
      const root = JSON.parse(text) as Json;
      expect(check(root)).toBe(zodSays(RecordFile, root));
      let count = 0;
      let accepted = 0;
      for (const m of mutationsOf(name, root)) {
        const ok = zodSays(RecordFile, m);
        expect(check(m), JSON.stringify(m).slice(0, 200)).toBe(ok);
        count++;
        if (ok) accepted++;
      }
      // Both kinds were tried: the test is not all one answer.
      expect(count).toBeGreaterThan(1000);
      expect(accepted).toBeGreaterThan(50);
      expect(count - accepted).toBeGreaterThan(1000);
    });
  }

  it('says what the statement schema says on every mutation of real payloads', () => {
    const check = quickCheck(Statement)!;
    const file = JSON.parse(RECORDS[0]!.text) as RecordFile;
    for (const env of file.attestations) {
      const statement = JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8')) as Json;
      expect(check(statement)).toBe(true);
      // The filing's snapshot is the record body, mutated above: here, the statement around it.
      const small = structuredClone(statement) as { predicate: { record?: Json } };
      if (small.predicate.record !== undefined) small.predicate.record = null;
      for (const m of mutations(small)) {
        const restored = structuredClone(m) as { predicate?: { record?: Json } };
        const p = restored.predicate;
        if (
          p &&
          typeof p === 'object' &&
          !Array.isArray(p) &&
          p.record === null &&
          'record' in (statement as { predicate: object }).predicate
        )
          p.record = (statement as { predicate: { record: Json } }).predicate.record;
        expect(check(restored), JSON.stringify(restored).slice(0, 200)).toBe(
          zodSays(Statement, restored),
        );
      }
    }
  });
});

describe('readRecordQuick', () => {
  /** Text-level changes the JSON reader must catch: duplicate and forbidden keys, depth, syntax. */
  const textMutations = (text: string): string[] => [
    text.replace('"status": ', '"status": "draft", "status": '),
    text.replace('"answers": {', '"answers": {"__proto__": {},'),
    text.replace('"story": {', '"story": {"slug": "other",'),
    text.replace('"record": {', '"record": {"constructor": 1,'),
    `${text}}`,
    `${text},`,
    text.slice(0, -10),
    `\uFEFF${text}`,
    `\uFEFF\uFEFF${text}`,
    `  \n${text}`,
    text.replace(/^\{/, '['),
    `format: prepub/record@1\n`,
    '',
    'null',
    '[]',
    text.replace('"story": {', `"story": ${'['.repeat(300)}${']'.repeat(300)}, "x": {`),
    text.replace('"id": "', '"id": "\\u0030'),
    text.replace(/"status": "[a-z]+"/, '"status": "approved\\u0000"'),
  ];

  for (const { name, text } of RECORDS) {
    it(`gives what the full reader gives, on ${name} and its mutations`, () => {
      const root = JSON.parse(text) as Json;
      const texts = [
        text,
        ...textMutations(text),
        // Every third value mutation (all of them are checked against the schema above).
        ...mutationsOf(name, root)
          .filter((_, i) => i % 3 === 0)
          .map((m) => `${JSON.stringify(m, null, 2)}\n`),
      ];
      let valid = 0;
      for (const t of texts) {
        const full = loadRecordText(name, t).value;
        const quick = readRecordQuick(name, t);
        if (full === undefined) expect(quick, t.slice(0, 200)).toBeUndefined();
        else {
          expect(quick, t.slice(0, 200)).toEqual(full);
          valid++;
        }
      }
      expect(valid).toBeGreaterThan(20);
      expect(texts.length - valid).toBeGreaterThan(300);
    });
  }
});
