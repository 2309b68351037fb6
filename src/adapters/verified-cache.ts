// A cache of signatures already checked, for `prepub status` only: the key is the SHA-256 of the
// key id, payload type, the payload's SHA-256 and the signature, so a changed byte anywhere
// misses the cache.
// `prepub verify`, the gate before publication, never uses it. Stored 0600 in the user's cache folder.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { cacheDir } from './cache.js';
import { writeAtomic } from './files.js';
import { toJson } from '../core/parse/json-strict.js';
import { parseJson } from '../core/parse/json-strict.js';
import type { Envelope } from '../core/record/schema.js';
import { signatureCacheKey, type SignatureCache } from '../core/signing/signature-cache.js';

export { signatureCacheKey, type SignatureCache };

const FORMAT = 'prepub/verified-signatures@1';
const MAX_ENTRIES = 200_000;

const CacheFile = z.strictObject({ format: z.literal(FORMAT), entries: z.array(z.string()) });

export class FileSignatureCache implements SignatureCache {
  private readonly entries: Set<string>;
  private dirty = false;

  private constructor(
    readonly file: string,
    entries: readonly string[],
  ) {
    this.entries = new Set(entries);
  }

  static async open(file: string): Promise<FileSignatureCache> {
    let entries: string[] = [];
    try {
      const parsed = CacheFile.safeParse(parseJson(await fs.readFile(file, 'utf8')));
      if (parsed.success) entries = parsed.data.entries;
    } catch {
      // No cache yet, or an unreadable one: start afresh.
    }
    return new FileSignatureCache(file, entries);
  }

  has(keyid: string, envelope: Envelope, payloadSha256: string): boolean {
    return this.entries.has(signatureCacheKey(keyid, envelope, payloadSha256));
  }

  add(keyid: string, envelope: Envelope, payloadSha256: string): void {
    const key = signatureCacheKey(keyid, envelope, payloadSha256);
    if (!this.entries.has(key)) {
      this.entries.add(key);
      this.dirty = true;
    }
  }

  /** Every entry, to hand to worker threads (which look up in a copy). */
  list(): string[] {
    return [...this.entries];
  }

  /** Entries made elsewhere (by `signatureCacheKey`, on a worker thread). */
  addEntries(keys: readonly string[]): void {
    for (const key of keys) {
      if (!this.entries.has(key)) {
        this.entries.add(key);
        this.dirty = true;
      }
    }
  }

  /** Write it back if anything was added, keeping the newest entries. Failures are ignored: it is a cache. */
  async save(): Promise<void> {
    if (!this.dirty) return;
    const entries = [...this.entries].slice(-MAX_ENTRIES);
    try {
      await fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
      await writeAtomic(this.file, toJson({ format: FORMAT, entries }), 0o600);
    } catch {
      // A read-only home folder only makes the next run slower.
    }
  }
}

export function signatureCacheFile(env: NodeJS.ProcessEnv): string {
  return path.join(cacheDir(env), 'verified-signatures.json');
}
