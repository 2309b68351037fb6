// prepub status [DIR]: every record under DIR, newest first, with whether its signatures verify.
// Fast: rows of records unchanged since the last run come from a cache (adapters/status-cache.ts);
// the rest are read, checked (signatures included) and their articles hashed on worker threads
// and this one (one thread per core), with the keyring's keys parsed once; with few, this thread
// does, a bounded pool at once.
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { loadConfig } from '../adapters/config-load.js';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { toJson } from '../core/parse/json-strict.js';
import { StatusPool, threadsFor } from '../adapters/status-pool.js';
import type { StatusRow } from '../core/signing/status-row.js';
import { renderStatus } from '../render/signoff.js';
import { loadKeyring } from '../adapters/inputs.js';
import { DEFAULT_POLICY } from '../core/signing/policy.js';
import { RECORD_SUFFIX, type RowContext } from '../core/signing/status-row.js';
import { readRow, type ReadRow } from '../adapters/status-read.js';
import { StatusRowCache, statusCacheFile } from '../adapters/status-cache.js';
import { FileSignatureCache, signatureCacheFile } from '../adapters/verified-cache.js';
import { OUTPUT_FORMATS, parseOptions } from './lib/options.js';
import { RECORD_STATUSES } from '../core/record/schema.js';
import type { ResolvedConfig } from '../core/config/schema.js';
import type { TrustedKey } from '../core/signing/verify.js';

export const StatusOptions = z.strictObject({
  /** Default: the config's recordsDir, else the current folder. */
  dir: z.string().optional(),
  keyring: z.string().optional(),
  format: z.enum(OUTPUT_FORMATS).default('text'),
  /** false with --no-cache: read and check every record afresh (no cached rows or signatures). */
  cache: z.boolean().default(true),
  /** Filters: only rows with this status, desk, reporter, changed since, or waiting for. */
  status: z.enum([...RECORD_STATUSES, 'invalid']).optional(),
  desk: z.string().min(1).optional(),
  reporter: z.string().min(1).optional(),
  since: z
    .string()
    .refine(
      (v) => !Number.isNaN(Date.parse(v)),
      'use a date such as 2026-12-01 or 2026-12-01T09:00Z',
    )
    .optional(),
  needs: z.enum(['me', 'reporter', 'editor', 'lawyer']).optional(),
});
export type StatusOptions = z.input<typeof StatusOptions>;

export interface StatusResult {
  readonly dir: string;
  readonly keyring: string | null;
  /** The filters applied (absent: none). */
  readonly filters?: Readonly<Record<string, string>>;
  /** With --needs me: the roles the user's key has in the keyring. */
  readonly roles?: readonly string[];
  readonly records: StatusRow[];
}

const SUFFIX = RECORD_SUFFIX;
const POOL = 64;
/** Below this many records, starting worker threads costs more than it saves. */
const THREADS_FROM = 256;

/** Every *.prepub.json under `dir`, skipping node_modules and dot folders; `found` hears the count so far. */
export async function findRecords(dir: string, found?: (count: number) => void): Promise<string[]> {
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
    found?.(out.length);
    await Promise.all(subdirs.map(walk));
  };
  await walk(dir);
  return out;
}

/** Run `fn` over `items` with at most `limit` at once, keeping order. */
async function pool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export interface StatusTuning {
  /** Use worker threads from this many records (default 256; Infinity: never). */
  readonly threadsFrom?: number;
  /** How long ago a file must have changed for its row to be cached (default: status-read.ts). */
  readonly settledMs?: number;
}

export async function runStatus(
  raw: StatusOptions,
  ctx: Context,
  tuning: StatusTuning = {},
): Promise<StatusResult> {
  const options = parseOptions(StatusOptions, raw, { dir: '[dir]' });
  const dir =
    options.dir !== undefined
      ? path.resolve(ctx.cwd, options.dir)
      : ((await loadConfig(ctx)).recordsDir ?? ctx.cwd);
  // Walk the folder while the config and keyring load (their errors are reported first). With no
  // rows cached from a last run, start the worker threads as soon as there are enough records to
  // be worth them: they load their modules meanwhile. With rows cached, only the records that
  // changed are read, and threads start only if there are many of them.
  const threadsFrom = tuning.threadsFrom ?? THREADS_FROM;
  const cached = options.cache && existsSync(statusCacheFile(ctx.env, dir));
  let workers: StatusPool | undefined;
  const startWorkers = (count: number) => {
    if (!workers && count >= threadsFrom) {
      const threads = threadsFor(count, threadsFrom);
      if (threads > 0) workers = StatusPool.start(threads);
    }
  };
  const walking = findRecords(dir, cached ? undefined : startWorkers);
  walking.catch(() => undefined);
  try {
    const config = await loadConfig(ctx);
    // The same keyring the desk's other commands use: --keyring, else PREPUB_TRUST, else config.
    const keyring = await loadKeyring(options.keyring, config, ctx);
    const files = await walking;
    const rels = files.map((f) => path.relative(ctx.cwd, f) || f);
    const policy = keyring?.policy ?? DEFAULT_POLICY;
    const [signatures, rowCache] = options.cache
      ? await Promise.all([
          keyring ? FileSignatureCache.open(signatureCacheFile(ctx.env)) : undefined,
          StatusRowCache.open(ctx.env, dir, keyring?.keys, policy),
        ])
      : [undefined, undefined];
    const rows = new Array<StatusRow>(files.length);
    const todo: number[] = [];
    files.forEach((f, i) => {
      const row = rowCache?.lookup(f, rels[i]!);
      if (row) rows[i] = row;
      else todo.push(i);
    });
    startWorkers(todo.length);
    const read = await readRows(
      todo.map((i) => files[i]!),
      todo.map((i) => rels[i]!),
      { keys: keyring?.keys, policy, cache: signatures },
      workers,
      tuning.settledMs,
    );
    todo.forEach((fileIndex, j) => {
      rows[fileIndex] = read[j]!.row;
      rowCache?.add(files[fileIndex]!, read[j]!);
    });
    await Promise.all([signatures?.save(), rowCache?.save()]);
    const times = new Map<StatusRow, number>(
      rows.map((r) => [r, (r.lastChange ? Date.parse(r.lastChange) : 0) || 0]),
    );
    rows.sort((a, b) => times.get(b)! - times.get(a)! || a.path.localeCompare(b.path));
    const me = options.needs === 'me' ? await myRoles(config, keyring?.keys, ctx) : undefined;
    const filters = Object.fromEntries(
      (['status', 'desk', 'reporter', 'since', 'needs'] as const)
        .filter((k) => options[k] !== undefined)
        .map((k) => [k, options[k]!]),
    );
    return {
      dir: options.dir ?? (path.relative(ctx.cwd, dir) || '.'),
      keyring: keyring?.file ?? null,
      ...(Object.keys(filters).length > 0 ? { filters } : {}),
      ...(me ? { roles: me.roles } : {}),
      records: rows.filter(rowFilter(options, me)),
    };
  } finally {
    // Not awaited: terminating takes a while, and nothing depends on it.
    void workers?.close();
  }
}

