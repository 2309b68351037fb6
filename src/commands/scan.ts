// prepub scan <article|->: scan a draft for risk triggers, print findings, exit 1 on --fail-on.
import type { SectionId } from '../core/checklist/schema.js';
import type { Context } from '../context.js';
import { EXIT, UserError } from '../errors.js';
import { toJson } from '../core/parse/json-strict.js';
import { DEFAULT_MAX_BYTES, readDraft } from '../adapters/read-draft.js';
import { loadRules, resolveRulesFile } from '../adapters/read-rules.js';
import type { Severity } from '../core/scan/finding.js';
import { places, renderScanText, type ScanResult } from '../render/scan-text.js';
import { failsAt, scanReport, severityRank } from '../core/scan/scanner.js';
import { optionError, OUTPUT_FORMATS, SECTION_CHOICES, SEVERITY_CHOICES } from './lib/options.js';

// The one command whose options are not parsed with a zod schema through parseOptions: zod is a
// large part of the start-up time, and `prepub scan` should start about as fast as node itself.
// The value lists are the same constants commander's .choices() and the other schemas use
// (./options.js), and a bad value is the same one line naming the flag (optionError);
// test/commands/options.test.ts runs the argv table over scan as over every other command.
export interface ScanOptions {
  readonly checklist?: string | undefined;
  readonly failOn: Severity;
  readonly section?: SectionId[] | undefined;
  readonly ignore?: string[] | undefined;
  readonly maxBytes: number;
  readonly format: 'text' | 'json';
  readonly verbose?: boolean | undefined;
}

const KNOWN = new Set([
  'checklist',
  'failOn',
  'section',
  'ignore',
  'maxBytes',
  'format',
  'verbose',
]);

function oneOf<T extends string>(flag: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
    return value as T;
  throw optionError(flag, value, `must be one of ${allowed.join(', ')}`);
}

function strings(flag: string, value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  return list.map((v) => {
    if (typeof v !== 'string') throw optionError(flag, v, 'must be text');
    return v;
  });
}

/** Validate the options commander parsed (a strict object: unknown keys are a bug in cli.ts). */
export function parseScanOptions(raw: Record<string, unknown>): ScanOptions {
  for (const key of Object.keys(raw)) {
    if (!KNOWN.has(key)) throw new Error(`scan: unexpected option "${key}"`);
  }
  const checklist = raw.checklist;
  if (checklist !== undefined && (typeof checklist !== 'string' || checklist === '')) {
    throw optionError('--checklist', checklist, 'name a pack id or folder');
  }
  const maxBytes = raw.maxBytes ?? String(DEFAULT_MAX_BYTES);
  if (
    typeof maxBytes !== 'string' ||
    !/^\d+$/.test(maxBytes) ||
    Number(maxBytes) < 1 ||
    !Number.isSafeInteger(Number(maxBytes))
  ) {
    throw optionError('--max-bytes', maxBytes, 'must be a whole number of bytes');
  }
  return {
    checklist,
    failOn: oneOf('--fail-on', raw.failOn ?? 'blocker', SEVERITY_CHOICES),
    section: strings('--section', raw.section)?.map((s) => oneOf('--section', s, SECTION_CHOICES)),
    ignore: strings('--ignore', raw.ignore),
    maxBytes: Number(maxBytes),
    format: oneOf('--format', raw.format ?? 'text', OUTPUT_FORMATS),
    ...(raw.verbose === true ? { verbose: true } : {}),
  };
}

/** `--ignore rule=reason` pairs; a pair without a reason is a usage error. */
export function parseIgnores(values: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const value of values) {
    const eq = value.indexOf('=');
    const rule = (eq >= 0 ? value.slice(0, eq) : value).trim();
    const reason = eq >= 0 ? value.slice(eq + 1).trim() : '';
    if (rule === '')
      throw new UserError(`--ignore ${value}: name the rule, as --ignore <rule>=<reason>`, {
        code: 'USAGE',
      });
    if (reason === '') {
      throw new UserError(
        `--ignore ${rule}: a suppression needs a reason, as --ignore ${rule}="<reason>"`,
        { code: 'USAGE' },
      );
    }
    out.set(rule, reason);
  }
  return out;
}

export interface ScanRun {
  readonly result: ScanResult;
  readonly positions: 'line' | 'paragraph';
  readonly failed: boolean;
}

export async function runScan(
  article: string,
  options: ScanOptions,
  ctx: Context,
): Promise<ScanRun> {
  const ignore = parseIgnores(options.ignore ?? []);
  const rulesFile = await resolveRulesFile(options.checklist, ctx);
  const [rules, draft] = await Promise.all([
    loadRules(rulesFile, { env: ctx.env }),
    readDraft(article, { maxBytes: options.maxBytes, stdin: process.stdin, cwd: ctx.cwd }),
  ]);
  const { findings, omitted, reading } = scanReport(draft.text, rules, {
    source: draft.source,
    toSource: draft.toSource,
    sections: options.section,
    ignore,
    file: draft.path === '-' ? '<stdin>' : draft.path,
  });
  return {
    result: {
      article: { path: draft.path, sha256: draft.sha256, bytes: draft.bytes },
      // The story reading (rules files with `scanner: 2`), printed before the findings.
      ...(reading ? { reading } : {}),
      findings,
      // Past the per-rule limit, findings are counted here instead of listed.
      ...(omitted.length > 0 ? { omitted } : {}),
    },
    positions: draft.positions,
    failed: failsAt(findings, options.failOn),
  };
}

export async function execute(
  args: readonly unknown[],
  raw: Record<string, unknown>,
  ctx: Context,
): Promise<number> {
  const article = args[0];
  if (typeof article !== 'string' || article === '')
    throw new UserError('scan needs an article (a file, or - for standard input)');
  const options = parseScanOptions(raw);
  const run = await runScan(article, options, ctx);
  if (options.format === 'json') {
    ctx.stdout(toJson(run.result));
  } else {
    ctx.stdout(
      renderScanText(run.result, {
        color: ctx.colorOut,
        positions: run.positions,
        failOn: options.failOn,
        verbose: options.verbose,
      }),
    );
  }
  if (!run.failed) return EXIT.ok;
  const min = severityRank(options.failOn);
  const count =
    places(
      run.result.findings.filter(
        (f) => f.suppressed === undefined && severityRank(f.severity) >= min,
      ),
    ) +
    (run.result.omitted ?? []).reduce(
      (n, o) => n + (severityRank(o.severity) >= min ? o.open : 0),
      0,
    );
  ctx.stderr(
    `prepub: ${count} finding${count === 1 ? '' : 's'} at or above ${options.failOn} (--fail-on ${options.failOn})\n`,
  );
  return EXIT.failed;
}
