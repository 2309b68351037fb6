// `prepub check --resume` on a returned record opens with the desk's queries: each with its item
// and the lines of the article it is about. The reporter answers each — changes the answer, edits
// the copy (the rescan shows it), or replies with a note — in the terminal or with `--replies FILE`.
// The replies go into the record, so the next filing signs them.
import path from 'node:path';
import { z } from 'zod';
import type { Context } from '../../context.js';
import { formatDiagnostic, type Diagnostic } from '../../diagnostics.js';
import { UserError } from '../../errors.js';
import { readText } from '../../adapters/files.js';
import { readCopy } from '../../adapters/article-copy.js';
import { articleBesideRecord } from '../../adapters/gate.js';
import { diagnosticAt, parseWithSchema } from '../../core/parse/structured.js';
import { findQuestion } from '../../core/checklist/engine.js';
import type { Pack } from '../../core/checklist/schema.js';
import { applyAnswer } from '../../core/record/build.js';
import { copyLines, itemLines } from '../../core/record/copy-lines.js';
import { itemTitle } from '../../core/record/item-title.js';
import type { RecordFile, Reply } from '../../core/record/schema.js';
import { openQueries, type Thread } from '../../core/signing/conversation.js';
import { renderCopy, renderThread } from '../../render/signoff.js';
import type { Theme } from '../../render/theme.js';
import { safeLine } from '../../render/text.js';

/** A --replies file: one reply per queried item, by the item id `check` shows. */
export const RepliesFile = z.strictObject({
  $schema: z.string().optional(),
  replies: z.array(
    z.strictObject({
      item: z.string().min(1),
      reply: z.string().trim().min(1, 'a reply needs some words'),
    }),
  ),
});

export interface QueriesInput {
  readonly record: RecordFile;
  /** The record's path: absolute, and as shown to the user. */
  readonly file: string;
  readonly shown: string;
  readonly pack: Pack;
  readonly replies: string | undefined;
  readonly interactive: boolean;
  readonly verbose?: boolean;
  readonly theme: Theme;
  readonly ctx: Context;
  readonly by: string;
  readonly now: () => string;
  readonly save: (r: RecordFile) => Promise<RecordFile>;
}

function withReplies(record: RecordFile, replies: readonly Reply[]): RecordFile {
  if (replies.length === 0) return record;
  const kept = (record.record.replies ?? []).filter(
    (old) => !replies.some((r) => r.item === old.item && r.envelope === old.envelope),
  );
  return { ...record, record: { ...record.record, replies: [...kept, ...replies] } };
}

async function readRepliesFile(
  file: string,
  shown: string,
  open: readonly Thread[],
): Promise<Map<string, string>> {
  const loaded = parseWithSchema(shown, await readText(file, 'replies file'), RepliesFile);
  const errors: Diagnostic[] = [...loaded.errors];
  const out = new Map<string, string>();
  if (loaded.value && loaded.parsed) {
    loaded.value.replies.forEach((r, i) => {
      if (!open.some((t) => t.query.item === r.item))
        errors.push(
          diagnosticAt(
            loaded.parsed!,
            ['replies', i, 'item'],
            `"${r.item}" is not an open query on this record${open.length ? ` (open: ${[...new Set(open.map((t) => t.query.item))].join(', ')})` : ' (it has none)'}`,
          ),
        );
      else if (out.has(r.item))
        errors.push(
          diagnosticAt(loaded.parsed!, ['replies', i, 'item'], `"${r.item}" is answered twice`),
        );
      else out.set(r.item, r.reply.trim());
    });
  }
  if (errors.length > 0)
    throw new UserError(`${shown}: invalid replies file`, {
      code: 'INPUT_INVALID',
      lines: errors.map(formatDiagnostic),
    });
  return out;
}

/** Show the open queries (stderr) and take the reporter's replies; returns the record saved. */
export async function answerQueries(input: QueriesInput): Promise<RecordFile> {
  const { ctx, pack } = input;
  let record = input.record;
  const open = openQueries(record);
  if (open.length === 0) {
    if (input.replies)
      throw new UserError(`--replies ${input.replies}: ${input.shown} has no open queries`, {
        code: 'USAGE',
      });
    return record;
  }
  const say = (s: string) => ctx.stderr(s);
  const fromFile = input.replies
    ? await readRepliesFile(path.resolve(ctx.cwd, input.replies), input.replies, open)
    : undefined;
  const text = await readCopy(articleBesideRecord(input.file, record, ctx.cwd), ctx);
  const ask = (id: string) => findQuestion(pack, id)?.question.ask;
  const n = open.length;
  say(
    `\n${input.theme.heading(`The desk queried ${n} item${n === 1 ? '' : 's'}`)} (answer each: change the answer, edit the copy, or reply)\n\n`,
  );
  const show = (t: Thread, i: number, r: RecordFile) => {
    const title = itemTitle(r.record, t.query.item, ask);
    const id = input.verbose ? ` [${t.query.item}]` : '';
    const lines = itemLines(r.record, t.query.item, [t.query.comment]);
    const copy = text !== undefined ? copyLines(text, lines) : [];
    say(
      `[${i + 1}/${n}] ${safeLine(title)}${safeLine(id)}\n` +
        renderThread(t) +
        (copy.length > 0 ? `  the copy now:\n${renderCopy(copy)}` : '') +
        '\n',
    );
  };
  const added: Reply[] = [];
  for (const [i, t] of open.entries()) {
    show(t, i, record);
    const reply = fromFile?.get(t.query.item);
    if (reply !== undefined) {
      added.push({
        item: t.query.item,
        envelope: t.query.envelope,
        reply,
        by: input.by,
        at: input.now(),
      });
      continue;
    }
    if (!input.interactive || fromFile) continue;
    const prompts = await import('../../prompts/queries.js');
    const located = findQuestion(pack, t.query.item);
    const action = await prompts.askQueryAction(
      `Query ${i + 1} of ${n}: reply, change the answer, or later?`,
      located !== undefined,
    );
    if (action === 'later') continue;
    let fallback = t.reply?.reply;
    if (action === 'change' && located) {
      const { askAgain } = await import('../../prompts/review.js');
      const given = await askAgain(pack, record, located.question.id, input.theme, say);
      record = await input.save(
        applyAnswer(record, pack, located.question.id, given, input.by, input.now()).record,
      );
      fallback ??= 'Changed the answer.';
    }
    const text2 = await prompts.askReply(fallback);
    const r: Reply = {
      item: t.query.item,
      envelope: t.query.envelope,
      reply: text2,
      by: input.by,
      at: input.now(),
    };
    record = await input.save(withReplies(record, [r]));
  }
  if (added.length > 0) record = await input.save(withReplies(record, added));
  const still = openQueries(record).filter((t) => t.reply === null).length;
  if (still > 0)
    say(
      `${still} quer${still === 1 ? 'y' : 'ies'} still without a reply: reply in a terminal (prepub check --resume ${input.shown}) or with --replies FILE (item: reply). The record cannot be filed until each has one.\n\n`,
    );
  return record;
}
