// Read an article and scan it with a pack's rules: what `check` (and `scan`) start from.
import path from 'node:path';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import type { ArticleRef } from '../core/record/schema.js';
import type { Finding } from '../core/scan/finding.js';
import { scanReport, type OmittedFindings } from '../core/scan/scanner.js';
import { readDraft } from './read-draft.js';
import { loadRules } from './read-rules.js';

export interface ScannedArticle {
  readonly ref: ArticleRef;
  /** Up to MAX_FINDINGS_PER_RULE per rule (open and suppressed each); the rest are in `omitted`. */
  readonly findings: Finding[];
  /** Findings counted but not listed, per rule; empty unless a rule went over the limit. */
  readonly omitted: OmittedFindings[];
  /** 'paragraph' for .docx, where line numbers count paragraphs. */
  readonly positions: 'line' | 'paragraph';
  /** The first line of text, as a default headline. */
  readonly firstLine: string;
}

/** Scan `article` (a path or "-") with the rules of the pack in `packDir`. */
export async function scanArticle(
  article: string,
  packDir: string,
  options: {
    ignore?: ReadonlyMap<string, string>;
    maxBytes?: number;
    recordDir?: string;
    /** The article's bytes, when the caller has read (and checked) them already. */
    bytes?: Uint8Array;
    /** `false`: validate the rules file itself, never the validated-rules cache (the gate). */
    rulesCache?: boolean;
  },
  ctx: Context,
): Promise<ScannedArticle> {
  const [draft, rules] = await Promise.all([
    readDraft(article, {
      maxBytes: options.maxBytes,
      stdin: process.stdin,
      cwd: ctx.cwd,
      bytes: options.bytes,
    }),
    loadRules(path.join(packDir, 'rules.yaml'), {
      env: ctx.env,
      ...(options.rulesCache === false ? { cacheDir: false as const } : {}),
    }).catch((error: unknown) => {
      // A pack without scan rules asks its questions without findings.
      if (error instanceof UserError && error.code === 'FILE_MISSING') return [];
      throw error;
    }),
  ]);
  const { findings, omitted } = scanReport(draft.text, rules, {
    ignore: options.ignore,
    file: article === '-' ? '<stdin>' : article,
    source: draft.source,
    toSource: draft.toSource,
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
    omitted,
    positions: draft.positions,
    firstLine,
  };
}
