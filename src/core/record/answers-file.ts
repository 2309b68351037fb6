// The answers file (--answers): YAML or JSON, question id → value, or {value, note}; a checkbox
// question takes a list; a repeat group takes a list of items (each: question id → answer) or its
// questions as flat `id#n` keys; the story as a `story:` block or `story.slug:` keys (every id the
// pending list names is a key here). Validated with positions, then checked against the pack.
import { z } from 'zod';
import {
  checkAnswer,
  checkboxProblem,
  findQuestion,
  groupOf,
  itemKey,
  maxItems,
  parseKey,
  type FindingRef,
  type GivenAnswer,
} from '../checklist/engine.js';
import { own } from '../checklist/own.js';
import type { Pack, Question } from '../checklist/schema.js';
import type { Diagnostic } from '../../diagnostics.js';
import { diagnosticAt, parseWithSchema, type ParsedDoc } from '../parse/structured.js';
import { STORY_FIELDS, type StoryField } from './schema.js';

const Scalar = z.union([z.string(), z.boolean()], {
  error: 'must be an answer (text), or {value, note}',
});
const List = z.array(z.string(), { error: 'a checkbox answer is a list of options' });
const Value = z.union([Scalar, List], {
  error: 'must be an answer (text), a list of options (checkbox), or {value, note}',
});
const Answer = z.union([Value, z.strictObject({ value: Value, note: z.string().optional() })], {
  error: 'must be an answer, a list of options, or an object {value, note}',
});
/** A repeat group: its items (each, question id → answer), or the number of items. */
const Items = z.array(z.record(z.string(), Answer), {
  error: 'a repeat group takes a list of items, each "question id: answer"',
});
const Entry = z.union([Answer, Items, z.number().int()], {
  error: 'must be an answer, a list of options, {value, note}, or (a repeat group) a list of items',
});

const StoryBlock = z.strictObject({
  slug: z.string().min(1).optional(),
  headline: z.string().min(1).optional(),
  desk: z.string().min(1).optional(),
  reporter: z.string().min(1).optional(),
});

export const AnswersFile = z
  .object({
    story: StoryBlock.optional(),
    'story.slug': z.string().min(1).optional(),
    'story.headline': z.string().min(1).optional(),
    'story.desk': z.string().min(1).optional(),
    'story.reporter': z.string().min(1).optional(),
  })
  .catchall(Entry);
export type AnswersFile = z.infer<typeof AnswersFile>;

export interface ParsedAnswers {
  readonly story: z.infer<typeof StoryBlock>;
  /** By answer key: question id, or `id#n` for item n of a repeat group (the group: its count). */
  readonly answers: ReadonlyMap<string, GivenAnswer>;
  /** Problems that don't depend on the walk: unknown ids, values a question doesn't offer. */
  readonly errors: readonly Diagnostic[];
  /** Check one answer in the context of the walk (notes required by findings), with its position. */
  problemWith(
    id: string,
    answer: GivenAnswer,
    findings: readonly FindingRef[],
  ): Diagnostic | undefined;
}

type Raw = z.infer<typeof Answer>;

function normalise(v: z.infer<typeof Value>): GivenAnswer['value'] {
  if (Array.isArray(v)) return v.map((x) => x.trim());
  return typeof v === 'boolean' ? (v ? 'yes' : 'no') : v.trim();
}

