// prepub keys list: your key pairs, with their key ids; with --keyring, who a keyring trusts.
import path from 'node:path';
import { z } from 'zod';
import type { Policy } from '../../core/config/schema.js';
import type { Context } from '../../context.js';
import { toJson } from '../../core/parse/json-strict.js';
import { safeLine } from '../../render/text.js';
import { keyringPolicy } from '../../core/signing/keyring.js';
import { readKeyring } from '../../adapters/keyring-store.js';
import { keysDir, listKeys, type KeyFiles } from '../../adapters/keys.js';
import { OUTPUT_FORMATS, parseOptions } from '../lib/options.js';

export const KeysListOptions = z.strictObject({
  format: z.enum(OUTPUT_FORMATS).default('text'),
  keyring: z.string().min(1).optional(),
});

export interface TrustedRow {
  readonly role: string;
  readonly name: string;
  readonly keyid: string;
  readonly added: string;
  readonly expires: string | null;
  readonly revoked: { readonly at: string; readonly reason: string | null } | null;
  /** What a signature by it does at the gate now. */
  readonly state: 'trusted' | 'expired' | 'revoked';
}

/** Who a keyring trusts, one row per key and role, in the keyring's order. */
export async function runKeyringList(
  file: string,
  now: Date = new Date(),
): Promise<{ keyring: string; policy: Policy; keys: TrustedRow[] }> {
  const loaded = await readKeyring(file);
  const keys = loaded.keyring.keys.map((k): TrustedRow => ({
    role: k.role,
    name: k.name,
    keyid: k.keyid,
    added: k.added,
    expires: k.expires ?? null,
    revoked: k.revoked ? { at: k.revoked.at, reason: k.revoked.reason ?? null } : null,
    state: k.revoked
      ? 'revoked'
      : k.expires && Date.parse(k.expires) <= now.getTime()
        ? 'expired'
        : 'trusted',
  }));
  return { keyring: file, policy: keyringPolicy(loaded.keyring), keys };
}

function renderKeyring(r: Awaited<ReturnType<typeof runKeyringList>>): string {
  const rows = r.keys.map((k) => [
    k.role,
    k.name,
    k.keyid.slice(0, 12),
    k.added.slice(0, 10),
    k.expires ? `expires ${k.expires.slice(0, 10)}` : '',
    k.state === 'revoked'
      ? `REVOKED ${k.revoked!.at.slice(0, 10)}${k.revoked!.reason ? ` (${k.revoked!.reason})` : ''}`
      : k.state === 'expired'
        ? 'EXPIRED'
        : 'trusted',
  ]);
  const header = ['ROLE', 'NAME', 'KEY ID', 'ADDED', 'EXPIRY', 'STATE'];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => safeLine(row[i]!).length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => safeLine(c).padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const p = r.policy;
  const policy = `Policy: approvals ${p.approvals.join(' and ')}; lawyer when referred: ${p.lawyerWhenReferred ? 'yes' : 'no'}; distinct signers: ${p.distinctSigners ? 'yes' : 'no'}${
    p.minimumChecklist
      ? `; oldest checklist accepted: ${
          Object.entries(p.minimumChecklist)
            .map(([id, v]) => `${id} ${v}`)
            .join(', ') || 'any'
        }`
      : ''
  }`;
  return `${[line(header), ...rows.map(line)].join('\n')}\n${policy}\n`;
}

export async function runKeysList(ctx: Context): Promise<{ dir: string; keys: KeyFiles[] }> {
  const dir = keysDir(ctx.env);
  return { dir, keys: await listKeys(dir) };
}

export async function execute(
  _args: readonly unknown[],
  options: Record<string, unknown>,
  ctx: Context,
): Promise<number> {
  const { format, keyring } = parseOptions(KeysListOptions, options);
  if (keyring) {
    const trusted = await runKeyringList(path.resolve(ctx.cwd, keyring));
    ctx.stdout(format === 'json' ? toJson({ ...trusted, keyring }) : renderKeyring(trusted));
    return 0;
  }
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
