// The one strict JSON reader: RFC 8259, plus no duplicate keys, no prototype keys, bounded depth;
// every problem at its line and column (columns in characters); linear time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeJsonBytes,
  findJsonProblem,
  lineColumn,
  MAX_DEPTH,
  offsetOfPath,
  parseJson,
  readJson,
} from '../../src/core/parse/json-strict.js';

/** The problem readJson reports, as "line:column: message". */
function problem(text: string): string | undefined {
  const r = readJson(text);
  return r.ok ? undefined : `${r.issue.line}:${r.issue.column}: ${r.issue.message}`;
}

const nest = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('readJson: what JSON.parse accepts, it accepts with the same value', () => {
  it.each([
    '{}',
    '[]',
    '{"a":[1,-2.5e3,true,false,null,"x\\n\\u00e9"]}',
    ' "s" ',
    '\uFEFF{"bom": 1}',
    '{"a": {"a": {"a": 1}}, "b": [{"a": 1}, {"a": 2}]}',
    '{"key\\"quoted": 1, "key": 2}',
    '{"path\\\\": "ends in a backslash\\\\", "next": "\\\\\\""}',
  ])('%j', (text) => {
    const r = readJson(text);
    expect(r.ok).toBe(true);
    expect(r.ok && r.value).toEqual(JSON.parse(text.replace(/^\uFEFF/, '')));
  });

  it('agrees with JSON.parse on any JSON without repeated or prototype keys', () => {
    const key = fc.string().filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k));
    const value = fc.letrec((tie) => ({
      json: fc.oneof(
        { maxDepth: 4 },
        fc.constant(null),
        fc.boolean(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.string(),
        fc.array(tie('json')),
        fc.dictionary(key, tie('json')),
      ),
    })).json;
    fc.assert(
      fc.property(value, fc.boolean(), (v, pretty) => {
        const text = pretty ? JSON.stringify(v, null, 2) : JSON.stringify(v);
        const r = readJson(text);
        expect(r.ok).toBe(true);
        expect(r.ok && r.value).toEqual(JSON.parse(text));
      }),
    );
  });
});

describe('readJson: grammar errors, at their offset', () => {
  it.each([
    ['{"a":1,}', 7, 'unexpected "}", expected a quoted key'],
    ['[1 2]', 3, 'unexpected "2", expected "," or "]"'],
    ['{"a" 1}', 5, 'unexpected "1", expected ":"'],
    ['"open', 5, 'unexpected end of input, expected a closing quote'],
    ['{} x', 3, 'unexpected "x", expected the end of the file'],
    ['', 0, 'unexpected end of input, expected a value'],
    ['01', 1, 'unexpected "1", expected the end of the file'],
    ['{"a": "\\x"}', 8, 'unexpected "x", expected a valid escape'],
    ['{"a": "tab\there"}', 10, 'unexpected "\\t", expected a closing quote'],
    ['{\n  "a": 1\n  "b": 2\n}', 13, `unexpected '"', expected "," or "}"`],
    ['{a: 1}', 1, 'unexpected "a", expected a quoted key'],
    ['[1,]', 3, 'unexpected "]", expected a value'],
  ])('%j at %i', (text, offset, message) => {
    expect(findJsonProblem(text)).toEqual({ offset, message });
    const r = readJson(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toEqual({ offset, message });
  });

  it('reports a syntax error in a deep but broken text without overflowing the stack', () => {
    const text = `${'['.repeat(100_000)}}`;
    expect(problem(text)).toBe(`1:${MAX_DEPTH + 1}: nested more than ${MAX_DEPTH} levels deep`);
  });
});

describe('readJson: duplicate keys', () => {
  it('a second copy of a key is an error at the second copy, naming the line of the first', () => {
    const text =
      '{\n  "answers": {\n    "a": {"value": "no"},\n    "a": {"value": "yes"}\n  }\n}\n';
    expect(problem(text)).toBe('4:5: duplicate key "a" (first at line 3)');
  });

  it('the same key spelled with an escape is the same key', () => {
    expect(problem('{"value": 1, "\\u0076alue": 2}')).toBe(
      '1:14: duplicate key "value" (first at line 1)',
    );
    expect(problem('{"v\\u0061lue": 1, "value": 2}')).toBe(
      '1:19: duplicate key "value" (first at line 1)',
    );
  });

  it('only within one object: the same key in sibling or nested objects is fine', () => {
    expect(problem('{"a": {"a": 1}, "b": {"a": 2}, "c": [{"a": 1}, {"a": 2}]}')).toBeUndefined();
  });

  it('after a nested object closes, its keys no longer count for its parent', () => {
    expect(problem('{"x": {"y": 1}, "y": 2}')).toBeUndefined();
    expect(problem('{"x": {"y": 1}, "x": 2}')).toBe('1:17: duplicate key "x" (first at line 1)');
  });

  it('in an object with many keys, too', () => {
    const keys = Array.from({ length: 500 }, (_, i) => `"k${i}": ${i}`);
    expect(problem(`{${keys.join(',')}}`)).toBeUndefined();
    const text = `{${[...keys, '"k250": 0'].join(',\n')}}`;
    expect(problem(text)).toBe('501:1: duplicate key "k250" (first at line 251)');
  });

  it('JSON.parse would keep the last copy; readJson keeps none', () => {
    const text = '{"value": "yes", "value": "no"}';
    expect((JSON.parse(text) as { value: string }).value).toBe('no');
    expect(() => parseJson(text)).toThrow('duplicate key "value"');
  });

  it('a broken text reports whichever problem comes first', () => {
    expect(problem('{"a": 1, "a": 2, }')).toBe('1:10: duplicate key "a" (first at line 1)');
  });
});

describe('readJson: prototype keys', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('"%s" as a key is an error', (key) => {
    expect(problem(`{"ok": {"fine": [1, {"${key}": {}}]}}`)).toBe(
      `1:22: the key "${key}" is not allowed (it names JavaScript's object machinery, not data)`,
    );
  });

  it('also when spelled with escapes, and also in a text JSON.parse refuses', () => {
    expect(problem('{"__proto\\u005f_": {"polluted": true}}')).toMatch(/^1:2: the key "__proto__"/);
    expect(problem('{"constructor": 1,}')).toMatch(/^1:2: the key "constructor"/);
  });

  it('as a value it is only text', () => {
    expect(readJson('{"value": "constructor", "x": ["__proto__"]}')).toEqual({
      ok: true,
      value: { value: 'constructor', x: ['__proto__'] },
    });
  });
});

