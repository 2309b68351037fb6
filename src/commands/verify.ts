// prepub verify RECORD: signatures against the keyring, roles, the chain of digests, the working
// record against the filing, the policy, and (with --article) the exact text. Exit 0 only if all hold.
// With --extract DIR: each envelope's payload.json, pae.bin and sig.bin, for openssl.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Context } from '../context.js';
import { EXIT, UserError } from '../errors.js';
import { readText, writeAtomic } from '../adapters/files.js';
import { toJson } from '../core/parse/json-strict.js';
import { checkOutFile } from '../adapters/out-file.js';
import type { RecordFile } from '../core/record/schema.js';
import { parseRecord } from '../core/record/parse.js';
import { renderChecks } from '../render/signoff.js';
import { decodeBase64, envelopePayload, pae, verifySignature } from '../core/signing/dsse.js';
import { gateCheck, type GateResult } from '../adapters/gate.js';
import { loadTrustRoot } from '../adapters/inputs.js';
import type { Keyring } from '../core/signing/keyring.js';
import { decodeStatement } from '../core/signing/statement.js';
import type { TrustedKey } from '../core/signing/verify.js';
import { OUTPUT_FORMATS, parseOptions } from './lib/options.js';

export const VerifyOptions = z.strictObject({
  record: z.string({ error: 'which record? prepub verify <record>' }).min(1),
  /** A path; false for --no-article (the text is not checked, and the output says so); true or
   * absent: the article the record names (commander sets true as the default of --no-article). */
  article: z.union([z.string().min(1), z.boolean()]).optional(),
  trust: z.string().min(1).optional(),
  keyring: z.string().min(1).optional(),
  extract: z.string().optional(),
  allowUnknownChecklist: z.boolean().default(false),
  /** --extract may replace files already in the folder. */
  force: z.boolean().default(false),
  format: z.enum(OUTPUT_FORMATS).default('text'),
});
export type VerifyOptions = z.input<typeof VerifyOptions>;

export interface Extracted {
  readonly dir: string;
  readonly index: number;
  readonly role: string;
  readonly files: readonly string[];
  /** The keyring entry whose key verified the signature, if any. */
  readonly signer: string | null;
}

/**
 * Write each envelope's payload.json, pae.bin, sig.bin (and signer.pem when a keyring key verifies
 * it). A file already there is replaced only with `force` (a private key never).
 */
export async function extractEnvelopes(
  file: RecordFile,
  dir: string,
  keyring: { keyring: Keyring; keys: TrustedKey[] } | undefined,
  cwd: string,
  force = false,
): Promise<Extracted[]> {
  const write = async (target: string, data: string | Uint8Array, mode: number) => {
    const out = await checkOutFile(path.relative(cwd, target) || target, {
      flag: '--extract',
      cwd,
      force,
      another: 'folder',
    });
    await writeAtomic(out.file, data, mode, { exclusive: !out.exists });
  };
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const out: Extracted[] = [];
  for (const [i, env] of file.attestations.entries()) {
    const payload = envelopePayload(env) ?? new Uint8Array();
    const role = decodeStatement(payload).statement?.predicate.role ?? 'unknown';
    const sub = path.join(dir, `${i + 1}-${role}`);
    await fs.mkdir(sub, { recursive: true, mode: 0o700 });
    const sig = decodeBase64(env.signatures[0]?.sig ?? '') ?? new Uint8Array();
    const bytes = pae(env.payloadType, payload);
    await write(path.join(sub, 'payload.json'), payload, 0o600);
    await write(path.join(sub, 'pae.bin'), bytes, 0o600);
    await write(path.join(sub, 'sig.bin'), sig, 0o600);
    const files = ['payload.json', 'pae.bin', 'sig.bin'];
    const key = keyring?.keys.find((k) =>
      verifySignature(env.payloadType, payload, sig, k.publicKey),
    );
    const entry = key ? keyring?.keyring.keys.find((e) => e.keyid === key.keyid) : undefined;
    if (key && entry) {
      await write(path.join(sub, 'signer.pem'), entry.publicKey, 0o644);
      files.push('signer.pem');
    }
    out.push({
      dir: sub,
      index: i + 1,
      role,
      files,
      signer: key ? `${key.name} (${key.keyid})` : null,
    });
  }
  return out;
}

export async function runVerify(
  raw: VerifyOptions,
  ctx: Context,
): Promise<{ result?: GateResult; extracted?: Extracted[]; trust?: string }> {
  const options = parseOptions(VerifyOptions, raw, { record: '<record>' });
  if (options.trust && options.keyring && options.trust !== options.keyring)
    throw new UserError('--trust and --keyring name the same thing: give one', { code: 'USAGE' });
  // The gate's configuration is pinned: nothing is read from a prepub.config.json found by
  // walking up from here, which the people it checks could have committed.
  const gate: Context = { ...ctx, pinnedConfig: true };
  const file = parseRecord(
    options.record,
    await readText(path.resolve(ctx.cwd, options.record), 'record'),
  );
  const flag = options.trust ?? options.keyring;
  if (options.extract) {
    const keyring = flag ? await loadTrustRoot(flag, gate) : undefined;
    return {
      extracted: await extractEnvelopes(
        file,
        path.resolve(ctx.cwd, options.extract),
        keyring,
        ctx.cwd,
        options.force,
      ),
    };
  }
  const trust = await loadTrustRoot(flag, gate);
  const result = await gateCheck(
    file,
    {
      record: options.record,
      keys: trust.keys,
      policy: trust.policy,
      ...(options.article !== undefined && options.article !== true
        ? { article: options.article }
        : {}),
      allowUnknownChecklist: options.allowUnknownChecklist,
    },
    gate,
  );
  return { result, trust: trust.file };
}

export async function execute(
  args: readonly unknown[],
  options: Record<string, unknown>,
  ctx: Context,
): Promise<number> {
  const record = typeof args[0] === 'string' ? args[0] : undefined;
  const parsed = parseOptions(VerifyOptions, { ...options, record }, { record: '<record>' });
  const format = parsed.format;
  const { result, extracted, trust } = await runVerify(parsed, ctx);
  if (extracted) {
    if (format === 'json') ctx.stdout(toJson({ extracted }));
    else {
      for (const e of extracted)
        ctx.stdout(
          `${e.dir}: ${e.files.join(' ')}${e.signer ? ` — signed by ${e.signer}` : ' — signer not in the keyring'}\n`,
        );
      ctx.stderr(
        'Check one with: openssl pkeyutl -verify -pubin -inkey signer.pem -rawin -in pae.bin -sigfile sig.bin\n',
      );
    }
    return 0;
  }
  const r = result!;
  if (format === 'json') {
    ctx.stdout(
      toJson({
        ok: r.ok,
        status: r.status,
        verifiedStatus: r.verifiedStatus,
        article: { ...r.article, textChecked: r.article.checked },
        trust,
        checks: r.checks,
        envelopes: r.envelopes,
      }),
    );
  } else {
    ctx.stdout(renderChecks(record ?? '', r));
    if (!r.article.checked)
      ctx.stdout('Text not checked: this result says nothing about the text.\n');
  }
  return r.ok ? EXIT.ok : EXIT.failed;
}
