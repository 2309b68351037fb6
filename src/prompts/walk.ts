// The reporter's prompts: story details, each question and its note, the review screen, filing.
// Ctrl-C in any of them is Cancelled; `check` then saves the draft and says how to resume.
import { checkbox, confirm, input, select, Separator } from '@inquirer/prompts';
import {
  maxItems,
  notePrompt,
  suggestions,
  type FindingRef,
  type GivenAnswer,
  type Located,
} from '../core/checklist/engine.js';
import { choicesOf, NONE, type Question, UNSURE_PREFIX } from '../core/checklist/schema.js';
import {
  SLUG,
  SLUG_RULE,
  STORY_FIELDS,
  type Story,
  type StoryField,
} from '../core/record/schema.js';
import { ANOTHER, type AskContext } from '../core/record/walk.js';
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

/** A finding as the prompts show it: where it is, when the scan says. */
type Evidence = FindingRef & { readonly line?: number; readonly excerpt?: string };

/** One question: the answer, then the note when the answer (or a finding) needs one. */
export async function askAnswer(
  located: Located,
  given: Pick<AskContext, 'previous' | 'items'> & { readonly findings: readonly Evidence[] },
  io?: PromptIO,
): Promise<GivenAnswer> {
  const q = located.question;
  const previous = given.previous;
  if (q.type === 'repeat') return askAnother(q, given.items ?? 1, io);
  const value =
    q.type === 'checkbox'
      ? await askCheckbox(q, previous?.value, given.findings, io)
      : q.type === 'text'
        ? await ask(
            () =>
              input(
                {
                  message: 'Your answer',
                  default:
                    typeof previous?.value === 'string' ? safeDefault(previous.value) : undefined,
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
                  default: typeof previous?.value === 'string' ? previous.value : undefined,
                },
                context(io),
              ),
            INTERRUPTED,
          );
  const prompt = notePrompt(q, value, given.findings);
  if (prompt === undefined) return { value };
  const same = previous !== undefined && JSON.stringify(previous.value) === JSON.stringify(value);
  return { value, note: await askNote(prompt, same ? previous.note : undefined, io) };
}

const NOT_SURE = '\0not-sure';

/** "Line 4: 'appeared before Leeds magistrates'", for a suggested option. */
function evidenceOf(findings: readonly Evidence[]): string {
  const first = findings[0];
  if (!first) return '';
  const where = first.line !== undefined ? `line ${first.line}` : first.rule;
  const what = first.excerpt !== undefined ? `: "${first.excerpt}"` : '';
  const more = findings.length > 1 ? ` (and ${findings.length - 1} more)` : '';
  return `${where}${what}${more}`;
}

/**
 * A checkbox question: the options, "None of these", and "Not sure about some of these…" (then a
 * second list: which). Options the scan suggests are pre-ticked with their evidence; the reporter
 * confirms or unticks them. Returns the list as the record keeps it.
 */
export async function askCheckbox(
  q: Question,
  previous: GivenAnswer['value'] | undefined,
  findings: readonly Evidence[],
  io?: PromptIO,
): Promise<string[]> {
  const suggested = new Map(suggestions(q, findings).map((s) => [s.value, s.findings]));
  const before = Array.isArray(previous) ? (previous as readonly string[]) : undefined;
  const options = choicesOf(q);
  const picked = await ask(
    () =>
      checkbox(
        {
          message: 'Tick all that apply',
          choices: [
            ...options.map((c) => {
              const evidence = suggested.get(c.value);
              const hint = evidence ? ` (suggested by the scan: ${evidenceOf(evidence)})` : '';
              return {
                value: c.value,
                name: safeLine(`${c.label}${hint}`),
                checked: before
                  ? before.includes(c.value)
                  : evidence !== undefined && c.value !== NONE,
              };
            }),
            new Separator(),
            {
              value: NOT_SURE,
              name: 'Not sure about some of these…',
              checked: before?.some((v) => v.startsWith(UNSURE_PREFIX)) ?? false,
            },
          ],
          pageSize: 20,
          loop: false,
          validate: (choices) => {
            const values = choices.map((c) => c.value);
            if (values.length === 0) return 'Tick at least one option, or "None of these"';
            if (values.includes(NONE) && values.length > 1)
              return '"None of these" cannot be ticked with other options';
            return true;
          },
        },
        context(io),
      ),
    INTERRUPTED,
  );
  const ticked = picked.filter((v) => v !== NOT_SURE);
  if (!picked.includes(NOT_SURE)) return ticked;
  const rest = options.filter((c) => c.value !== NONE && !ticked.includes(c.value));
  if (rest.length === 0) return ticked;
  const unsure = await ask(
    () =>
      checkbox(
        {
          message: 'Which are you not sure about?',
          choices: rest.map((c) => ({
            value: c.value,
            name: safeLine(c.label),
            checked: before?.includes(`${UNSURE_PREFIX}${c.value}`) ?? false,
          })),
          pageSize: 20,
          loop: false,
          validate: (choices) => choices.length > 0 || 'Tick at least one',
        },
        context(io),
      ),
    INTERRUPTED,
  );
  return [...ticked, ...unsure.map((v) => `${UNSURE_PREFIX}${v}`)];
}

/** A repeat group, after each item: "Another proceeding?" (not asked once the group is full). */
export async function askAnother(q: Question, items: number, io?: PromptIO): Promise<GivenAnswer> {
  if (items >= maxItems(q)) return { value: String(items) };
  const more = await ask(
    () =>
      confirm({ message: safeLine(`Another ${q.item ?? 'item'}?`), default: false }, context(io)),
    INTERRUPTED,
  );
  return { value: more ? ANOTHER : String(items) };
}

/** From the review screen: how many items a repeat group has (fewer drops the last ones' answers). */
export async function askItemCount(
  q: Question,
  record: { readonly record: { readonly answers: Readonly<Record<string, GivenAnswer>> } },
  io?: PromptIO,
): Promise<GivenAnswer> {
  const now = record.record.answers[q.id]?.value;
  const n = await ask(
    () =>
      select(
        {
          message: safeLine(`How many ${q.item ?? 'item'}s?`),
          choices: Array.from({ length: maxItems(q) }, (_, i) => ({
            value: String(i + 1),
            name: String(i + 1),
          })),
          default: typeof now === 'string' ? now : undefined,
        },
        context(io),
      ),
    INTERRUPTED,
  );
  return { value: n };
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
