// prepub checklists validate <path>: every error with its position, exit 2; or exit 0.
import path from 'node:path';
import { z } from 'zod';
import { OUTPUT_FORMATS, parseOptions } from '../lib/options.js';
import type { Context } from '../../context.js';
import { formatDiagnostic, type Diagnostic } from '../../diagnostics.js';
import { UserError } from '../../errors.js';
import { locatePack } from '../../adapters/pack-locations.js';
import { loadPackDir } from '../../adapters/packs.js';
import { toJson } from '../../core/parse/json-strict.js';

const Options = z.strictObject({ format: z.enum(OUTPUT_FORMATS).default('text') });

export interface ValidateResult {
  readonly pack: string;
  readonly valid: boolean;
  readonly questions: number;
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
}

export async function runValidate(target: string, ctx: Context): Promise<ValidateResult> {
  const dir = await locatePack(target, ctx, true);
  const loaded = await loadPackDir(dir, ctx);
  const extra: Diagnostic[] = [];
  // The scan rules are validated in full by the scanner's own loader, when the pack has them.
  const rules = loaded.files.find((f) => f.name === 'rules.yaml');
  if (rules) {
    try {
      const { loadRules } = await import('../../adapters/read-rules.js');
      await loadRules(path.join(dir, 'rules.yaml'));
    } catch (error) {
      if (error instanceof UserError) {
        for (const l of [error.message, ...(error.options.lines ?? [])])
          extra.push({ file: '', line: 0, column: 0, message: l });
      } else {
        throw error;
      }
    }
  }
  const errors = [...loaded.errors, ...extra];
  return {
    pack: path.relative(ctx.cwd, dir) || '.',
    valid: errors.length === 0,
    questions: loaded.pack ? loaded.pack.sections.reduce((n, s) => n + s.questions.length, 0) : 0,
    errors,
    warnings: loaded.warnings,
  };
}

export async function execute(
  args: readonly unknown[],
  raw: Record<string, unknown>,
  ctx: Context,
): Promise<number> {
  const options = parseOptions(Options, raw);
  const result = await runValidate(String(args[0]), ctx);
  const show = (d: Diagnostic) => (d.file === '' ? d.message : formatDiagnostic(d));
  if (options.format === 'json') {
    ctx.stdout(
      toJson({ ...result, errors: result.errors.map(show), warnings: result.warnings.map(show) }),
    );
  } else {
    for (const w of result.warnings) ctx.stderr(`warning: ${show(w)}\n`);
    for (const e of result.errors) ctx.stderr(`${show(e)}\n`);
    if (result.valid) ctx.stdout(`${result.pack}: valid (${result.questions} questions)\n`);
  }
  if (!result.valid) {
    throw new UserError(
      `${result.pack}: ${result.errors.length} error${result.errors.length === 1 ? '' : 's'}`,
      { code: 'PACK_INVALID' },
    );
  }
  return 0;
}
