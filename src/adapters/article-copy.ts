// The article's text as its findings count lines (the source of an HTML draft, the paragraphs of
// a .docx), for showing the copy an item is about. Never fails: an article that cannot be read
// shows no copy.
import type { Context } from '../context.js';
import { readDraft } from './read-draft.js';

export async function readCopy(
  file: string | undefined,
  ctx: Context,
): Promise<string | undefined> {
  if (!file) return undefined;
  try {
    const draft = await readDraft(file, { cwd: ctx.cwd });
    return draft.source ?? draft.text;
  } catch {
    return undefined;
  }
}
