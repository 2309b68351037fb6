// prepub export <record> --format md|html|json [--out FILE] [--keyring FILE]
// A sign-off sheet for editors, lawyers and archives: the record, the questions and citations
// from its checklist pack, and the sign-off chain with each signature checked at export time.
import path from 'node:path';
import { z } from 'zod';
import type { Pack } from '../core/checklist/schema.js';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { writeAtomic } from '../adapters/files.js';
import { toJson } from '../core/parse/json-strict.js';
import { checkOutFile } from '../adapters/out-file.js';
import { shownPath } from '../adapters/write-errors.js';
import { resolvePack, resolveRecordPack } from '../adapters/packs.js';
import type { RecordFile } from '../core/record/schema.js';
import { readRecord } from '../adapters/record-store.js';
import { renderHtml } from '../render/html.js';
import { renderMarkdown } from '../render/markdown.js';
import { buildSheet, type IntegrityCheck, type Sheet } from '../render/sheet-model.js';
import { signoffChain, type VerifyEnvelope } from '../render/signoff-chain.js';
import { signedHistory } from '../core/signing/history.js';
import { keyringPolicy } from '../core/signing/keyring.js';
import { readKeyring } from '../adapters/keyring-store.js';
import { decodeStatement, type SignoffPredicate } from '../core/signing/statement.js';
import { envelopePayload } from '../core/signing/dsse.js';
import { resolveArticle } from '../adapters/inputs.js';
import { verifyRecord } from '../core/signing/verify.js';
import { EXPORT_FORMATS, parseOptions } from './lib/options.js';

export { EXPORT_FORMATS } from './lib/options.js';

export const ExportOptions = z.strictObject({
  record: z.string().min(1),
  format: z.enum(EXPORT_FORMATS).default('md'),
  out: z.string().min(1).optional(),
  /** --out may replace an existing file (never an input, never a private key). */
  force: z.boolean().default(false),
  keyring: z.string().min(1).optional(),
});
export type ExportOptions = z.infer<typeof ExportOptions>;

export interface ExportResult {
  readonly sheet: Sheet;
  /** The rendered sheet: the bytes written to stdout or to --out. */
  readonly text: string;
  /** Where the record's article is: never overwritten by --out. */
  readonly article: string | undefined;
}

/** The pack the record was made with, or why it cannot be had (the sheet still gets made). */
async function packFor(
  record: RecordFile,
  ctx: Context,
): Promise<{ pack: Pack | null; problem?: string }> {
  // The exact pack the record names (an older released version comes from the built-in
  // archive); failing that, the installed pack of that id, with the difference said.
  const want = record.record.checklist;
  const { pack } = await resolveRecordPack(want, ctx);
  if (pack) return { pack };
  try {
    return { pack: await resolvePack(want.id, ctx) };
  } catch (error) {
    if (error instanceof UserError) return { pack: null, problem: error.message };
    throw error;
  }
}

/** Check every signature against the keyring with the signing module's verifier. */
async function keyringChecks(
  file: string,
  record: RecordFile,
): Promise<{ verify: VerifyEnvelope; integrity: IntegrityCheck[] }> {
  const { keyring, keys } = await readKeyring(file);
  const result = await verifyRecord({ file: record, keys, policy: keyringPolicy(keyring) });
  const verify: VerifyEnvelope = (_envelope, i) => {
    const report = result.envelopes[i];
    if (report?.ok && report.signer) {
      const { name, role, keyid } = report.signer;
      return { status: 'verified', detail: `${name}, ${role} key ${keyid.slice(0, 12)}` };
    }
    const check = result.checks.find((c) => c.id === 'signature' && c.index === i + 1);
    const problem = check?.id === 'signature' ? check.problem : undefined;
    return { status: 'failed', detail: problem ?? 'the signature does not verify' };
  };
  const integrity = result.checks
    .filter((c) => c.id === 'chain' || c.id === 'record')
    .map((c) => ({ name: c.name, ok: c.ok, detail: c.detail }));
  return { verify, integrity };
}

/** A path the user gave (relative to ctx.cwd), as file messages show it. */
function display(ctx: Context, file: string): string {
  return path.isAbsolute(file) ? file : shownPath(path.resolve(ctx.cwd, file));
}

/**
 * The record as the sheet shows it: every filing, approval and return in its history is the
 * envelope's own (a history rewritten after signing does not reach the page). When an envelope
 * cannot be read, the history is shown as it is, and the sign-off rows say what is wrong.
 */
function withSignedHistory(record: RecordFile): RecordFile {
  const predicates: SignoffPredicate[] = [];
  for (const env of record.attestations) {
    const payload = envelopePayload(env);
    const statement = payload ? decodeStatement(payload).statement : undefined;
    if (!statement) return record;
    predicates.push(statement.predicate);
  }
  const history = signedHistory(record.record.history, predicates);
  return { ...record, record: { ...record.record, history } };
}

/** Read the record, find its pack, check the signatures, build and render the sheet. */
export async function runExport(
  options: Omit<ExportOptions, 'force'>,
  ctx: Context,
): Promise<ExportResult> {
  const record = await readRecord(display(ctx, options.record));
  const [{ pack, problem }, checked] = await Promise.all([
    packFor(record, ctx),
    options.keyring ? keyringChecks(display(ctx, options.keyring), record) : Promise.resolve(null),
  ]);
  const signoffs = await signoffChain(record.attestations, checked?.verify);
  const article = await resolveArticle(options.record, record.record, undefined, ctx.cwd);
  const { readCopy } = await import('../adapters/article-copy.js');
  const sheet = buildSheet({
    copy: await readCopy(article, ctx),
    record: withSignedHistory(record),
    pack,
    packProblem: problem,
    signoffs,
    keyring: options.keyring ?? null,
    integrity: checked?.integrity ?? [],
  });
  const text =
    options.format === 'json'
      ? toJson(sheet)
      : options.format === 'html'
        ? renderHtml(sheet)
        : renderMarkdown(sheet);
  return { sheet, text, article };
}

export async function execute(
  args: readonly unknown[],
  options: Record<string, unknown>,
  ctx: Context,
): Promise<number> {
  const opts = parseOptions(ExportOptions, { ...options, record: args[0] }, { record: '<record>' });
  const { text, article } = await runExport(opts, ctx);
  if (opts.out) {
    const out = await checkOutFile(opts.out, {
      flag: '--out',
      cwd: ctx.cwd,
      force: opts.force,
      inputs: [
        { file: opts.record, what: 'record itself' },
        opts.keyring ? { file: opts.keyring, what: 'keyring' } : undefined,
        article ? { file: article, what: 'article the record names' } : undefined,
      ],
    });
    await writeAtomic(out.file, text, 0o600, { exclusive: !out.exists });
    ctx.stderr(`Wrote the sign-off sheet to ${opts.out}\n`);
  } else {
    ctx.stdout(text);
  }
  return 0;
}
