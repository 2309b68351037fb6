// prepub keys list: your key pairs, with their key ids.
import { z } from 'zod';
import type { Context } from '../../context.js';
import { toJson } from '../../io/files.js';
import { safeLine } from '../../render/text.js';
import { keysDir, listKeys, type KeyFiles } from '../../signing/keys.js';
import { OUTPUT_FORMATS, parseOptions } from '../options.js';

export const KeysListOptions = z.strictObject({ format: z.enum(OUTPUT_FORMATS).default('text') });

export async function runKeysList(ctx: Context): Promise<{ dir: string; keys: KeyFiles[] }> {
  const dir = keysDir(ctx.env);
  return { dir, keys: await listKeys(dir) };
}

export async function execute(
  _args: readonly unknown[],
  options: Record<string, unknown>,
  ctx: Context,
): Promise<number> {
  const { format } = parseOptions(KeysListOptions, options);
  const result = await runKeysList(ctx);
  if (format === 'json') {
    ctx.stdout(toJson(result));
    return 0;
  }
  if (result.keys.length === 0) {
    ctx.stdout(
      `No keys in ${result.dir}. Make one with: prepub keys generate --name "Your Name"\n`,
    );
    return 0;
  }
  for (const k of result.keys) {
    ctx.stdout(
      `${safeLine(k.name)}  ${k.keyid}  ${k.encrypted ? 'encrypted' : 'unencrypted'}  ${safeLine(k.publicKey)}\n`,
    );
  }
  return 0;
}
