// Read an article and scan it with a pack's rules: what `check` (and `scan`) start from.
import path from 'node:path';
import type { Context } from '../context.js';
import type { ArticleRef, Finding } from '../record/schema.js';
import { scanText } from '../scan/scanner.js';
import { readDraft } from './read-draft.js';
import { loadRules } from './read-rules.js';

export interface ScannedArticle {
  readonly ref: ArticleRef;
  readonly findings: Finding[];
  /** 'paragraph' for .docx, where line numbers count paragraphs. */
  readonly positions: 'line' | 'paragraph';
  /** The first line of text, as a default headline. */
  readonly firstLine: string;
}

/** Scan `article` (a path or "-") with the rules of the pack in `packDir`. */
export async function scanArticle(
  article: string,
  packDir: string,
  options: { ignore?: ReadonlyMap<string, string>; maxBytes?: number; recordDir?: string },
  ctx: Context,
): Promise<ScannedArticle> {
  const draft = await readDraft(article === '-' ? '-' : path.resolve(ctx.cwd, article), {
    maxBytes: options.maxBytes ?? 10_000_000,
  });
  const rulesFile = path.join(packDir, 'rules.yaml');
  const rules = await loadRules(rulesFile).catch((error: unknown) => {
    if (error instanceof Error && 'code' in error && error.code === 'FILE_MISSING') return [];
    throw error;
  });
  const findings = scanText(draft.text, rules, {
    ignore: options.ignore,
    file: article,
    ...(draft.source !== undefined ? { source: draft.source } : {}),
    ...(draft.blockEnds !== undefined ? { blockEnds: draft.blockEnds } : {}),
  });
  const shown =
    article === '-'
      ? '(stdin)'
      : path
          .relative(options.recordDir ?? ctx.cwd, path.resolve(ctx.cwd, article))
          .split(path.sep)
          .join('/');
  const firstLine = (draft.text.split('\n').find((l) => l.trim() !== '') ?? '')
    .replace(/^#+\s*/, '')
    .trim()
    .slice(0, 200);
  return {
    ref: { path: shown, sha256: draft.sha256, bytes: draft.bytes },
    findings,
    positions: draft.positions,
    firstLine,
  };
}
