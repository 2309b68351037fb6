// prepub keys trust <public.pem> --name --role [--keyring]: add a public key to the newsroom keyring.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Role } from '../../core/config/schema.js';
import type { Context } from '../../context.js';
import { UserError } from '../../errors.js';
import { readText } from '../../adapters/files.js';
import { emptyKeyring, trustKey } from '../../core/signing/keyring.js';
import { keyringToEdit, readKeyring, writeKeyring } from '../../adapters/keyring-store.js';
import { safeLine } from '../../render/text.js';
import { parsePublicKey } from '../../adapters/keys.js';
import { keyIdOf } from '../../core/signing/key-id.js';
import { KEY_ROLES, parseOptions } from '../lib/options.js';

export const KeysTrustOptions = z.strictObject({
  publicKey: z.string().min(1),
  name: z.string().min(1),
  role: z.enum(KEY_ROLES),
  keyring: z.string().optional(),
  /** After this moment no signature by the key verifies. */
  expires: z.iso
    .datetime({ offset: true, error: 'must be a date and time like 2027-12-31T23:59:59Z' })
    .optional(),
});

export interface TrustResult {
  readonly keyring: string;
  readonly keyid: string;
  readonly name: string;
  readonly role: Role;
  readonly change: 'added' | 'renamed' | 'unchanged';
  readonly created: boolean;
}

export async function runKeysTrust(
  raw: z.input<typeof KeysTrustOptions>,
  ctx: Context,
): Promise<TrustResult> {
  const options = parseOptions(KeysTrustOptions, raw, { publicKey: '<public.pem>' });
  const file = await keyringToEdit(options.keyring, ctx);
  const pemFile = path.resolve(ctx.cwd, options.publicKey);
  const pem = await readText(pemFile, 'public key');
  if (pem.includes('PRIVATE KEY')) {
    throw new UserError(
      `${options.publicKey}: is a private key; trust the public one (prepub keys export)`,
      { code: 'KEY_INVALID' },
    );
  }
  const key = parsePublicKey(options.publicKey, pem);
  const keyid = keyIdOf(key);
  let created = false;
  let keyring = emptyKeyring();
  try {
    await fs.access(file);
    keyring = (await readKeyring(file)).keyring;
  } catch (error) {
    if (error instanceof UserError) throw error;
    created = true;
  }
  const publicKey = String(key.export({ type: 'spki', format: 'pem' }));
  const next = trustKey(keyring, {
    keyid,
    name: options.name,
    role: options.role,
    publicKey,
    added: new Date().toISOString(),
    ...(options.expires ? { expires: options.expires } : {}),
  });
  if (next.change !== 'unchanged') await writeKeyring(file, next.keyring);
  return {
    keyring: file,
    keyid,
    name: options.name,
    role: options.role,
    change: next.change,
    created,
  };
}

export async function execute(
  args: readonly unknown[],
  options: Record<string, unknown>,
  ctx: Context,
): Promise<number> {
  const r = await runKeysTrust(
    { ...(options as z.input<typeof KeysTrustOptions>), publicKey: String(args[0]) },
    ctx,
  );
  const what =
    r.change === 'added' ? 'Trusted' : r.change === 'renamed' ? 'Renamed' : 'Already trusted:';
  ctx.stdout(
    `${what} ${safeLine(r.name)} as ${r.role} (key id ${r.keyid}) in ${safeLine(r.keyring)}${r.created ? ' (new keyring)' : ''}\n`,
  );
  return 0;
}
