// The walk: one loop for both sources of answers (the terminal, or an answers file). It asks the
// engine what comes next, takes an answer from the source, checks it, and saves the record after
// every answer.
import {
  activeQuestions,
  checkAnswer,
  findQuestion,
  type GivenAnswer,
  type Located,
  maxItems,
  nextQuestion,
  progressOf,
  raisedBy,
} from '../checklist/engine.js';
import type { Pack, SectionId } from '../checklist/schema.js';
import { applyAnswer, engineState } from './build.js';
import type { RecordFile } from './schema.js';
import type { Finding } from '../scan/finding.js';

export interface Progress {
  /** 1-based index of the section in the pack. */
  readonly section: number;
  readonly sections: number;
  /** Answers given so far in this section, plus one. */
  readonly question: number;
  /** "Question 12 of about 30": answered in force plus one, and the engine's estimate. */
  readonly number?: number | undefined;
  readonly total?: number | undefined;
}

/** What an answer source returns for a repeat group to open one more item ("Another proceeding?"). */
export const ANOTHER = '\0another';

export interface AskContext {
  readonly progress: Progress;
  /** The previous answer, to offer as the default (resume, or a change). */
  readonly previous: GivenAnswer | undefined;
  /** Rule ids of the findings that raised this question. */
  readonly raisedBy: readonly string[];
  /** Why the previous attempt was refused, if it was. */
  readonly problem: string | undefined;
  readonly findings: readonly Finding[];
  /** For a repeat group: the items so far (answer ANOTHER for one more, or this number). */
  readonly items?: number | undefined;
}

export interface AnswerSource {
  /** Called when the walk enters a section, with the section's findings. */
  enterSection?(
    section: Pack['sections'][number],
    index: number,
    findings: readonly Finding[],
  ): Promise<void> | void;
  /** An answer, or undefined when this source has none (the question is then pending). */
  answer(located: Located, ask: AskContext): Promise<GivenAnswer | undefined>;
  /** A refused answer from a source that cannot be asked again (a file): reported, then pending. */
  refused?(located: Located, problem: string): void;
}

export interface WalkResult {
  readonly record: RecordFile;
  /** Questions in force that have no answer (empty when complete). */
  readonly pending: readonly Located[];
}

export async function walk(args: {
  pack: Pack;
  record: RecordFile;
  source: AnswerSource;
  by: string;
  now: () => string;
  save: (record: RecordFile) => Promise<void>;
  /** Earlier answers offered as defaults (resume); cleared ones are offered again too. */
  defaults?: ReadonlyMap<string, GivenAnswer>;
}): Promise<WalkResult> {
  const { pack, source, by, now, save } = args;
  let record = args.record;
  const defaults = new Map(args.defaults ?? []);
  const skipped = new Set<string>();
  const opened: Record<string, number> = {};
  const sectionIndex = new Map<SectionId, number>(pack.sections.map((s, i) => [s.id, i]));
  let currentSection: SectionId | undefined;
  let askedInSection = 0;
  for (;;) {
    const state = { ...engineState(record), items: opened };
    const answers = { ...state.answers };
    for (const id of skipped) answers[id] = { value: '\0pending' };
    const next = nextQuestion(pack, { ...state, answers });
    if (!next) break;
    const idx = sectionIndex.get(next.section) ?? 0;
    if (next.section !== currentSection) {
      currentSection = next.section;
      askedInSection = 0;
      const section = pack.sections[idx]!;
      await source.enterSection?.(
        section,
        idx,
        record.record.findings.filter((f) => f.section === next.section),
      );
    }
    const raised = raisedBy(next.question, state.findings);
    const count = progressOf(pack, state);
    const items =
      next.question.type === 'repeat'
        ? activeQuestions(pack, state).reduce(
            (n, l) => (l.group?.question.id === next.key ? Math.max(n, l.group.n) : n),
            1,
          )
        : undefined;
    let problem: string | undefined;
    let given: GivenAnswer | undefined;
    for (;;) {
      given = await source.answer(next, {
        progress: {
          section: idx + 1,
          sections: pack.sections.length,
          question: askedInSection + 1,
          number: count.number,
          total: count.total,
        },
        previous: given ?? defaults.get(next.key),
        raisedBy: raised,
        problem,
        findings: record.record.findings,
        items,
      });
      if (given === undefined) break;
      if (given.value === ANOTHER && items !== undefined) {
        if (items < maxItems(next.question)) break;
        given = { value: String(items) };
      }
      problem = checkAnswer(next.question, given, state.findings);
      if (problem === undefined) break;
      if (source.refused) {
        source.refused(next, problem);
        given = undefined;
        break;
      }
    }
    if (given === undefined) {
      skipped.add(next.key);
      continue;
    }
    if (given.value === ANOTHER && items !== undefined) {
      opened[next.key] = items + 1;
      continue;
    }
    const applied = applyAnswer(record, pack, next.key, given, by, now());
    for (const id of applied.cleared) {
      const old = record.record.answers[id];
      if (old) defaults.set(id, old);
    }
    record = applied.record;
    askedInSection++;
    await save(record);
  }
  const pending = [...skipped].map((id) => findQuestion(pack, id)!);
  return { record, pending };
}
