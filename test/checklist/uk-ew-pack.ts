// Test helpers for the built-in uk-ew pack: load it once from its files (rules.yaml is read only
// for the loader's cross-checks; findings are passed by hand), and walk it with a scripted set of
// answers through the pure engine, the way `prepub check --answers` does.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  assess,
  checkAnswer,
  type FindingRef,
  type GivenAnswer,
  nextQuestion,
  notePrompt,
} from '../../src/core/checklist/engine.js';
import { loadPackFromFiles } from '../../src/core/checklist/loader.js';
import type { Pack } from '../../src/core/checklist/schema.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { readPackFiles } from '../../src/adapters/packs.js';
import type { Assessment } from '../../src/core/checklist/assessment.js';

export const PACK_DIR = fileURLToPath(new URL('../../checklists/uk-ew', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface LoadedUkEw {
  readonly pack: Pack | undefined;
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
}

let cached: Promise<LoadedUkEw> | undefined;

/** The uk-ew pack, loaded once per test file. */
export function loadUkEw(): Promise<LoadedUkEw> {
  cached ??= (async () => {
    const files = await readPackFiles(PACK_DIR, REPO_ROOT);
    const result = loadPackFromFiles(path.relative(REPO_ROOT, PACK_DIR), files);
    return { pack: result.value, errors: result.errors, warnings: result.warnings };
  })();
  return cached;
}

export async function ukEw(): Promise<Pack> {
  const { pack, errors } = await loadUkEw();
  if (!pack) {
    throw new Error(
      `checklists/uk-ew does not load:\n${errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('\n')}`,
    );
  }
  return pack;
}

/**
 * A scripted answer: the value (a list for a checkbox), the value with the reporter's note, or,
 * for a repeat group, the number of items.
 */
export type Scripted =
  | string
  | readonly string[]
  | number
  | { readonly value: string | readonly string[]; readonly note?: string };

export interface Script {
  /** Answers by question key (a question in a repeat group with its item: "id#2"). */
  readonly answers: Readonly<Record<string, Scripted>>;
  /**
   * When set to "none", a question the script does not list is answered "none of these" (a
   * checkbox) or "no" (a yes-no question). Off unless a case says so; any other question still
   * fails the walk.
   */
  readonly otherwise?: 'none';
  readonly findings?: readonly FindingRef[];
}

export interface Walk {
  /** The question keys in the order the engine asked them (a group's count is not one). */
  readonly asked: string[];
  readonly answers: Record<string, GivenAnswer>;
  readonly assessment: Assessment;
}

const LIMIT = 500;

/**
 * Ask `nextQuestion` until the walk is complete, answering from the script. Throws, naming the
 * question, when the engine asks something the script does not answer, when a scripted answer is
 * not valid for the question, and when the script answers a question that was never asked.
 * A note the answer needs is filled in ("scripted note") unless the script gives one. A repeat
 * group's entry is its number of items: the walk opens items ("Another proceeding?") up to it.
 */
export function walk(pack: Pack, script: Script): Walk {
  const findings = script.findings ?? [];
  const answers: Record<string, GivenAnswer> = {};
  const items: Record<string, number> = {};
  const asked: string[] = [];
  const counted: string[] = [];
  for (let i = 0; i < LIMIT; i++) {
    const next = nextQuestion(pack, { answers, findings, items });
    if (!next) {
      const used = new Set([...asked, ...counted]);
      const unused = Object.keys(script.answers).filter((id) => !used.has(id));
      if (unused.length > 0) {
        throw new Error(
          `the script answers ${unused.join(', ')}, which the engine never asked (asked: ${asked.join(', ')})`,
        );
      }
      return { asked, answers, assessment: assess(pack, { answers, findings }) };
    }
    const q = next.question;
    const fallback =
      script.otherwise === 'none'
        ? q.type === 'checkbox'
          ? ['none']
          : q.type === 'yes-no'
            ? 'no'
            : undefined
        : undefined;
    const scripted = script.answers[next.key] ?? fallback;
    if (scripted === undefined) {
      throw new Error(
        `the engine asked ${next.key} ("${q.ask}"), which the script does not answer (asked so far: ${asked.join(', ') || 'nothing'})`,
      );
    }
    if (typeof scripted === 'number') {
      const open = Math.max(items[next.key] ?? 1, 1);
      if (open < scripted) {
        items[next.key] = open + 1;
        continue;
      }
      answers[next.key] = { value: String(scripted) };
      counted.push(next.key);
      continue;
    }
    const value =
      typeof scripted === 'string' || Array.isArray(scripted)
        ? (scripted as string | string[])
        : (scripted as { value: string | string[] }).value;
    const note =
      typeof scripted === 'object' && !Array.isArray(scripted)
        ? (scripted as { note?: string }).note
        : undefined;
    const given: GivenAnswer = {
      value,
      note:
        note ??
        (notePrompt(q, value, findings) !== undefined
          ? `scripted note for ${next.key}`
          : undefined),
    };
    const problem = checkAnswer(q, given, findings);
    if (problem !== undefined)
      throw new Error(`scripted answer "${String(value)}" to ${next.key}: ${problem}`);
    answers[next.key] = given;
    asked.push(next.key);
  }
  throw new Error(`the walk did not end after ${LIMIT} questions`);
}

/** The pack's screening questions (no `when`), in ask order: one checkbox per section. */
export const SCREENING = [
  'safety.involves',
  'restrictions.involves',
  'defamation.involves',
  'privacy.involves',
  'sources.involves',
  'accuracy.involves',
];
