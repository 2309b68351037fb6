// prepub checklists show <id>: sections, questions, guidance and citations.
import { z } from 'zod';
import { choicesOf, type Pack } from '../../checklist/schema.js';
import type { Context } from '../../context.js';
import { toJson } from '../../io/files.js';
import { resolvePack } from '../../io/packs.js';
import { createTheme, type Theme } from '../../render/theme.js';
import { describeCondition } from '../../render/conditions.js';
import { wrap } from '../../render/text.js';

const Options = z.strictObject({ format: z.enum(['text', 'json']).default('text') });

export function renderPack(pack: Pack, t: Theme): string {
  const out: string[] = [];
  out.push(t.heading(`${pack.title} (${pack.id} ${pack.version})`));
  out.push(`Jurisdiction: ${pack.jurisdiction}`);
  if (pack.description) out.push(wrap(pack.description, 92, ''));
  pack.sections.forEach((s, si) => {
    out.push('', t.heading(`${si + 1}. ${s.title} [${s.id}]`), t.dim(wrap(s.why, 92, '   ')));
    for (const q of s.questions) {
      out.push(
        '',
        `   ${t.strong(q.id)}${q.when ? t.dim(`  (asked when ${describeCondition(q.when)})`) : t.dim('  (screening)')}`,
      );
      out.push(wrap(q.ask, 88, '   '));
      out.push(t.dim(wrap(q.guidance, 88, '     ')));
      out.push(t.dim(`     Cites: ${q.citations.join('; ')}`));
      if (q.type === 'text') out.push(`     Answer: free text${q.required ? '' : ' (optional)'}`);
      for (const c of choicesOf(q)) {
        const extra = [
          c.outcome.lawyer ? 'refer to lawyer' : '',
          c.outcome.note !== false ? 'note required' : '',
        ]
          .filter(Boolean)
          .join(', ');
        out.push(`     - ${c.label}: ${t.risk(c.outcome.risk)}${extra ? ` (${extra})` : ''}`);
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
  const options = Options.parse(raw);
  const pack = await resolvePack(String(args[0]), ctx);
  if (options.format === 'json') ctx.stdout(toJson(pack));
  else ctx.stdout(renderPack(pack, createTheme(ctx.colorOut)));
  return 0;
}
