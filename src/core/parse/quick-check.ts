// A quick yes/no check compiled from a zod schema, for data that is read often and is nearly
// always valid (`prepub status` reads every record in a folder). It answers `true` only where the
// schema's own parse would succeed *and* return the data unchanged: so a caller may use the data
// as it is, and ask zod (for the answer and its messages) whenever it says `false`. It is made
// from the schema itself, never written beside it, so the two cannot drift apart; a schema using
// anything it does not know (a transform, a default, a loose object, a refinement) compiles to
// `undefined`, and the caller uses zod alone. Pure.
import type { z } from 'zod';

export type QuickCheck = (value: unknown) => boolean;

/** The parts of zod's internal definitions read here (zod 4). */
interface Def {
  readonly type: string;
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDef } }[];
  readonly [key: string]: unknown;
}
interface CheckDef {
  readonly check: string;
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly value?: number;
  readonly inclusive?: boolean;
  readonly [key: string]: unknown;
}

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** String formats that zod checks by their pattern alone (others, such as URLs, do more). */
const PATTERN_FORMATS: ReadonlySet<unknown> = new Set([
  'regex',
  'uuid',
  'guid',
  'datetime',
  'date',
  'time',
]);

/** Thrown (and caught in quickCheck) when a schema uses something this compiler does not know. */
class Unsupported extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (!isObject(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

function testPattern(pattern: RegExp): (s: string) => boolean {
  return (s) => {
    pattern.lastIndex = 0;
    return pattern.test(s);
  };
}

/** A check that `v` is of a type and passes every one of `checks`. */
function all<T>(checks: readonly ((v: T) => boolean)[], is: (v: unknown) => v is T): QuickCheck {
  const [a, b] = checks;
  if (checks.length === 0) return is;
  if (checks.length === 1) return (v) => is(v) && a!(v);
  if (checks.length === 2) return (v) => is(v) && a!(v) && b!(v);
  return (v) => is(v) && checks.every((c) => c(v));
}

/** The checks a string or an array may carry: lengths and patterns. */
function lengthAndPattern(def: Def, forString: boolean): ((v: string | unknown[]) => boolean)[] {
  const out: ((v: string | unknown[]) => boolean)[] = [];
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    // `abort` only stops later checks after a failure; `when` only skips a check (so this one,
    // which never skips, is at most stricter): neither changes a pass into a failure here.
    if (d.check === 'min_length' && typeof d.minimum === 'number') {
      const min = d.minimum;
      out.push((v) => v.length >= min);
    } else if (d.check === 'max_length' && typeof d.maximum === 'number') {
      const max = d.maximum;
      out.push((v) => v.length <= max);
    } else if (
      forString &&
      d.check === 'string_format' &&
      PATTERN_FORMATS.has(d.format) &&
      d.pattern instanceof RegExp
    ) {
      const test = testPattern(d.pattern);
      out.push((v) => test(v as string));
    } else throw new Unsupported(d.check);
  }
  return out;
}

function compile(schema: unknown): QuickCheck {
  const def = defOf(schema);
  switch (def.type) {
    case 'string': {
      const checks = lengthAndPattern(def, true);
      // A string format (uuid, an ISO time) is checked by its own pattern.
      if (def.format !== undefined) {
        if (!PATTERN_FORMATS.has(def.format) || !(def.pattern instanceof RegExp))
          throw new Unsupported('string format');
        const test = testPattern(def.pattern);
        checks.push((v) => test(v as string));
      }
      return all(checks, (v): v is string => typeof v === 'string');
    }
    case 'number': {
      const checks: ((n: number) => boolean)[] = [];
      for (const c of def.checks ?? []) {
        const d = c._zod.def;
        if (d.check === 'number_format' && d.format === 'safeint')
          checks.push(Number.isSafeInteger);
        else if (d.check === 'greater_than' && typeof d.value === 'number') {
          const min = d.value;
          checks.push(d.inclusive ? (n) => n >= min : (n) => n > min);
        } else if (d.check === 'less_than' && typeof d.value === 'number') {
          const max = d.value;
          checks.push(d.inclusive ? (n) => n <= max : (n) => n < max);
        } else throw new Unsupported(d.check);
      }
      return all(checks, (v): v is number => typeof v === 'number' && Number.isFinite(v));
    }
    case 'boolean':
      if (def.checks?.length) throw new Unsupported('boolean checks');
      return (v) => typeof v === 'boolean';
    case 'literal': {
      const values = def.values as readonly unknown[];
      if (def.checks?.length) throw new Unsupported('literal checks');
      return (v) => values.includes(v);
    }
    case 'enum': {
      const values = new Set(Object.values(def.entries as Record<string, unknown>));
      if (def.checks?.length || [...values].some((x) => typeof x !== 'string'))
        throw new Unsupported('enum');
      return (v) => typeof v === 'string' && values.has(v);
    }
    case 'array': {
      const element = compile(def.element);
      const array = all(lengthAndPattern(def, false), Array.isArray);
      return (v) => {
        if (!array(v)) return false;
        for (const item of v as unknown[]) if (!element(item)) return false;
        return true;
      };
    }
    case 'nullable': {
      if (def.checks?.length) throw new Unsupported('nullable checks');
      const inner = compile(def.innerType);
      return (v) => v === null || inner(v);
    }
    case 'optional': {
      if (def.checks?.length) throw new Unsupported('optional checks');
      const inner = compile(def.innerType);
      return (v) => v === undefined || inner(v);
    }
    case 'union': {
      if (def.checks?.length || def.discriminator !== undefined || def.inclusive === false)
        throw new Unsupported('union');
      const options = (def.options as readonly unknown[]).map(compile);
      return (v) => options.some((o) => o(v));
    }
    case 'custom': {
      // A refinement on anything (z.custom): its own function says.
      if (def.checks?.length || typeof def.fn !== 'function') throw new Unsupported('custom');
      const fn = def.fn as (v: unknown) => unknown;
      return (v) => {
        const r = fn(v);
        if (r instanceof Promise) throw new Unsupported('async custom');
        return Boolean(r);
      };
    }
    case 'record': {
      if (def.checks?.length || def.mode === 'loose') throw new Unsupported('record');
      const keyDef = defOf(def.keyType);
      const value = compile(def.valueType);
      let key: QuickCheck;
      if (keyDef.type === 'enum') {
        // An enum-keyed record must have every key unless it is partial: not handled here.
        if (def.partial !== true) throw new Unsupported('exhaustive record');
        key = compile(def.keyType);
      } else if (keyDef.type === 'string') key = compile(def.keyType);
      else throw new Unsupported(`record key ${keyDef.type}`);
      return (v) => {
        if (!isPlainObject(v)) return false;
        // Keys JSON could not give (symbols, hidden properties) and __proto__: ask zod.
        if (Object.getOwnPropertySymbols(v).length > 0) return false;
        const keys = Object.getOwnPropertyNames(v);
        for (const k of keys) {
          if (k === '__proto__' || !Object.prototype.propertyIsEnumerable.call(v, k)) return false;
          if (!key(k) || !value(v[k])) return false;
        }
        return true;
      };
    }
    case 'object': {
      // Strict objects only: a stripping or loose object's output is not its input.
      if (def.checks?.length || def.catchall === undefined || defOf(def.catchall).type !== 'never')
        throw new Unsupported('object');
      const shape = def.shape as Record<string, unknown>;
      const names = Object.keys(shape);
      const checks = names.map((name) => compile(shape[name]));
      const n = names.length;
      return (v) => {
        if (!isObject(v)) return false;
        let present = 0;
        for (let i = 0; i < n; i++) {
          const name = names[i]!;
          const x = v[name];
          if (!checks[i]!(x)) return false;
          if (Object.hasOwn(v, name)) present++;
        }
        // No key but the shape's: zod looks with for...in, which on a plain object sees exactly
        // its own enumerable keys (symbols, which JSON cannot give, neither looks at).
        return Object.getPrototypeOf(v) === Object.prototype && Object.keys(v).length === present;
      };
    }
    default:
      throw new Unsupported(def.type);
  }
}

/** The quick check for `schema`, or undefined when the schema uses something it cannot vouch for. */
export function quickCheck(schema: z.ZodType): QuickCheck | undefined {
  try {
    const check = compile(schema);
    return (value) => {
      try {
        return check(value);
      } catch {
        return false;
      }
    };
  } catch {
    // Something it does not know (Unsupported), or zod's internals not as expected (another
    // zod version): no quick check, and zod answers alone. A test pins that the record and
    // statement schemas compile.
    return undefined;
  }
}
