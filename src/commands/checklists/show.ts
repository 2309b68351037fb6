// prepub checklists show <id>: sections, questions, guidance and citations.
import { z } from 'zod';
import { OUTPUT_FORMATS, parseOptions } from '../lib/options.js';
import { choicesOf, type Pack, type Question } from '../../core/checklist/schema.js';
import type { Context } from '../../context.js';
import { toJson } from '../../core/parse/json-strict.js';
import { resolvePack } from '../../adapters/packs.js';
import { createTheme, type Theme } from '../../render/theme.js';
import { describeCondition } from '../../render/conditions.js';
import { safeLine as s, wrap } from '../../render/text.js';

const Options = z.strictObject({ format: z.enum(OUTPUT_FORMATS).default('text') });

export function renderPack(pack: Pack, t: Theme): string {
  const out: string[] = [];
  out.push(t.heading(`${s(pack.title)} (${s(pack.id)} ${s(pack.version)})`));
  out.push(`Jurisdiction: ${s(pack.jurisdiction)}`);
  if (pack.description) out.push(wrap(pack.description, 92, ''));
  pack.sections.forEach((section, si) => {
    out.push(
      '',
      t.heading(`${si + 1}. ${s(section.title)} [${s(section.id)}]`),
      t.dim(wrap(section.why, 92, '   ')),
    );
    for (const q of section.questions.flatMap((x): Question[] => [x, ...(x.questions ?? [])])) {
      const group = section.questions.find((g) => g.questions?.some((c) => c.id === q.id));
      if (q.type === 'repeat')
        out.push('', t.dim(`   A repeat group: its questions are asked for each ${s(q.item ?? 'item')}.`));
      out.push(
        '',
        `   ${t.strong(s(q.id))}${group ? t.dim(`  (for each ${s(group.item ?? 'item')} of ${s(group.id)})`) : ''}${q.when ? t.dim(`  (asked when ${s(describeCondition(q.when))})`) : t.dim('  (screening)')}`,
      );
      out.push(wrap(q.ask, 88, '   '));
      out.push(t.dim(wrap(q.guidance, 88, '     ')));
      out.push(t.dim(`     Cites: ${s(q.citations.join('; '))}`));
      if (q.type === 'text') out.push(`     Answer: free text${q.required ? '' : ' (optional)'}`);
      if (q.type === 'checkbox') out.push('     Answer: tick any (or "none"); "not sure" about any');
      for (const c of choicesOf(q)) {
        const extra = [
          c.outcome.lawyer ? 'refer to lawyer' : '',
          c.outcome.note !== false ? 'note required' : '',
        ]
          .filter(Boolean)
          .join(', ');
        out.push(`     - ${s(c.label)}: ${t.risk(c.outcome.risk)}${extra ? ` (${extra})` : ''}`);
      }
    }
  });
  return `${out.join('\n')}\n`;
}

export async function execute(
  args: readonly unknown[],
  raw: Record<string, unknown>,
  ctx: Context,
): Promise<number> {
  const options = parseOptions(Options, raw);
  const pack = await resolvePack(String(args[0]), ctx);
  if (options.format === 'json') ctx.stdout(toJson(pack));
  else ctx.stdout(renderPack(pack, createTheme(ctx.colorOut)));
  return 0;
}