describe('readJson: depth', () => {
  it(`accepts ${MAX_DEPTH} levels and refuses ${MAX_DEPTH + 1}, at the first level too deep`, () => {
    expect(readJson(nest(MAX_DEPTH)).ok).toBe(true);
    expect(problem(nest(MAX_DEPTH + 1))).toBe(
      `1:${MAX_DEPTH + 1}: nested more than ${MAX_DEPTH} levels deep`,
    );
    expect(problem(`{"a": ${nest(100_000)}}`)).toBe(
      `1:${6 + MAX_DEPTH}: nested more than ${MAX_DEPTH} levels deep`,
    );
  });
});

describe('positions', () => {
  it('columns count characters, not UTF-16 units or bytes', () => {
    // "😀" is two UTF-16 units and four bytes, "é" one unit and two bytes: each is one column.
    const text = '{"a": "😀é", "a": 1}';
    expect(problem(text)).toBe('1:13: duplicate key "a" (first at line 1)');
    expect(lineColumn('😀😀\n😀x', '😀😀\n😀'.length)).toEqual({ line: 2, column: 2 });
    expect(problem('["😀" "x"]')).toBe('1:6: unexpected \'"\', expected "," or "]"');
  });

  it('lines and columns are 1-based; CRLF ends a line', () => {
    expect(lineColumn('ab', 0)).toEqual({ line: 1, column: 1 });
    expect(problem('{\r\n  "a": 1,\r\n  "a": 2\r\n}')).toBe(
      '3:3: duplicate key "a" (first at line 2)',
    );
  });

  it('offsetOfPath finds a value, or its key, by its path', () => {
    const text = '{\n  "a": [1, {"b": "x", "c\\"": [true, null]}],\n  "d": {}\n}';
    const at = (path: (string | number)[], key?: string) =>
      lineColumn(text, offsetOfPath(text, path, key));
    expect(at(['a', 1, 'b'])).toEqual({ line: 2, column: 18 });
    expect(at(['a', 1, 'c"', 1])).toEqual({ line: 2, column: 37 });
    expect(at(['a', 1], 'c"')).toEqual({ line: 2, column: 23 });
    expect(at(['d'])).toEqual({ line: 3, column: 8 });
    // Where the path runs out, the deepest value found.
    expect(at(['a', 7])).toEqual({ line: 2, column: 8 });
    expect(at(['d', 'missing'])).toEqual({ line: 3, column: 8 });
  });
});

describe('decodeJsonBytes (signed payloads)', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it('says why, in a few words', () => {
    expect(decodeJsonBytes(bytes('{"a": 1}'))).toEqual({ value: { a: 1 } });
    expect(decodeJsonBytes(new Uint8Array([0x7b, 0xff, 0x7d])).error).toBe('payload is not UTF-8');
    expect(decodeJsonBytes(bytes('nope')).error).toBe(
      'payload is not JSON (line 1, column 1: unexpected "n", expected a value)',
    );
    expect(decodeJsonBytes(bytes('{"a": 1,\n "a": 2}')).error).toBe(
      'payload is not strict JSON (line 2, column 2: duplicate key "a" (first at line 1))',
    );
  });
});

describe('linear time', () => {
  /** CPU milliseconds for `f`, the best of three runs. */
  function cost(f: () => void): number {
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const start = process.cpuUsage();
      f();
      const used = process.cpuUsage(start);
      best = Math.min(best, (used.user + used.system) / 1000);
    }
    return best;
  }

  it.each([
    [
      'one object with many keys',
      (n: number) => `{${Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',')}}`,
    ],
    [
      'many small objects',
      (n: number) => `[${Array.from({ length: n }, (_, i) => `{"a":${i},"b":"x"}`).join(',')}]`,
    ],
    [
      'long strings full of escapes',
      (n: number) => `[${Array.from({ length: n }, () => '"\\\\\\"\\\\"').join(',')}]`,
    ],
    ['a deep and broken text', (n: number) => `${'['.repeat(n)}}`],
    ['a long broken text', (n: number) => `[${'1,'.repeat(n)}}`],
  ])('%s: ten times the input costs about ten times the time', (_name, make) => {
    const small = make(10_000);
    const large = make(100_000);
    const a = cost(() => readJson(small));
    const b = cost(() => readJson(large));
    // Quadratic would be 100×; allow generous noise on a shared machine.
    expect(b).toBeLessThan(Math.max(a, 1) * 30);
  });
});
