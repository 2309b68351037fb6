// The answers file (--answers): YAML or JSON, question id → value, or {value, note}; an optional
// `story` block. Validated with positions, then checked against the pack question by question.
import { z } from 'zod';
import {
  checkAnswer,
  findQuestion,
  type FindingRef,
  type GivenAnswer,
} from '../checklist/engine.js';
import { own } from '../checklist/own.js';
import type { Pack } from '../checklist/schema.js';
import type { Diagnostic } from '../../diagnostics.js';
import { diagnosticAt, parseWithSchema, type ParsedDoc } from '../parse/structured.js';

const Value = z.union([z.string(), z.boolean()], {
  error: 'must be an answer (text), or {value, note}',
});
const Entry = z.union([Value, z.strictObject({ value: Value, note: z.string().optional() })], {
  error: 'must be an answer, or an object {value, note}',
});

export const AnswersFile = z
  .object({
    story: z
      .strictObject({
        slug: z.string().min(1).optional(),
        headline: z.string().min(1).optional(),
        desk: z.string().min(1).optional(),
        reporter: z.string().min(1).optional(),
      })
      .optional(),
  })
  .catchall(Entry);
export type AnswersFile = z.infer<typeof AnswersFile>;

export interface ParsedAnswers {
  readonly story: NonNullable<AnswersFile['story']>;
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

function normalise(v: string | boolean): string {
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
  const { story, ...rest } = loaded.value;
  for (const [id, entry] of Object.entries(rest)) {
    const located = findQuestion(pack, id);
    if (!located) {
      errors.push(
        diagnosticAt(parsed, [], `"${id}" is not a question of the ${pack.id} checklist`, id),
      );
      continue;
    }
    const given: GivenAnswer =
      typeof entry === 'object'
        ? { value: normalise(entry.value), note: entry.note }
        : { value: normalise(entry) };
    const q = located.question;
    if (q.type !== 'text' && own(q.answers, given.value) === undefined) {
      const at = typeof entry === 'object' ? [id, 'value'] : [id];
      errors.push(
        diagnosticAt(
          parsed,
          at,
          `"${given.value}" is not an answer to ${id} (choose ${Object.keys(q.answers ?? {}).join(', ')})`,
        ),
      );
      continue;
    }
    answers.set(id, given);
  }
  return {
    story: story ?? {},
    answers,
    errors,
    problemWith(id, answer, findings) {
      const located = findQuestion(pack, id);
      if (!located) return undefined;
      const problem = checkAnswer(located.question, answer, findings);
      return problem === undefined ? undefined : diagnosticAt(parsed, [id], problem);
    },
  };
}
