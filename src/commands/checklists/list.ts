// prepub checklists list: the built-in packs and those in configured folders.
import { z } from 'zod';
import { OUTPUT_FORMATS, parseOptions } from '../lib/options.js';
import type { Context } from '../../context.js';
import { toJson } from '../../core/parse/json-strict.js';
import { packLocations } from '../../adapters/pack-locations.js';
import { loadPackDir } from '../../adapters/packs.js';
import { safeLine } from '../../render/text.js';
import { createTheme } from '../../render/theme.js';

const Options = z.strictObject({ format: z.enum(OUTPUT_FORMATS).default('text') });

export interface PackSummary {
  readonly id: string;
  readonly title: string;
  readonly jurisdiction: string;
  readonly version: string;
  readonly questions: number;
  readonly source: 'built-in' | 'config';
  readonly dir: string;
  readonly valid: boolean;
}

export async function runList(ctx: Context): Promise<PackSummary[]> {
  const out: PackSummary[] = [];
  for (const loc of await packLocations(ctx)) {
    const loaded = await loadPackDir(loc.dir, ctx);
    const p = loaded.pack;
    out.push({
      id: p?.id ?? loc.id,
      title: p?.title ?? '(invalid pack: run prepub checklists validate)',
      jurisdiction: p?.jurisdiction ?? '',
      version: p?.version ?? '',
      questions: p ? p.sections.reduce((n, s) => n + s.questions.length, 0) : 0,
      source: loc.builtin ? 'built-in' : 'config',
      dir: loc.dir,
      valid: p !== undefined,
    });
  }
  return out;
}

export async function execute(
  _args: readonly unknown[],
  raw: Record<string, unknown>,
  ctx: Context,
): Promise<number> {
  const options = parseOptions(Options, raw);
  const packs = await runList(ctx);
  if (options.format === 'json') {
    ctx.stdout(toJson({ packs }));
    return 0;
  }
  const t = createTheme(ctx.colorOut);
  if (packs.length === 0) {
    ctx.stdout('No checklist packs found.\n');
    return 0;
  }
  const rows = [
    ['ID', 'TITLE', 'JURISDICTION', 'VERSION', 'QUESTIONS', 'SOURCE'],
    ...packs.map((p) =>
      [p.id, p.title, p.jurisdiction, p.version, String(p.questions), p.source].map(safeLine),
    ),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  rows.forEach((r, i) => {
    const line = r
      .map((cell, j) => cell.padEnd(widths[j]!))
      .join('  ')
      .trimEnd();
    ctx.stdout(`${i === 0 ? t.heading(line) : line}\n`);
  });
  return 0;
}
