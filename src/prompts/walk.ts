// The reporter's prompts: story details, each question and its note, the review screen, filing.
// Ctrl-C in any of them is Cancelled; `check` then saves the draft and says how to resume.
import { confirm, input, select, Separator } from '@inquirer/prompts';
import { notePrompt, type Located } from '../core/checklist/engine.js';
import { choicesOf } from '../core/checklist/schema.js';
import {
  SLUG,
  SLUG_RULE,
  STORY_FIELDS,
  type Story,
  type StoryField,
} from '../core/record/schema.js';
import type { AskContext } from '../core/record/walk.js';
import { safeLine } from '../render/text.js';
import type { Theme } from '../render/theme.js';
import { ask, context, type PromptIO } from './prompt.js';

// Inquirer writes to the terminal itself, so everything it shows that came from a file (a pack's
// labels, a record's answers and notes, the article's first line) is made safe here first. A
// default offered for editing is made safe too: accepting it keeps the visible form.
const safeDefault = (v: string | undefined) => (v === undefined ? undefined : safeLine(v));

const INTERRUPTED = 'Interrupted.';

const required = (what: string) => (v: string) => (v.trim() === '' ? `${what} is required` : true);

const STORY_LABELS: Record<StoryField, string> = {
  slug: 'Slug (short name for the story)',
  headline: 'Headline',
  desk: 'Desk',
  reporter: 'Your name (reporter)',
};

function storyCheck(field: keyof Story, label: string) {
  return (v: string): string | true => {
    const ok = required(label)(v);
    if (ok !== true || field !== 'slug') return ok;
    return SLUG.test(v.trim()) || `A slug uses ${SLUG_RULE}`;
  };
}

export async function askStory(
  defaults: Partial<Story>,
  missing: readonly (keyof Story)[],
  io?: PromptIO,
  desks: readonly string[] = [],
): Promise<Partial<Story>> {
  const out: Partial<Story> = {};
  for (const field of STORY_FIELDS) {
    if (!missing.includes(field)) continue;
    const label =
      field === 'desk' && desks.length > 0
        ? `${STORY_LABELS.desk} (${desks.map(safeLine).join(', ')})`
        : STORY_LABELS[field];
    const value = await ask(
      () =>
        input(
          {
            message: label,
            // The Desk prompt always offers one: the user's, else the config's first, else news.
            default: safeDefault(
              field === 'desk' ? (defaults.desk ?? desks[0] ?? 'news') : defaults[field],
            ),
            validate: storyCheck(field, label),
          },
          context(io),
        ),
      INTERRUPTED,
    );
    out[field] = value.trim();
  }
  return out;
}

/** One question: the answer, then the note when the answer (or a finding) needs one. */
export async function askAnswer(
  located: Located,
  given: Pick<AskContext, 'previous' | 'findings'>,
  io?: PromptIO,
): Promise<{ value: string; note?: string }> {
  const q = located.question;
  const previous = given.previous;
  const value =
    q.type === 'text'
      ? await ask(
          () =>
            input(
              {
                message: 'Your answer',
                default: safeDefault(previous?.value),
                validate: q.required ? required('An answer') : () => true,
              },
              context(io),
            ),
          INTERRUPTED,
        )
      : await ask(
          () =>
            select(
              {
                message: 'Your answer',
                choices: choicesOf(q).map((c) => ({ value: c.value, name: safeLine(c.label) })),
                default: previous?.value,
              },
              context(io),
            ),
          INTERRUPTED,
        );
  const prompt = notePrompt(q, value, given.findings);
  if (prompt === undefined) return { value };
  return {
    value,
    note: await askNote(prompt, previous?.value === value ? previous.note : undefined, io),
  };
}

/** A note: the mitigation, or why a finding is not a problem. Never empty. */
export async function askNote(
  message: string,
  previous: string | undefined,
  io?: PromptIO,
): Promise<string> {
  const note = await ask(
    () =>
      input(
        {
          message: safeLine(message),
          default: safeDefault(previous),
          validate: required('A note'),
        },
        context(io),
      ),
    INTERRUPTED,
  );
  return note.trim();
}

export interface ReviewItem {
  readonly id: string;
  readonly line: string;
}

/** The review screen: pick an answer to change, or continue (undefined). */
export async function pickAnswerToChange(
  items: readonly ReviewItem[],
  theme: Theme,
  io?: PromptIO,
): Promise<string | undefined> {
  const choice = await ask(
    () =>
      select(
        {
          message: 'Review your answers. Pick one to change, or continue.',
          choices: [
            { value: '', name: theme.strong('Continue: these answers are right') },
            new Separator(),
            ...items.map((i) => ({ value: i.id, name: safeLine(i.line) })),
          ],
          pageSize: 20,
          loop: false,
        },
        context(io),
      ),
    INTERRUPTED,
  );
  return choice === '' ? undefined : choice;
}

export function confirmFile(io?: PromptIO): Promise<boolean> {
  return ask(
    () => confirm({ message: 'Sign and file the record now?', default: false }, context(io)),
    INTERRUPTED,
  );
}
