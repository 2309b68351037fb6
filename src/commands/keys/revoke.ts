// prepub keys revoke <name|keyid> --reason [--keyring]: mark a key revoked in a keyring. Every
// signature by it then fails verify, whatever time it claims (a signature's time is the signer's
// own word). The entry stays, so the sheet and `keys list` can say who it was and why.
import { z } from 'zod';
import type { Context } from '../../context.js';
import { UserError } from '../../errors.js';
import { safeLine } from '../../render/text.js';
import { keyringToEdit, readKeyring, writeKeyring } from '../../adapters/keyring-store.js';
import { parseOptions } from '../lib/options.js';

export const KeysRevokeOptions = z.strictObject({
  key: z.string().min(1, 'which key? give its name or key id'),
  reason: z.string().trim().min(1, 'say why the key is revoked').optional(),
  keyring: z.string().min(1).optional(),
});

export interface RevokeResult {
  readonly keyring: string;
  readonly keyid: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly at: string;
  readonly already: boolean;
}

export async function runKeysRevoke(
  raw: z.input<typeof KeysRevokeOptions>,
  ctx: Context,
  now: Date = new Date(),
): Promise<RevokeResult> {
  const options = parseOptions(KeysRevokeOptions, raw, { key: '<name|keyid>' });
  const file = await keyringToEdit(options.keyring, ctx);
  const { keyring } = await readKeyring(file);
  const want = options.key.toLowerCase();
  const ids = [
    ...new Set(
      keyring.keys
        .filter(
          (k) => k.name.toLowerCase() === want || (want.length >= 8 && k.keyid.startsWith(want)),
        )
        .map((k) => k.keyid),
    ),
  ];
  if (ids.length === 0)
    throw new UserError(`${options.key}: no such key in ${file}`, {
      code: 'USAGE',
      hint: `See who it trusts: prepub keys list --keyring ${options.keyring ?? file}`,
    });
  if (ids.length > 1)
    throw new UserError(`${options.key}: names ${ids.length} keys in ${file}; give a key id`, {
      code: 'USAGE',
    });
  const keyid = ids[0]!;
  const entries = keyring.keys.filter((k) => k.keyid === keyid);
  const already = entries.every((k) => k.revoked);
  const at = now.toISOString();
  const revoked = { at, ...(options.reason ? { reason: options.reason } : {}) };
  if (!already) {
    await writeKeyring(file, {
      ...keyring,
      keys: keyring.keys.map((k) => (k.keyid === keyid && !k.revoked ? { ...k, revoked } : k)),
    });
  }
  return {
    keyring: file,
    keyid,
    name: entries[0]!.name,
    roles: entries.map((k) => k.role),
    at: already ? (entries[0]!.revoked?.at ?? at) : at,
    already,
  };
}

export async function execute(
  args: readonly unknown[],
  options: Record<string, unknown>,
  ctx: Context,
): Promise<number> {
  const r = await runKeysRevoke(
    {
      key: typeof args[0] === 'string' ? args[0] : '',
      ...(typeof options.reason === 'string' ? { reason: options.reason } : {}),
      ...(typeof options.keyring === 'string' ? { keyring: options.keyring } : {}),
    },
    ctx,
  );
  ctx.stdout(
    safeLine(
      r.already
        ? `Already revoked: ${r.name} (key id ${r.keyid}) since ${r.at} in ${r.keyring}`
        : `Revoked ${r.name} (key id ${r.keyid}, ${r.roles.join(' and ')}) in ${r.keyring}: no signature by this key verifies any more.`,
    ) + '\n',
  );
  return 0;
}
