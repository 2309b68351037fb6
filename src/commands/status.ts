// prepub status [DIR]: every record under DIR, newest first, with whether its signatures verify.
// Fast: a bounded pool of parallel reads, signatures checked only where there are any, on the
// thread pool, with the keyring's keys parsed once.
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { loadConfig } from '../config/load.js';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { toJson } from '../io/files.js';
import { RecordFile } from '../record/schema.js';
import { renderStatus, type StatusRow } from '../render/signoff.js';
import { loadKeyring } from '../signing/inputs.js';
import {
  FileSignatureCache,
  signatureCacheFile,
  type SignatureCache,
} from '../signing/verified-cache.js';
import { verifyRecord, type TrustedKey } from '../signing/verify.js';
import type { Policy } from '../config/schema.js';

export const StatusOptions = z.strictObject({
  dir: z.string().default('.'),
  keyring: z.string().optional(),
  format: z.enum(['text', 'json']).default('text'),
  /** false with --no-cache: check every signature afresh. */
  cache: z.boolean().default(true),
});
export type StatusOptions = z.input<typeof StatusOptions>;

export interface StatusResult {
  readonly dir: string;
  readonly keyring: string | null;
  readonly records: StatusRow[];
}

const SUFFIX = '.prepub.json';
const POOL = 64;

/** Every *.prepub.json under `dir`, skipping node_modules and dot folders. */
export async function findRecords(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(d, { withFileTypes: true });
    } catch (error) {
      if (d === dir) throw new UserError(`${dir}: no such folder`, { code: 'FILE_MISSING' });
      void error;
      return;
    }
    const subdirs: string[] = [];
    for (const e of entries) {
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && !e.name.startsWith('.'))
          subdirs.push(path.join(d, e.name));
      } else if (e.isFile() && e.name.endsWith(SUFFIX)) out.push(path.join(d, e.name));
    }
    await Promise.all(subdirs.map(walk));
  };
  await walk(dir);
  return out;
}

/** Run `fn` over `items` with at most `limit` at once, keeping order. */
async function pool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

async function row(
  file: string,
  rel: string,
  keys: readonly TrustedKey[] | undefined,
  policy: Policy,
  cache: SignatureCache | undefined,
): Promise<StatusRow> {
  const invalid = (problem: string): StatusRow => ({
    path: rel,
    slug: path.basename(rel, SUFFIX),
    headline: '',
    reporter: '',
    status: 'invalid',
    risk: '',
    lastChange: null,
    valid: false,
    problems: [problem],
  });
  let data: unknown;
  try {
    // Sync reads: records are small, and fs.promises.readFile measured five times slower over
    // 10,000 of them. The pool still overlaps reading with signature checks on the thread pool.
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return invalid('unreadable');
  }
  const parsed = RecordFile.safeParse(data);
  if (!parsed.success) return invalid('not a valid record');
  const rec = parsed.data;
  const base = {
    path: rel,
    slug: rec.record.story.slug,
    headline: rec.record.story.headline,
    reporter: rec.record.story.reporter,
    status: rec.status,
    risk: rec.record.assessment.overall,
    lastChange: rec.record.history.at(-1)?.at ?? null,
  };
  if (rec.attestations.length === 0) {
    return {
      ...base,
      valid: rec.status === 'draft' ? null : false,
      problems: rec.status === 'draft' ? [] : ['unsigned'],
    };
  }
  if (!keys) return { ...base, valid: null, problems: [] };
  const result = await verifyRecord({ file: rec, keys, policy, ...(cache ? { cache } : {}) });
  // A draft that was reopened keeps its old signatures: they must still verify, but no longer cover the record.
  const ignore = rec.status === 'draft' ? ['policy', 'record'] : ['policy'];
  const problems = result.checks
    .filter((c) => !c.ok && !ignore.includes(c.name))
    .map((c) => c.name);
  return { ...base, valid: problems.length === 0, problems };
}

export async function runStatus(raw: StatusOptions, ctx: Context): Promise<StatusResult> {
  const options = StatusOptions.parse(raw);
  const config = await loadConfig(ctx);
  const dir = path.resolve(ctx.cwd, options.dir);
  const keyring = await loadKeyring(options.keyring, config, ctx.cwd);
  const files = await findRecords(dir);
  const cache =
    keyring && options.cache
      ? await FileSignatureCache.open(signatureCacheFile(ctx.env))
      : undefined;
  const rows = await pool(files, POOL, (f) =>
    row(f, path.relative(ctx.cwd, f) || f, keyring?.keys, config.config.policy, cache),
  );
  await cache?.save();
  const time = (r: StatusRow) => (r.lastChange ? Date.parse(r.lastChange) : 0) || 0;
  rows.sort((a, b) => time(b) - time(a) || a.path.localeCompare(b.path));
  return { dir: options.dir, keyring: keyring?.file ?? null, records: rows };
}

export async function execute(
  args: readonly unknown[],
  options: Record<string, unknown>,
  ctx: Context,
): Promise<number> {
  const result = await runStatus(
    {
      ...(options as Omit<StatusOptions, 'dir'>),
      ...(typeof args[0] === 'string' ? { dir: args[0] } : {}),
    },
    ctx,
  );
  if (options.format === 'json') ctx.stdout(toJson(result));
  else ctx.stdout(renderStatus(result.records, result.keyring !== null));
  return 0;
}
