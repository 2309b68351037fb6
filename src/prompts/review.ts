// The review screen at the end of a walk: every answer, in pack order, as the engine labels it;
// pick one to change (then answer it again), or continue.
import { answerLabel, findQuestion, type GivenAnswer } from '../core/checklist/engine.js';
import type { Pack } from '../core/checklist/schema.js';
import type { RecordFile } from '../core/record/schema.js';
import { questionBlock } from '../render/walk.js';
import type { Theme } from '../render/theme.js';
import type { PromptIO } from './prompt.js';
import { askAnswer, pickAnswerToChange, type ReviewItem } from './walk.js';

const shorten = (s: string) => (s.length > 70 ? `${s.slice(0, 69)}…` : s);

/** One line per answer given: "Section: question → answer". */
export function reviewItems(pack: Pack, record: RecordFile): ReviewItem[] {
  const answers = record.record.answers;
  return pack.sections.flatMap((s) =>
    s.questions.flatMap((q) => {
      const a = answers[q.id];
      if (a === undefined) return [];
      return [{ id: q.id, line: `${s.title}: ${shorten(q.ask)} → ${answerLabel(q, a.value)}` }];
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
  const progress = {
    section: pack.sections.findIndex((s) => s.id === located.section) + 1,
    sections: pack.sections.length,
    question: 1,
  };
  say(questionBlock(located, progress, [], undefined, theme));
  return askAnswer(
    located,
    { previous: record.record.answers[id], findings: record.record.findings },
    io,
  );
}
