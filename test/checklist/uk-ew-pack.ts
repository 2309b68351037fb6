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

/** A scripted answer: the value, or the value with the reporter's note. */
export type Scripted = string | { readonly value: string; readonly note?: string };

export interface Script {
  /** Answers by question id. */
  readonly answers: Readonly<Record<string, Scripted>>;
  /**
   * When set to "no", a question the script does not list is answered "no". Off unless a case
   * says so; a question that does not offer "no" still fails the walk.
   */
  readonly otherwise?: 'no';
  readonly findings?: readonly FindingRef[];
}

export interface Walk {
  /** The question ids in the order the engine asked them. */
  readonly asked: string[];
  readonly answers: Record<string, GivenAnswer>;
  readonly assessment: Assessment;
}

const LIMIT = 500;

/**
 * Ask `nextQuestion` until the walk is complete, answering from the script. Throws, naming the
 * question, when the engine asks something the script does not answer, when a scripted answer is
 * not valid for the question, and when the script answers a question that was never asked.
 * A note the answer needs is filled in ("scripted note") unless the script gives one.
 */
export function walk(pack: Pack, script: Script): Walk {
  const findings = script.findings ?? [];
  const answers: Record<string, GivenAnswer> = {};
  const asked: string[] = [];
  for (let i = 0; i < LIMIT; i++) {
    const next = nextQuestion(pack, { answers, findings });
    if (!next) {
      const unused = Object.keys(script.answers).filter((id) => !asked.includes(id));
      if (unused.length > 0) {
        throw new Error(
          `the script answers ${unused.join(', ')}, which the engine never asked (asked: ${asked.join(', ')})`,
        );
      }
      return { asked, answers, assessment: assess(pack, { answers, findings }) };
    }
    const q = next.question;
    const scripted = script.answers[q.id] ?? (script.otherwise === 'no' ? 'no' : undefined);
    if (scripted === undefined) {
      throw new Error(
        `the engine asked ${q.id} ("${q.ask}"), which the script does not answer (asked so far: ${asked.join(', ') || 'nothing'})`,
      );
    }
    const value = typeof scripted === 'string' ? scripted : scripted.value;
    const given: GivenAnswer = {
      value,
      note:
        typeof scripted === 'string' || scripted.note === undefined
          ? notePrompt(q, value, findings) !== undefined
            ? `scripted note for ${q.id}`
            : undefined
          : scripted.note,
    };
    const problem = checkAnswer(q, given, findings);
    if (problem !== undefined) throw new Error(`scripted answer "${value}" to ${q.id}: ${problem}`);
    answers[q.id] = given;
    asked.push(q.id);
  }
  throw new Error(`the walk did not end after ${LIMIT} questions`);
}

/** The pack's screening questions (no `when`), in ask order. */
export const SCREENING = [
  'safety.people-at-risk',
  'safety.reporter-at-risk',
  'restrictions.legal-proceedings',
  'restrictions.sexual-offence-fgm-forced-marriage',
  'restrictions.child-involved',
  'defamation.criticises-someone',
  'defamation.business-claims',
  'privacy.private-information',
  'privacy.sensitive-circumstances',
  'sources.confidential-source',
  'sources.leaked-material',
  'accuracy.legal-proceedings',
  'accuracy.unchecked-material',
];
