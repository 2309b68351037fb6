// prepub file RECORD: the reporter confirms the filing statement and signs the record.
import path from 'node:path';
import { z } from 'zod';
import { loadConfig } from '../adapters/config-load.js';
import type { Context } from '../context.js';
import { Cancelled, CheckFailed, UserError } from '../errors.js';
import { readText, removeStaleTemps } from '../adapters/files.js';
import { toJson } from '../core/parse/json-strict.js';

import { openQueries } from '../core/signing/conversation.js';
import { nextStep } from '../render/next-step.js';
import { filingBlockers, withHistory } from '../core/record/lifecycle.js';
import type { RecordBody, RecordFile } from '../core/record/schema.js';
import { updateRecord } from '../adapters/record-store.js';
import { parseRecord } from '../core/record/parse.js';
import { envelopePayload, IN_TOTO_PAYLOAD_TYPE, signEnvelope } from '../core/signing/dsse.js';
import { loadKeyring, loadSigningKey, readArticle, resolveArticle } from '../adapters/inputs.js';
import { DEFAULT_POLICY, evaluatePolicy, requiredApprovals } from '../core/signing/policy.js';
import { encodeStatement, filedStatement, FILING_STATEMENT } from '../core/signing/statement.js';
import { sha256Hex } from '../core/hash.js';
import { OUTPUT_FORMATS, parseOptions } from './lib/options.js';

export const FileOptions = z.strictObject({
  record: z.string().min(1),
  key: z.string().optional(),
  /** The reporter confirms the filing statement without a prompt. */
  confirm: z.boolean().default(false),
  /** Prompts allowed (false with --no-input). */
  input: z.boolean().default(true),
  article: z.string().optional(),
  keyring: z.string().optional(),
});
export type FileOptions = z.input<typeof FileOptions>;

export interface FileResult {
  readonly record: string;
  readonly status: RecordFile['status'];
  readonly envelope: number;
  readonly signer: { readonly name: string; readonly keyid: string };
  readonly article: { readonly path: string; readonly sha256: string };
  readonly payloadSha256: string;
  /** Set when no keyring was available to check the key is trusted as a reporter. */
  readonly warning?: string;
}

/** The record's text, size-capped like every input. */
function readRecordText(file: string): Promise<string> {
  return readText(file, 'record');
}

/**
 * What is signed must follow from the evidence: the findings are what a fresh scan of the
 * article finds, and the assessment is what the checklist gives for these answers, under the
 * checklist the record was made with. A record edited by hand is refused.
 */
async function checkConsistent(
  shown: string,
  body: RecordBody,
  article: { readonly path: string; readonly bytes: Uint8Array },
  ctx: Context,
): Promise<void> {
  const { checkEvidence } = await import('../adapters/evidence.js');
  const evidence = await checkEvidence(body, ctx, { article });
  if (!evidence.recomputed) {
    throw new CheckFailed(`${shown}: the checklist has changed since this record was made`, [
      evidence.detail,
      `Bring the record up to date: prepub check --resume ${shown}`,
    ]);
  }
  if (!evidence.ok) {
    throw new CheckFailed(`${shown}: ${evidence.detail}`, [
      `Scan and answer again with prepub check --resume ${shown}, which recomputes it.`,
    ]);
  }
}

