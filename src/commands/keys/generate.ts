// prepub keys generate [--name]: a new Ed25519 key pair under $XDG_CONFIG_HOME/prepub/keys.
import { z } from 'zod';
import { loadConfig } from '../../adapters/config-load.js';
import type { Context } from '../../context.js';
import { UserError } from '../../errors.js';
import { askNewPassphrase } from '../../prompts/signoff.js';
import { safeLine } from '../../render/text.js';
import { generateKey, keysDir, writeKeyPair, type KeyFiles } from '../../adapters/keys.js';
import { MIN_PASSPHRASE } from '../../core/signing/pkcs8.js';
import { parseOptions } from '../lib/options.js';

export const KeysGenerateOptions = z.strictObject({
  name: z.string().min(1).optional(),
  /** false with --no-passphrase: the private key is written unencrypted. */
  passphrase: z.boolean().default(true),
  input: z.boolean().default(true),
});
export type KeysGenerateOptions = z.input<typeof KeysGenerateOptions>;

export async function runKeysGenerate(raw: KeysGenerateOptions, ctx: Context): Promise<KeyFiles> {
  const options = parseOptions(KeysGenerateOptions, raw);
  const config = await loadConfig(ctx);
  const name = options.name ?? config.config.user.name;
  if (!name)
    throw new UserError(
      'no name for the key: pass --name "Your Name" (or set user.name in prepub.config.json)',
      { code: 'USAGE' },
    );
  let passphrase: string | undefined;
  if (options.passphrase) {
    const fromEnv = ctx.env.PREPUB_PASSPHRASE;
    if (fromEnv !== undefined && fromEnv !== '') {
      if ([...fromEnv].length < MIN_PASSPHRASE)
        throw new UserError(
          `PREPUB_PASSPHRASE is too short for a new key: use at least ${MIN_PASSPHRASE} characters`,
          {
            code: 'USAGE',
            hint: 'A long phrase of ordinary words is easy to type and hard to guess. Or pass --no-passphrase to write the key unencrypted.',
          },
        );
      passphrase = fromEnv;
    } else if (options.input && ctx.interactive) passphrase = await askNewPassphrase();
    else {
      throw new UserError('no passphrase for the new key, and no terminal to ask for one', {
        code: 'NO_TERMINAL',
        hint: 'Set PREPUB_PASSPHRASE, or pass --no-passphrase to write it unencrypted.',
      });
    }
  }
  return writeKeyPair(
    keysDir(ctx.env),
    name,
    generateKey(passphrase),
    passphrase !== undefined,
    new Date(),
  );
}

export async function execute(
  _args: readonly unknown[],
  options: Record<string, unknown>,
  ctx: Context,
): Promise<number> {
  const key = await runKeysGenerate(options, ctx);
  ctx.stdout(
    [
      `Made key "${safeLine(key.name)}" (${key.encrypted ? 'encrypted with your passphrase' : 'NOT encrypted'})`,
      `  key id:      ${key.keyid}`,
      `  private key: ${key.privateKey}  (0600: keep it to yourself)`,
      `  public key:  ${key.publicKey}`,
      '',
    ].join('\n'),
  );
  ctx.stderr(
    `Next: the desk trusts it with  prepub keys trust ${key.publicKey} --name "${safeLine(key.name)}" --role reporter|editor|lawyer --keyring keyring.json\n`,
  );
  return 0;
}