/** Read and check `files`: on the worker threads when there are some, else here. */
async function readRows(
  files: readonly string[],
  rels: readonly string[],
  rowCtx: RowContext & { readonly cache: FileSignatureCache | undefined },
  workers: StatusPool | undefined,
  settledMs: number | undefined,
): Promise<ReadRow[]> {
  if (workers && files.length > 0) {
    try {
      // This thread reads a share too, checking signatures here (as the workers do) rather than
      // on libuv's threads, which would compete with the workers for the cores.
      const here: RowContext = { ...rowCtx, sync: true };
      const done = await workers.run(
        files,
        rels,
        {
          keys: rowCtx.keys,
          policy: rowCtx.policy,
          cache: rowCtx.cache?.list(),
          ...(settledMs !== undefined ? { settledMs } : {}),
        },
        (f, rel) => readRow(f, rel, here, settledMs),
      );
      rowCtx.cache?.addEntries(done.added);
      return done.rows;
    } catch {
      // A worker could not start or failed: check every record here instead.
    }
  }
  return pool(files, POOL, (f, i) => readRow(f, rels[i]!, rowCtx, settledMs));
}

/** The roles (and keyring name) of the user's own key: `user.key` in the config, else their only key. */
async function myRoles(
  config: ResolvedConfig,
  trusted: readonly TrustedKey[] | undefined,
  ctx: Context,
): Promise<{ roles: string[]; name?: string }> {
  if (!trusted)
    throw new UserError('--needs me: no keyring to find your role in', {
      code: 'USAGE',
      hint: 'Give --keyring FILE, or name the role: --needs editor (or lawyer, reporter).',
    });
  const { keysDir, listKeys } = await import('../adapters/keys.js');
  const mine = await listKeys(keysDir(ctx.env));
  const want = config.config.user.key;
  const candidates = want
    ? mine.filter((k) => k.name === want || k.keyid.startsWith(want.toLowerCase()))
    : mine.length === 1
      ? mine
      : [];
  const entries = trusted.filter((t) => candidates.some((c) => c.keyid === t.keyid));
  if (entries.length === 0)
    throw new UserError(
      `--needs me: ${candidates.length === 0 ? (mine.length === 0 ? 'you have no key' : 'which of your keys is yours? set "user": {"key": …} in prepub.config.json') : 'your key is not in the keyring'}`,
      { code: 'USAGE', hint: 'Name the role instead: --needs editor (or lawyer, reporter).' },
    );
  return { roles: [...new Set(entries.map((e) => e.role))], name: entries[0]!.name };
}

const same = (a: string | undefined, b: string) =>
  (a ?? '').trim().toLowerCase() === b.trim().toLowerCase();

/** The rows the filters keep. "Needs" a reporter: their drafts and returned records; an editor
 * or lawyer: filed records still waiting for that role's approval. */
function rowFilter(
  options: z.infer<typeof StatusOptions>,
  me: { roles: string[]; name?: string } | undefined,
): (row: StatusRow) => boolean {
  const since = options.since !== undefined ? Date.parse(options.since) : undefined;
  const roles = options.needs === 'me' ? (me?.roles ?? []) : options.needs ? [options.needs] : [];
  const needs = (row: StatusRow) =>
    roles.some((role) =>
      role === 'reporter'
        ? (row.status === 'draft' || row.status === 'returned') &&
          (me?.name === undefined || same(row.reporter, me.name))
        : row.status === 'filed' && (row.waitingFor ?? []).includes(role),
    );
  return (row) =>
    (options.status === undefined || row.status === options.status) &&
    (options.desk === undefined || same(row.desk, options.desk)) &&
    (options.reporter === undefined || same(row.reporter, options.reporter)) &&
    (since === undefined || (row.lastChange !== null && Date.parse(row.lastChange) >= since)) &&
    (options.needs === undefined || needs(row));
}

export async function execute(
  args: readonly unknown[],
  options: Record<string, unknown>,
  ctx: Context,
): Promise<number> {
  const parsed = parseOptions(
    StatusOptions,
    { ...options, ...(typeof args[0] === 'string' ? { dir: args[0] } : {}) },
    { dir: '[dir]' },
  );
  const result = await runStatus(parsed, ctx);
  if (parsed.format === 'json') ctx.stdout(toJson(result));
  else ctx.stdout(renderStatus(result.records, result.keyring !== null, result.filters));
  return 0;
}
