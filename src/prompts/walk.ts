// The reporter's prompts: story details, each question, the review screen, filing.
import { confirm, input, select, Separator } from '@inquirer/prompts';
import { notePrompt, type Located } from '../checklist/engine.js';
import { choicesOf, type Pack } from '../checklist/schema.js';
import type { Story } from '../record/schema.js';
import type { AskContext } from '../record/walk.js';
import type { Theme } from '../render/theme.js';
import { guard, promptContext } from './prompt.js';

const required = (what: string) => (v: string) => (v.trim() === '' ? `${what} is required` : true);

export const STORY_FIELDS = ['slug', 'headline', 'desk', 'reporter'] as const;
const STORY_LABELS: Record<(typeof STORY_FIELDS)[number], string> = {
  slug: 'Slug (short name for the story)',
  headline: 'Headline',
  desk: 'Desk',
  reporter: 'Your name (reporter)',
};

export async function askStory(
  defaults: Partial<Story>,
  missing: readonly (keyof Story)[],
): Promise<Partial<Story>> {
  const out: Partial<Story> = {};
  for (const field of STORY_FIELDS) {
    if (!missing.includes(field)) continue;
    out[field] = (
      await guard(
        input(
          {
            message: STORY_LABELS[field],
            default: defaults[field],
            validate: required(STORY_LABELS[field]),
          },
          promptContext,
        ),
      )
    ).trim();
  }
  return out;
}

export async function askAnswer(
  located: Located,
  ask: AskContext,
): Promise<{ value: string; note?: string }> {
  const q = located.question;
  let value: string;
  if (q.type === 'text') {
    value = await guard(
      input(
        {
          message: 'Your answer',
          default: ask.previous?.value,
          validate: q.required ? required('An answer') : () => true,
        },
        promptContext,
      ),
    );
  } else {
    const choices = choicesOf(q).map((c) => ({ value: c.value, name: c.label }));
    value = await guard(
      select({ message: 'Your answer', choices, default: ask.previous?.value }, promptContext),
    );
  }
  const prompt = notePrompt(q, value, ask.findings);
  if (prompt === undefined) return { value };
  const note = await guard(
    input(
      {
        message: prompt,
        default: ask.previous?.value === value ? ask.previous.note : undefined,
        validate: required('A note'),
      },
      promptContext,
    ),
  );
  return { value, note: note.trim() };
}

export interface ReviewItem {
  readonly id: string;
  readonly line: string;
}

/** The review screen: pick an answer to change, or continue. */
export async function pickAnswerToChange(
  items: readonly ReviewItem[],
  theme: Theme,
): Promise<string | undefined> {
  const choice = await guard(
    select(
      {
        message: 'Review your answers. Pick one to change, or continue.',
        choices: [
          { value: '', name: theme.strong('Continue: these answers are right') },
          new Separator(),
          ...items.map((i) => ({ value: i.id, name: i.line })),
        ],
        pageSize: 20,
        loop: false,
      },
      promptContext,
    ),
  );
  return choice === '' ? undefined : choice;
}

export async function confirmFile(): Promise<boolean> {
  return guard(
    confirm({ message: 'Sign and file the record now?', default: false }, promptContext),
  );
}

export function packTitle(pack: Pack): string {
  return `${pack.title} (${pack.id} ${pack.version})`;
}
