// Options are parsed one way: a bad value is exit 2 with one line naming the flag, never zod's JSON.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  DECISIONS,
  KEY_ROLES,
  parseOptions,
  REVIEW_ROLES,
  SECTION_CHOICES,
  SEVERITY_CHOICES,
} from '../../src/commands/lib/options.js';
import { parseScanOptions } from '../../src/commands/scan.js';
import { SECTION_IDS } from '../../src/core/checklist/schema.js';
import { ROLES } from '../../src/core/config/schema.js';
import { UserError } from '../../src/errors.js';
import { SEVERITIES } from '../../src/core/scan/finding.js';
import { REVIEW_ROLES as SIGNED_REVIEW_ROLES } from '../../src/core/signing/statement.js';
import { runInProcess, tempDir } from '../helpers/run.js';

const Schema = z.strictObject({
  record: z.string().min(1),
  role: z.enum(REVIEW_ROLES).default('editor'),
  section: z.array(z.enum(SECTION_CHOICES)).optional(),
  slug: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'use lowercase letters, digits and hyphens')
    .optional(),
  maxBytes: z.number().int().optional(),
});
const NAMES = { record: '<record>' };

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('USAGE');
    return (error as UserError).message;
  }
  throw new Error('expected a UserError');
}

describe('parseOptions', () => {
  it('returns the typed options, defaults applied', () => {
    expect(parseOptions(Schema, { record: 'r.json' }, NAMES)).toEqual({
      record: 'r.json',
      role: 'editor',
    });
  });

  it.each([
    [{ record: 'r.json', role: 'boss' }, '--role boss: must be one of editor, lawyer'],
    [
      { record: 'r.json', slug: 'bad slug' },
      '--slug "bad slug": use lowercase letters, digits and hyphens',
    ],
    [
      { record: 'r.json', section: ['safety', 'gossip'] },
      '--section gossip: must be one of safety, restrictions, defamation, privacy, sources, accuracy',
    ],
    [{ record: 'r.json', maxBytes: 'lots' }, '--max-bytes lots: must be a number'],
    [{}, '<record> is required'],
    [{ record: '' }, '<record> "": must not be empty'],
    [{ record: 'r.json', role: '\u001b]0;pwned\u0007' }, '--role "\\u001b]0;pwned\\u0007"'],
  ])('%j → one line naming the flag', (raw, message) => {
    const got = messageOf(() => parseOptions(Schema, raw, NAMES));
    expect(got.startsWith(message)).toBe(true);
    // eslint-disable-next-line no-control-regex -- no newline, no raw control character, no zod JSON
    expect(got).not.toMatch(/[\u0000-\u001f]|"code"|^\[/);
  });

  it('an option the schema does not know is a bug in the flag registry, not a usage error', () => {
    expect(() => parseOptions(Schema, { record: 'r.json', colour: true })).toThrow(
      /colour not in the command's schema/,
    );
    expect(() => parseOptions(Schema, { record: 'r.json', colour: true })).not.toThrow(UserError);
  });

  it('scan, parsed without zod for start-up time, words its errors the same way', () => {
    expect(messageOf(() => parseScanOptions({ failOn: 'huge' }))).toBe(
      '--fail-on huge: must be one of low, medium, high, blocker',
    );
    expect(messageOf(() => parseScanOptions({ maxBytes: '1e3' }))).toBe(
      '--max-bytes 1e3: must be a whole number of bytes',
    );
    expect(messageOf(() => parseScanOptions({ section: ['gossip'] }))).toMatch(
      /^--section gossip: must be one of safety, /,
    );
  });

  it('the value lists commander offers are the ones the schemas accept', () => {
    expect([...KEY_ROLES]).toEqual([...ROLES]);
    expect([...SEVERITY_CHOICES]).toEqual([...SEVERITIES]);
    expect([...REVIEW_ROLES]).toEqual([...SIGNED_REVIEW_ROLES]);
    expect([...SECTION_CHOICES]).toEqual([...SECTION_IDS]);
    expect([...DECISIONS]).toEqual(['approve', 'return']);
  });
});

// argv → exit 2 and one line naming the flag, for every option with a shape or a list of values.
const TABLE: [string[], RegExp][] = [
  [['check', 'd.md', '--slug', 'bad slug'], /^prepub: --slug "bad slug": use letters, digits/],
  [['check', 'd.md', '--format', 'yaml'], /^error: option '--format <format>' argument 'yaml'/],
  [['review', 'r.json', '--role', 'boss'], /^error: option '--role <role>' argument 'boss'/],
  [
    ['review', 'r.json', '--decision', 'maybe'],
    /^error: option '--decision <decision>' argument 'maybe'/,
  ],
  [['review', 'r.json', '--format', 'xml'], /^error: option '--format <format>' argument 'xml'/],
  [['scan', 'd.md', '--fail-on', 'huge'], /^error: option '--fail-on <severity>' argument 'huge'/],
  [['scan', 'd.md', '--section', 'gossip'], /^error: option '--section <id\.\.\.>' argument/],
  [['scan', 'd.md', '--max-bytes', '1x'], /^prepub: --max-bytes 1x: must be a whole number/],
  [['scan', 'd.md', '--max-bytes', '0'], /^prepub: --max-bytes 0: must be a whole number/],
  [['scan', 'd.md', '--format', 'xml'], /^error: option '--format <format>' argument 'xml'/],
  [['export', 'r.json', '--format', 'pdf'], /^error: option '--format <format>' argument 'pdf'/],
  [['verify', 'r.json', '--format', 'yaml'], /^error: option '--format <format>' argument/],
  [['verify'], /^prepub: which record\? prepub verify <record>/],
  [['status', '--format', 'csv'], /^error: option '--format <format>' argument 'csv'/],
  [['file', 'r.json', '--format', 'csv'], /^error: option '--format <format>' argument 'csv'/],
  [
    ['keys', 'trust', 'k.pem', '--name', 'A', '--role', 'boss'],
    /^error: option '--role <role>' argument 'boss'/,
  ],
  [['keys', 'list', '--format', 'csv'], /^error: option '--format <format>' argument 'csv'/],
  [['checklists', 'list', '--format', 'x'], /^error: option '--format <format>' argument 'x'/],
];

describe('bad option values, end to end', () => {
  it.concurrent.each(TABLE)('%j → exit 2, one line naming the flag', async (args, first) => {
    const r = await runInProcess(args, { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(first);
    // At most a hint after it; never zod's issue list, never "internal error".
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(r.stderr).not.toMatch(/"code"|"path"|internal error|\n\s+at /);
  });
});
