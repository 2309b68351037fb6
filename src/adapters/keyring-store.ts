// The keyring on disk: read once per version of the file (validated, every problem at file:line:column),
// written atomically and 0600, through a symbolic link rather than over it.
import path from 'node:path';
import type { Context } from '../context.js';
import { formatDiagnostic } from '../diagnostics.js';
import { UserError } from '../errors.js';
import { parseKeyring, type Keyring } from '../core/signing/keyring.js';
import { toJson } from '../core/parse/json-strict.js';
import type { TrustedKey } from '../core/signing/verify.js';
import { fileVersion, loadConfig } from './config-load.js';
import { readText, writeAtomic } from './files.js';

const loadedKeyrings = new Map<string, Promise<{ keyring: Keyring; keys: TrustedKey[] }>>();

/** Read and validate a keyring; a UserError (exit 2) naming file:line:column when it is bad. */
export function readKeyring(file: string): Promise<{ keyring: Keyring; keys: TrustedKey[] }> {
  const key = `${file}\0${fileVersion(file)}`;
  let loading = loadedKeyrings.get(key);
  if (!loading) {
    loading = (async () => {
      const text = await readText(file, 'keyring');
      const { keyring, keys, errors } = parseKeyring(file, text);
      if (!keyring) {
        throw new UserError(`${file}: not a valid keyring`, {
          code: 'KEYRING_INVALID',
          lines: errors.map(formatDiagnostic),
        });
      }
      return { keyring, keys };
    })();
    loadedKeyrings.set(key, loading);
    loading.catch(() => loadedKeyrings.delete(key));
  }
  return loading;
}

/** Write the keyring atomically. A keyring that is a symbolic link stays one: the file it points at is written. */
export async function writeKeyring(file: string, keyring: Keyring): Promise<void> {
  for (const key of loadedKeyrings.keys())
    if (key.startsWith(`${file}\0`)) loadedKeyrings.delete(key);
  await writeAtomic(file, toJson(keyring), 0o600, { followSymlink: true });
}

/** The keyring a `keys` command changes: --keyring, else the config's; a UserError when neither. */
export async function keyringToEdit(
  flag: string | undefined,
  ctx: Pick<Context, 'cwd' | 'env'>,
): Promise<string> {
  const file = flag ? path.resolve(ctx.cwd, flag) : (await loadConfig(ctx)).keyring;
  if (!file)
    throw new UserError(
      'which keyring? pass --keyring <file>, or set "keyring" in prepub.config.json',
      { code: 'USAGE' },
    );
  return file;
}
