// The rows of the last `prepub status` of a folder, for `prepub status` only (never `verify`):
// a record whose file (and article beside it) has the stamp it had then is not read again. The
// rows hold for one keyring and policy and one prepub version, and until the first key expiry
// that was still ahead then. Stored 0600 in the user's cache folder, one file per records folder.
import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { sha256Hex } from '../core/hash.js';
import { toJson } from '../core/parse/json-strict.js';
import type { Policy } from '../core/config/schema.js';
import type { StatusRow } from '../core/signing/status-row.js';
import type { TrustedKey } from '../core/signing/verify.js';
import { cacheDir } from './cache.js';
import { writeAtomic } from './files.js';
import { PACKAGE_VERSION } from './package.js';
import { articleBeside, stampOf, type ReadRow } from './status-read.js';

const FORMAT = 'prepub/status-rows@1';
/** More records than this in one folder are not cached (the file would cost more than it saves). */
const MAX_ENTRIES = 100_000;

// In the order a fresh row has its fields (core/signing/status-row.ts): the parsed row comes out in
// this order, so that `status --format json` prints a cached row as it printed it fresh.
const Row = z.strictObject({
  slug: z.string(),
  headline: z.string(),
  reporter: z.string(),
  desk: z.string().optional(),
  openQueries: z.number().int().min(0).optional(),
  waitingFor: z.array(z.string()).optional(),
  status: z.string(),
  risk: z.string(),
  lastChange: z.string().nullable(),
  article: z.strictObject({ path: z.string(), sha256: z.string() }).nullable().optional(),
  valid: z.boolean().nullable(),
  problems: z.array(z.string()),
  stale: z.boolean().optional(),
  unbound: z.boolean().optional(),
});
// Every field of a row but its path (which depends on where status is run from): a field added to
// StatusRow and not here fails to compile, rather than being dropped from cached rows.
type Missing = Exclude<keyof Omit<StatusRow, 'path'>, keyof z.infer<typeof Row>>;
const rowFieldsCovered: [Missing] extends [never] ? true : Missing = true;
void rowFieldsCovered;

const Entry = z.strictObject({
  stamp: z.string(),
  row: Row,
  article: z.strictObject({ stamp: z.string(), sha256: z.string() }).optional(),
});
const CacheFile = z.strictObject({
  format: z.literal(FORMAT),
  /** What the rows depend on besides the files: keys, policy, prepub's version. */
  identity: z.string(),
  /** ISO time: the rows hold until then (a key expires). */
  until: z.string().nullable(),
  entries: z.record(z.string(), Entry),
});
type Entry = z.infer<typeof Entry>;

/** The identity of a run's rules: the rows are only good for the same keys and policy. */
export function rowIdentity(keys: readonly TrustedKey[] | undefined, policy: Policy): string {
  const described = (keys ?? []).map((k) => ({
    keyid: k.keyid,
    name: k.name,
    role: k.role,
    expires: k.expires ?? null,
    revoked: k.revoked ?? null,
  }));
  return sha256Hex(toJson({ version: PACKAGE_VERSION, keys: keys ? described : null, policy }));
}

/** The first expiry still ahead of `now`: cached rows stop holding then. */
function firstExpiry(keys: readonly TrustedKey[] | undefined, now: Date): string | null {
  const ahead = (keys ?? [])
    .map((k) => k.expires)
    .filter((e): e is string => e !== undefined && Date.parse(e) > now.getTime())
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  return ahead[0] ?? null;
}

export class StatusRowCache {
  private readonly fresh = new Map<string, Entry>();
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly identity: string,
    private readonly until: string | null,
    private readonly old: Readonly<Record<string, Entry>>,
  ) {}

  /** The cache for `dir` under `identity`; empty when there is none, or it is for other rules. */
  static async open(
    env: NodeJS.ProcessEnv,
    dir: string,
    keys: readonly TrustedKey[] | undefined,
    policy: Policy,
    now = new Date(),
  ): Promise<StatusRowCache> {
    const file = statusCacheFile(env, dir);
    const identity = rowIdentity(keys, policy);
    const until = firstExpiry(keys, now);
    let old: Record<string, Entry> = {};
    try {
      // Plain JSON.parse: this is prepub's own cache in the user's 0600 folder, not a file anyone
      // signs or edits (the strict reader's duplicate-key pass would cost a fifth of a warm run).
      const parsed = CacheFile.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
      if (
        parsed.success &&
        parsed.data.identity === identity &&
        (parsed.data.until === null || Date.parse(parsed.data.until) > now.getTime())
      )
        old = parsed.data.entries;
    } catch {
      // No cache yet, or an unreadable one: every record is read.
    }
    return new StatusRowCache(file, identity, until, old);
  }

  /** The row of `file` (shown as `rel`) when neither it nor its article changed since it was cached. */
  lookup(file: string, rel: string): StatusRow | undefined {
    const entry = Object.hasOwn(this.old, file) ? this.old[file] : undefined;
    if (!entry) return undefined;
    try {
      if (stampOf(statSync(file)) !== entry.stamp) return undefined;
      const row: StatusRow = { path: rel, ...entry.row };
      const article = articleBeside(file, row);
      if (article !== undefined) {
        let now: string | undefined;
        try {
          now = stampOf(statSync(article));
        } catch {
          now = undefined;
        }
        // Cached with the article there: it must be the same file still. Cached without it (it was
        // missing or unreadable): it must still be absent to be judged the same way.
        if (entry.article ? now !== entry.article.stamp : now !== undefined) return undefined;
      }
      this.keep(file, entry);
      return row;
    } catch {
      return undefined;
    }
  }

  /** Remember a row just read, under the stamps it was read with. */
  add(file: string, read: ReadRow): void {
    if (read.stamp === undefined) return;
    const { path: _path, waitingFor, ...row } = read.row;
    void _path;
    this.keep(file, {
      stamp: read.stamp,
      row: {
        ...row,
        problems: [...row.problems],
        ...(waitingFor ? { waitingFor: [...waitingFor] } : {}),
      },
      ...(read.article ? { article: read.article } : {}),
    });
    this.changed = true;
  }

  private keep(file: string, entry: Entry): void {
    if (this.fresh.size < MAX_ENTRIES) this.fresh.set(file, entry);
  }

  /** Write it back when it changed (records added, changed or gone). Failures are ignored. */
  async save(): Promise<void> {
    if (!this.changed && this.fresh.size === Object.keys(this.old).length) return;
    try {
      await fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
      await writeAtomic(
        this.file,
        JSON.stringify({
          format: FORMAT,
          identity: this.identity,
          until: this.until,
          entries: Object.fromEntries(this.fresh),
        }),
        0o600,
      );
    } catch {
      // A read-only home folder only makes the next run slower.
    }
  }
}

export function statusCacheFile(env: NodeJS.ProcessEnv, dir: string): string {
  return path.join(cacheDir(env), 'status', `${sha256Hex(path.resolve(dir)).slice(0, 24)}.json`);
}
