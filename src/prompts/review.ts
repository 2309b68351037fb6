// The review screen at the end of a walk: every answer, in pack order, as the engine labels it;
// pick one to change (then answer it again), or continue.
import {
  answerLabel,
  findQuestion,
  type GivenAnswer,
  itemKey,
  itemLabel,
  type Located,
  maxItems,
  progressOf,
} from '../core/checklist/engine.js';
import type { Pack } from '../core/checklist/schema.js';
import type { RecordFile } from '../core/record/schema.js';
import { questionBlock } from '../render/walk.js';
import type { Theme } from '../render/theme.js';
import type { PromptIO } from './prompt.js';
import { askAnswer, askItemCount, pickAnswerToChange, type ReviewItem } from './walk.js';

const shorten = (s: string) => (s.length > 70 ? `${s.slice(0, 69)}…` : s);

/** One line per answer given, in pack order: "Section: question → answer" ("Proceeding 2: …"). */
export function reviewItems(pack: Pack, record: RecordFile): ReviewItem[] {
  const answers = record.record.answers;
  const line = (title: string, l: Located) => {
    const a = answers[l.key];
    if (a === undefined) return [];
    const item = itemLabel(l);
    const ask = item ? `${item}: ${l.question.ask}` : l.question.ask;
    return [{ id: l.key, line: `${title}: ${shorten(ask)} → ${answerLabel(l.question, a.value)}` }];
  };
  return pack.sections.flatMap((s) =>
    s.questions.flatMap((q) => {
      const here = line(s.title, { question: q, section: s.id, key: q.id });
      if (q.type !== 'repeat') return here;
      const items = Array.from({ length: maxItems(q) }, (_, i) =>
        (q.questions ?? []).flatMap((c) =>
          line(s.title, {
            question: c,
            section: s.id,
            key: itemKey(c.id, i + 1),
            group: { question: q, n: i + 1 },
          }),
        ),
      ).flat();
      return [...items, ...here];
    }),
  );
}

/** The review screen: the answer to change, or undefined to continue. */
export function reviewScreen(
  pack: Pack,
  record: RecordFile,
  theme: Theme,
  io?: PromptIO,
): Promise<string | undefined> {
  return pickAnswerToChange(reviewItems(pack, record), theme, io);
}

/** Ask a picked question again, its block shown first (`say`), the earlier answer offered. */
export async function askAgain(
  pack: Pack,
  record: RecordFile,
  id: string,
  theme: Theme,
  say: (s: string) => void,
  io?: PromptIO,
): Promise<GivenAnswer> {
  const located = findQuestion(pack, id)!;
  const state = { answers: record.record.answers, findings: record.record.findings };
  const progress = {
    section: pack.sections.findIndex((s) => s.id === located.section) + 1,
    sections: pack.sections.length,
    question: 1,
    ...progressOf(pack, state),
  };
  say(questionBlock(located, progress, [], undefined, theme));
  if (located.question.type === 'repeat') return askItemCount(located.question, record, io);
  return askAnswer(
    located,
    { previous: record.record.answers[id], findings: record.record.findings },
    io,
  );
}
