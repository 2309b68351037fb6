// prepub keys export [name]: print a public key (SPKI PEM) and its key id.
import { z } from 'zod';
import { loadConfig } from '../../adapters/config-load.js';
import type { Context } from '../../context.js';
import { UserError } from '../../errors.js';
import { readText, writeAtomic } from '../../adapters/files.js';
import { checkOutFile } from '../../adapters/out-file.js';
import { safeLine } from '../../render/text.js';
import { keysDir, listKeys, parsePublicKey, resolveKeyFile } from '../../adapters/keys.js';
import { keyIdOf } from '../../core/signing/key-id.js';
import { parseOptions } from '../lib/options.js';

export const KeysExportOptions = z.strictObject({
  name: z.string().optional(),
  out: z.string().min(1).optional(),
  /** --out may replace an existing file (never a private key). */
  force: z.boolean().default(false),
});

export async function runKeysExport(
  raw: z.input<typeof KeysExportOptions>,
  ctx: Context,
): Promise<{ name: string; keyid: string; pem: string; file?: string }> {
  const options = parseOptions(KeysExportOptions, raw, { name: '[name]' });
  const config = await loadConfig(ctx);
  const dir = keysDir(ctx.env);
  const privateFile = await resolveKeyFile(dir, options.name ?? config.config.user.key, ctx.cwd);
  const key = (await listKeys(dir)).find((k) => k.privateKey === privateFile);
  if (!key)
    throw new UserError(`${privateFile}: no public key beside it in ${dir}`, {
      code: 'KEY_INVALID',
    });
  const pem = await readText(key.publicKey, 'public key');
  const keyid = keyIdOf(parsePublicKey(key.publicKey, pem));
  if (options.out) {
    const out = await checkOutFile(options.out, {
      flag: '--out',
      cwd: ctx.cwd,
      force: options.force,
      inputs: [
        { file: key.publicKey, what: 'public key being exported' },
        { file: key.privateKey, what: 'private key of this public key' },
      ],
    });
    await writeAtomic(out.file, pem, 0o644, { exclusive: !out.exists });
    return { name: key.name, keyid, pem, file: out.file };
  }
  return { name: key.name, keyid, pem };
}

export async function execute(
  args: readonly unknown[],
  options: Record<string, unknown>,
  ctx: Context,
): Promise<number> {
  const result = await runKeysExport(
    { ...options, ...(typeof args[0] === 'string' ? { name: args[0] } : {}) },
    ctx,
  );
  const name = safeLine(result.name);
  if (result.file) ctx.stdout(`${result.file}: public key of "${name}", key id ${result.keyid}\n`);
  else {
    ctx.stdout(result.pem);
    ctx.stderr(`key id: ${result.keyid} ("${name}")\n`);
  }
  return 0;
}
