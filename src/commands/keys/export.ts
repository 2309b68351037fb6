// prepub keys export [name]: print a public key (SPKI PEM) and its key id.
import path from 'node:path';
import { z } from 'zod';
import { loadConfig } from '../../config/load.js';
import type { Context } from '../../context.js';
import { UserError } from '../../errors.js';
import { readText, writeAtomic } from '../../io/files.js';
import { keyIdOf, keysDir, listKeys, parsePublicKey, resolveKeyFile } from '../../signing/keys.js';

export const KeysExportOptions = z.strictObject({
  name: z.string().optional(),
  out: z.string().optional(),
});

export async function runKeysExport(
  raw: z.input<typeof KeysExportOptions>,
  ctx: Context,
): Promise<{ name: string; keyid: string; pem: string; file?: string }> {
  const options = KeysExportOptions.parse(raw);
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
    const out = path.resolve(ctx.cwd, options.out);
    await writeAtomic(out, pem, 0o644);
    return { name: key.name, keyid, pem, file: out };
  }
  return { name: key.name, keyid, pem };
}

export async function execute(
  args: readonly unknown[],
  options: Record<string, unknown>,
  ctx: Context,
): Promise<number> {
  const result = await runKeysExport(
    { ...(options as { out?: string }), ...(typeof args[0] === 'string' ? { name: args[0] } : {}) },
    ctx,
  );
  if (result.file)
    ctx.stdout(`${result.file}: public key of "${result.name}", key id ${result.keyid}\n`);
  else {
    ctx.stdout(result.pem);
    ctx.stderr(`key id: ${result.keyid} ("${result.name}")\n`);
  }
  return 0;
}
