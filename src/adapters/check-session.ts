// A `prepub check` session on one record: the record's path, its lock (held from the first save
// to the assessment), Ctrl-C (noted, then honoured after the save in progress), and every save
// through `updateRecord` (compare-and-swap against the text this session last read or wrote).
import path from 'node:path';
import { existsSync } from 'node:fs';
import { Cancelled, UserError } from '../errors.js';
import { reopenIfSigned } from '../core/record/lifecycle.js';
import { parseRecord, serializeRecord } from '../core/record/parse.js';
import type { RecordFile } from '../core/record/schema.js';
import { readText, removeStaleTemps } from './files.js';
import { acquireLock, type Lock } from './lock.js';
import { checkOutFile, type OutInput } from './out-file.js';
import { readRecord, updateRecord } from './record-store.js';

/**
 * The draft record already at `recordPath` (a new check that names an existing draft continues
 * it), or undefined when there is none. The record is never written over the draft, the answers,
 * a key, or a file that is not a record; a signed record is never overwritten.
 */
export async function recordToContinue(
  recordPath: string,
  cwd: string,
  inputs: readonly (OutInput | undefined)[],
): Promise<RecordFile | undefined> {
  await checkOutFile(recordPath, { flag: '--out', cwd, force: true, inputs: [...inputs] });
  const file = path.resolve(cwd, recordPath);
  if (!existsSync(file)) return undefined;
  const found = await readRecord(file).catch((error: unknown) => {
    if (
      error instanceof UserError &&
      (error.code === 'RECORD_INVALID' || error.code === 'INPUT_INVALID')
    ) {
      throw new UserError(
        `${recordPath}: already exists and is not a prepub record; it is not overwritten`,
        { code: 'USAGE', lines: error.options.lines, hint: 'Give --out another file name.' },
      );
    }
    throw error;
  });
  if (found.status !== 'draft' || found.attestations.length > 0) {
    throw new UserError(
      `${recordPath} is already ${found.status} and signed; it is not overwritten`,
      {
        code: 'RECORD_SIGNED',
        hint: `To change answers, run prepub check --resume ${recordPath} (the record returns to draft and must be filed again).`,
      },
    );
  }
  return found;
}

const sameBody = (a: RecordFile, b: RecordFile) =>
  JSON.stringify(a.record) === JSON.stringify(b.record);

export class CheckSession {
  /** The record as this session last saved (or was given) it. */
  record: RecordFile | undefined;
  private interrupted = false;
  private readonly onSigint = () => {
    this.interrupted = true;
  };

  private constructor(
    readonly file: string,
    readonly shown: string,
    private readonly lock: Lock,
    /** The record on disk when the session began (undefined: a new record). */
    readonly before: RecordFile | undefined,
    private lastText: string | undefined,
    private readonly by: string,
    private readonly now: () => string,
  ) {
    process.on('SIGINT', this.onSigint);
  }

  /**
   * Lock the record, clear temp files a crash left, note Ctrl-C from now on, and (when a record
   * is continued) read it again under the lock: what is on disk now is what this run continues.
   */
  static async open(args: {
    readonly file: string;
    readonly shown: string;
    readonly continues: boolean;
    readonly by: string;
    readonly now: () => string;
  }): Promise<CheckSession> {
    const lock = await acquireLock(args.file);
    try {
      await removeStaleTemps(args.file);
      let text: string | undefined;
      let before: RecordFile | undefined;
      if (args.continues) {
        text = await readText(args.file, 'record');
        before = parseRecord(args.shown, text);
      }
      return new CheckSession(args.file, args.shown, lock, before, text, args.by, args.now);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** Whether the record differs from the one on disk when the session began. */
  changed(r: RecordFile): boolean {
    return !this.before || !sameBody(r, this.before);
  }

  /**
   * Save, atomically and only when something changed. A change to a signed record returns it to
   * draft (history kept); a record changed on disk by another process is never overwritten.
   */
  async persist(r: RecordFile): Promise<RecordFile> {
    let next = r;
    if (this.before && next.status !== 'draft' && !sameBody(next, this.before))
      next = reopenIfSigned(next, this.by, this.now());
    const text = serializeRecord(next);
    this.record = next;
    if (text === this.lastText) return next;
    await updateRecord(this.file, this.lastText, text, this.shown, 'prepub check', {
      locked: true,
      hint: `Run prepub check --resume ${this.shown} to continue from the record as it is now.`,
    });
    this.lastText = text;
    return next;
  }

  /** Save after an answer; Ctrl-C meanwhile stops the walk once the answer is on disk. */
  async save(r: RecordFile): Promise<void> {
    await this.persist(r);
    this.stopIfInterrupted();
  }

  stopIfInterrupted(): void {
    if (this.interrupted) throw new Cancelled('');
  }

  async releaseLock(): Promise<void> {
    await this.lock.release();
  }

  /** Stop noting Ctrl-C and release the lock; safe to call more than once. */
  async close(): Promise<void> {
    process.off('SIGINT', this.onSigint);
    await this.lock.release();
  }
}