/** File (sign) a record as its reporter. `check --file` calls this too. */
export async function runFile(raw: FileOptions, ctx: Context): Promise<FileResult> {
  const options = parseOptions(FileOptions, raw, { record: '<record>' });
  const recordPath = path.resolve(ctx.cwd, options.record);
  await removeStaleTemps(recordPath);
  const config = await loadConfig(ctx);
  const text = await readRecordText(recordPath);
  const file = parseRecord(options.record, text);

  if (file.status === 'filed' || file.status === 'approved') {
    const last = [...file.record.history].reverse().find((h) => h.event === 'filed');
    throw new UserError(
      `${options.record}: already ${file.status}${last ? ` (filed by ${last.by}, ${last.at})` : ''}; nothing to file`,
      {
        code: 'RECORD_SIGNED',
        hint: 'To change it, change an answer with prepub check --resume: the record becomes a draft to file again.',
      },
    );
  }
  const blockers = filingBlockers(file.record);
  // Every query the desk made since the last filing needs the reporter's reply, which this
  // filing signs with the record.
  for (const t of openQueries(file).filter((q) => q.reply === null))
    blockers.push(
      `${t.query.item}: queried by ${t.query.by} ("${t.query.comment}") and not answered yet (prepub check --resume ${options.record})`,
    );
  if (blockers.length > 0)
    throw new CheckFailed(`${options.record}: cannot be filed yet`, blockers);
  const ref = file.record.article!;

  const articlePath = (await resolveArticle(
    options.record,
    file.record,
    options.article,
    ctx.cwd,
  ))!;
  const bytes = await readArticle(articlePath);
  const actual = sha256Hex(bytes);
  if (actual !== ref.sha256) {
    throw new CheckFailed(
      `${articlePath}: the article has changed since the checklist was answered (the record is stale)`,
      [
        `record: sha256 ${ref.sha256}`,
        `file:   sha256 ${actual}`,
        `Rescan it and review the answers: prepub check --resume ${options.record}`,
      ],
    );
  }

  await checkConsistent(options.record, file.record, { path: articlePath, bytes }, ctx);

  const keyring = await loadKeyring(options.keyring, config, ctx);
  const key = await loadSigningKey(options.key, options.input, ctx, config, askPassphrase);
  const trusted = keyring?.keys.find((k) => k.keyid === key.keyid && k.role === 'reporter');
  if (keyring && !trusted) {
    throw new UserError(
      `${key.file}: key ${key.keyid.slice(0, 12)} is not trusted as a reporter in ${keyring.file}`,
      {
        code: 'KEY_INVALID',
        hint: `Ask the desk to add it: prepub keys trust <your .pub.pem> --name "…" --role reporter --keyring ${keyring.file}`,
      },
    );
  }

  if (!options.confirm) {
    if (!options.input || !ctx.interactive) {
      throw new UserError("filing needs the reporter's confirmation of the filing statement", {
        code: 'NO_TERMINAL',
        hint: `Read it, then pass --confirm to stand for it:\n  "${FILING_STATEMENT}"`,
      });
    }
    if (!(await (await import('../prompts/signoff.js')).confirmFiling(FILING_STATEMENT)))
      throw new Cancelled('Not filed: the statement was not confirmed. The record is unchanged.');
  }

  const signerName =
    trusted?.name ?? config.config.user.name ?? key.name ?? file.record.story.reporter;
  const now = new Date().toISOString();
  const last = file.attestations.at(-1);
  const lastPayload = last ? envelopePayload(last) : undefined;
  const previous =
    last && lastPayload
      ? { envelope: file.attestations.length, sha256: sha256Hex(lastPayload) }
      : undefined;
  const body = withHistory(file, {
    at: now,
    event: 'filed',
    by: signerName,
    detail: `signed with key ${key.keyid.slice(0, 12)}`,
  });
  const statement = filedStatement({
    article: { name: path.basename(ref.path), digest: { sha256: ref.sha256 } },
    predicate: {
      signer: { name: signerName, keyid: key.keyid },
      time: now,
      statement: FILING_STATEMENT,
      ...(previous ? { previous } : {}),
      record: body,
    },
  });
  const payload = encodeStatement(statement);
  const envelope = signEnvelope(IN_TOTO_PAYLOAD_TYPE, payload, {
    keyid: key.keyid,
    privateKey: key.privateKey,
  });
  const policy = keyring?.policy ?? DEFAULT_POLICY;
  const status = evaluatePolicy(
    [{ role: 'reporter', decision: 'filed' }],
    requiredApprovals(policy, body),
    policy,
  ).status;
  const next: RecordFile = {
    ...file,
    status,
    record: body,
    attestations: [...file.attestations, envelope],
  };

  // Nothing lost: not while another prepub has the record open, and not if someone else
  // changed it while we were signing.
  await updateRecord(recordPath, text, next, options.record, 'prepub file');
  return {
    record: options.record,
    status,
    envelope: next.attestations.length,
    signer: { name: signerName, keyid: key.keyid },
    article: { path: articlePath, sha256: ref.sha256 },
    payloadSha256: sha256Hex(payload),
    ...(keyring
      ? {}
      : {
          warning: 'no keyring configured: could not check that your key is trusted as a reporter',
        }),
  };
}

export async function execute(
  args: readonly unknown[],
  options: Record<string, unknown>,
  ctx: Context,
): Promise<number> {
  const { format, ...rest } = parseOptions(
    FileOptions.extend({ format: z.enum(OUTPUT_FORMATS).default('text') }),
    { ...options, record: args[0] },
    { record: '<record>' },
  );
  const result = await runFile(rest, ctx);
  if (result.warning) ctx.stderr(`prepub: warning: ${result.warning}\n`);
  if (format === 'json') {
    ctx.stdout(toJson(result));
    return 0;
  }
  ctx.stdout(
    `Filed ${result.record}: signed by ${result.signer.name} (key ${result.signer.keyid.slice(0, 12)}), envelope ${result.envelope}, status ${result.status}.\n`,
  );
  if (result.status === 'filed')
    ctx.stderr(`${nextStep({ kind: 'filed', record: result.record })}\n`);
  return 0;
}

/** The passphrase prompt, loaded only when a key needs one. */
async function askPassphrase(file: string): Promise<string> {
  return (await import('../prompts/signoff.js')).askPassphrase(file);
}
