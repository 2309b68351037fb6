// What `prepub check` says around the walk: what changed under a continued record, what is still
// to answer, and where the record stands at the end.
import type { PendingItem, ResumeChanges } from '../core/record/check-plan.js';
import type { Theme } from './theme.js';
import { safeLine } from './text.js';

export function resumeWarnings(changes: ResumeChanges, t: Theme): string {
  let out = '';
  if (changes.article) {
    const { from, to } = changes.article;
    out += t.warn(
      `The article has changed since this record was last saved (SHA-256 ${from?.slice(0, 12) ?? 'none'}… → ${to.slice(0, 12)}…). It has been scanned again; questions the new findings raise will be asked.\n`,
    );
  }
  if (changes.checklist) {
    out += t.warn(
      `The checklist has changed since this record was started (${safeLine(changes.checklist.from)} → ${changes.checklist.to}).\n`,
    );
  }
  return out;
}

/** The lines under a "still to answer" error: the refused answers, then each pending item. */
export function pendingLines(items: readonly PendingItem[], refused: readonly string[]): string[] {
  return [
    ...refused,
    ...items.map(
      (p) =>
        `${p.id}  ${p.type}${p.choices.length ? ` (${p.choices.join(' | ')})` : ''}  ${p.ask.replace(/\s+/g, ' ')}`,
    ),
  ];
}

export function pendingMessage(items: number, refused: number, record: string | undefined): string {
  const refusedText = refused > 0 ? `${refused} answer${refused === 1 ? '' : 's'} refused; ` : '';
  return `${refusedText}${items} question${items === 1 ? '' : 's'} still to answer${record ? `; draft saved to ${record}` : ''}`;
}

/** Where the record stands after a complete check, and the next step. */
export function checkDone(args: {
  readonly shown: string;
  readonly status: string;
  readonly answers: number;
  readonly filed: boolean;
  readonly fileable: boolean;
  readonly changed: boolean;
}): string {
  const { shown, status } = args;
  if (args.filed)
    return `\nRecord ${shown} is filed. Next: the desk editor runs prepub review ${shown}\n`;
  if (!args.fileable)
    return `\nRecord ${shown} is ${status}${args.changed ? '' : '; nothing changed'}. Check it with: prepub verify ${shown}\n`;
  return `\nRecord saved to ${shown} (${args.answers} answers; status: ${status}). It stays a draft until you file it.\nNext: prepub file ${shown}\n`;
}