export function parseAnswers(file: string, text: string, pack: Pack): ParsedAnswers {
  // An empty file is an empty set of answers.
  const loaded = parseWithSchema(file, text.trim() === '' ? '{}' : text, AnswersFile);
  if (!loaded.value || !loaded.parsed) {
    return { story: {}, answers: new Map(), errors: loaded.errors, problemWith: () => undefined };
  }
  const parsed: ParsedDoc = loaded.parsed;
  const errors: Diagnostic[] = [];
  const answers = new Map<string, GivenAnswer>();
  /** Where each answer is in the file, for messages. */
  const paths = new Map<string, (string | number)[]>();
  const story: Partial<Record<StoryField, string>> = { ...(loaded.value.story ?? {}) };
  const items = new Map<string, number>();

  const take = (key: string, q: Question, raw: Raw, at: (string | number)[]) => {
    if (answers.has(key)) {
      errors.push(diagnosticAt(parsed, at, `"${key}" is answered twice`));
      return;
    }
    const given: GivenAnswer =
      typeof raw === 'object' && !Array.isArray(raw)
        ? { value: normalise(raw.value), note: raw.note }
        : { value: normalise(raw) };
    const valueAt = typeof raw === 'object' && !Array.isArray(raw) ? [...at, 'value'] : at;
    const problem = valueProblem(key, q, given.value);
    if (problem) {
      const index = problem.index;
      errors.push(
        diagnosticAt(parsed, index === undefined ? valueAt : [...valueAt, index], problem.message),
      );
      return;
    }
    answers.set(key, given);
    paths.set(key, at);
  };

  for (const [key, entry] of Object.entries(loaded.value)) {
    if (key === 'story') continue;
    if (key.startsWith('story.')) {
      const field = key.slice('story.'.length) as StoryField;
      if (!(STORY_FIELDS as readonly string[]).includes(field) || typeof entry !== 'string') {
        errors.push(diagnosticAt(parsed, [], `"${key}" is not a story field`, key));
        continue;
      }
      if (story[field] !== undefined && story[field] !== entry)
        errors.push(
          diagnosticAt(parsed, [key], `"${key}" is given twice (also in the "story" block)`),
        );
      story[field] = entry;
      continue;
    }
    const located = findQuestion(pack, key);
    if (!located) {
      const { id, n } = parseKey(key);
      const group = groupOf(pack, id);
      errors.push(
        diagnosticAt(
          parsed,
          [],
          group && n === undefined
            ? `"${id}" is asked once per ${group.item ?? 'item'} of ${group.id}: write "${itemKey(id, 1)}", or list the items under ${group.id}`
            : group
              ? `"${key}": ${group.id} has at most ${maxItems(group)} items`
              : `"${key}" is not a question of the ${pack.id} checklist`,
          key,
        ),
      );
      continue;
    }
    const q = located.question;
    if (q.type === 'repeat') {
      if (typeof entry === 'number' || typeof entry === 'string') {
        take(key, q, String(entry), [key]);
        continue;
      }
      if (!Array.isArray(entry) || entry.some((x) => typeof x !== 'object' || x === null)) {
        errors.push(
          diagnosticAt(
            parsed,
            [key],
            `${key} is a repeat group: list its items, each "question id: answer", or give the number of items`,
          ),
        );
        continue;
      }
      const list = entry as Record<string, Raw>[];
      if (list.length === 0 || list.length > maxItems(q)) {
        errors.push(diagnosticAt(parsed, [key], `${key} takes from 1 to ${maxItems(q)} items`));
        continue;
      }
      answers.set(key, { value: String(list.length) });
      paths.set(key, [key]);
      list.forEach((item, i) => {
        for (const [childId, raw] of Object.entries(item)) {
          const child = (q.questions ?? []).find((c) => c.id === childId);
          if (!child) {
            errors.push(
              diagnosticAt(
                parsed,
                [key, i],
                `"${childId}" is not a question of the group ${key}`,
                childId,
              ),
            );
            continue;
          }
          take(itemKey(childId, i + 1), child, raw, [key, i, childId]);
        }
      });
      continue;
    }
    if (
      typeof entry === 'number' ||
      (Array.isArray(entry) && entry.some((x) => typeof x !== 'string'))
    ) {
      errors.push(
        diagnosticAt(
          parsed,
          [key],
          `must be an answer, not ${typeof entry === 'number' ? 'a number' : 'a list of items'}`,
        ),
      );
      continue;
    }
    take(key, q, entry as Raw, [key]);
    if (located.group) {
      const g = located.group;
      items.set(g.question.id, Math.max(items.get(g.question.id) ?? 0, g.n));
    }
  }
  // Flat `id#n` keys without the group's own entry: the group has as many items as the highest n.
  for (const [group, n] of items) {
    if (!answers.has(group)) answers.set(group, { value: String(n) });
  }
  return {
    story,
    answers,
    errors,
    problemWith(id, answer, findings) {
      const located = findQuestion(pack, id);
      if (!located) return undefined;
      const problem = checkAnswer(located.question, answer, findings);
      return problem === undefined
        ? undefined
        : diagnosticAt(parsed, paths.get(id) ?? [id], problem);
    },
  };
}

/** A value the question can never take (notes are checked in the walk, where findings are known). */
function valueProblem(
  key: string,
  q: Question,
  value: GivenAnswer['value'],
): { message: string; index?: number } | undefined {
  if (q.type === 'checkbox') {
    const problem = checkboxProblem(q, value);
    if (problem === undefined) return undefined;
    const index = Array.isArray(value) ? value.findIndex((v) => problem.includes(`"${v}"`)) : -1;
    return { message: problem, ...(index >= 0 ? { index } : {}) };
  }
  if (typeof value !== 'string')
    return {
      message: `must be an answer, not a list (a list is for checkbox questions; this is a ${q.type} question)`,
    };
  if (q.type === 'repeat') {
    const problem = checkAnswer(q, { value }, []);
    return problem === undefined ? undefined : { message: problem };
  }
  if (q.type !== 'text' && own(q.answers, value) === undefined)
    return {
      message: `"${value}" is not an answer to ${key} (choose ${Object.keys(q.answers ?? {}).join(', ')})`,
    };
  return undefined;
}
