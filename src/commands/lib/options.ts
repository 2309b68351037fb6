// One way to parse a command's options: commander's raw values through the command's zod schema,
// and any problem becomes one line naming the flag (`--slug "bad slug": use letters, …`), exit 2.
// The value lists of enum flags are defined here once: src/cli.ts feeds them to commander's
// `.choices()` and the commands' schemas to `z.enum()`. No runtime zod here, so cli.ts (and the
// zod-free `scan`) can import this module without paying for zod at start-up.
import type { z } from 'zod';
import { SECTION_IDS } from '../../core/checklist/ids.js';
import { UserError } from '../../errors.js';

export const OUTPUT_FORMATS = ['text', 'json'] as const;
export const EXPORT_FORMATS = ['md', 'html', 'json'] as const;
/** Who signs a review. */
export const REVIEW_ROLES = ['editor', 'lawyer'] as const;
/** The roles a key may be trusted with (config/schema.ts ROLES; a test keeps them equal). */
export const KEY_ROLES = ['reporter', 'editor', 'lawyer'] as const;
export const DECISIONS = ['approve', 'return'] as const;
/** Finding severities, lowest first (record/schema.ts SEVERITIES; a test keeps them equal). */
export const SEVERITY_CHOICES = ['low', 'medium', 'high', 'blocker'] as const;
export const SECTION_CHOICES = SECTION_IDS;

/** How the user names an option key: `--max-bytes` for maxBytes, or an argument like `<record>`. */
export function flagName(key: string, names: Readonly<Record<string, string>> = {}): string {
  return names[key] ?? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** A value as the user typed it, quoted (and escaped) when it is not a plain word. */
function shown(value: unknown): string {
  if (typeof value === 'string' && /^[\w.,:/@+=-]+$/.test(value)) return value;
  return JSON.stringify(value) ?? String(value);
}

/** The one-line usage error for a bad option value. */
export function optionError(flag: string, value: unknown, message: string): UserError {
  const at = value === undefined ? flag : `${flag} ${shown(value)}`;
  return new UserError(`${at}: ${message}`, { code: 'USAGE' });
}

// Messages this module writes for zod's own issues start with this mark, so a schema's own
// message (which zod prefers to ours) can be told apart.
const MINE = '\u0000';

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
};

function defaultMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `${MINE}must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_type':
      return issue.input === undefined
        ? `${MINE}is required`
        : `${MINE}must be ${EXPECTED[issue.expected] ?? issue.expected}`;
    case 'too_small':
      return `${MINE}must not be empty`;
    case 'invalid_format':
      return `${MINE}is not in the right form`;
    default:
      return `${MINE}is not valid`;
  }
}

/**
 * Parse a command's raw options (commander's, plus its arguments under their own keys) with its
 * schema. A bad value is a UserError naming the flag; an option the schema does not know is a
 * bug in src/cli.ts (exit 70). `names` maps keys that are not `--kebab-case` flags, such as
 * arguments: `{ record: '<record>' }`.
 */
export function parseOptions<S extends z.ZodType>(
  schema: S,
  raw: Readonly<Record<string, unknown>>,
  names: Readonly<Record<string, string>> = {},
): z.output<S> {
  const parsed = schema.safeParse(raw, { error: defaultMessage });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    throw new Error(`options: ${issue.keys.join(', ')} not in the command's schema`);
  }
  const key = typeof issue.path[0] === 'string' ? issue.path[0] : undefined;
  const flag = key === undefined ? 'options' : flagName(key, names);
  let value: unknown = key === undefined ? undefined : raw[key];
  if (Array.isArray(value) && typeof issue.path[1] === 'number') value = value[issue.path[1]];
  const mine = issue.message.startsWith(MINE);
  const message = mine ? issue.message.slice(MINE.length) : issue.message;
  if (value === undefined) {
    // A missing value: "<record> is required", or the schema's own words.
    return throwMissing(flag, message, mine);
  }
  throw optionError(flag, value, message);
}

function throwMissing(flag: string, message: string, mine: boolean): never {
  throw new UserError(mine ? `${flag} ${message}` : message, { code: 'USAGE' });
}
