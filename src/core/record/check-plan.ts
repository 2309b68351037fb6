// The plan of a `prepub check` (pure): from the pack, the record's answers and findings, the answers
// file and the story, what to ask and what is pending. The session (adapters/check-session.ts)
// saves what this returns; the command renders it.
import {
  checkAnswer,
  findQuestion,
  type GivenAnswer,
  itemLabel,
  type Located,
  maxItems,
  notePrompt,
  raisedBy,
  resolveAnswer,
  sameValue,
  suggestions,
} from '../checklist/engine.js';
import { choicesOf, DEFAULT_UNSURE, NONE, type Pack, UNSURE_PREFIX } from '../checklist/schema.js';
import type { ArticleRef, RecordFile, Story, StoryField } from './schema.js';
import { STORY_FIELDS } from './schema.js';
import type { ParsedAnswers } from './answers-file.js';
import { addHistory, applyAnswer, engineState, updateStory, withAssessment } from './build.js';
import type { Finding } from '../scan/finding.js';
import { slugify } from '../slug.js';

/** A finding offered as evidence for a suggested option. */
export interface Evidence {
  readonly rule: string;
  readonly line: number;
  readonly excerpt: string;
}

/** A checkbox option in the pending list. */
export interface PendingOption {
  readonly value: string;
  readonly label: string;
  /** The scan suggests ticking it (its rules fired); the answer must still say so. */
  readonly suggested: boolean;
  readonly evidence: readonly Evidence[];
}

/** One question still to answer, as the scripted protocol prints it (DESIGN.md). */
export interface PendingItem {
  /** The key to answer it under in the answers file (`id#n` for item n of a repeat group). */
  readonly id: string;
  readonly section: string;
  readonly ask: string;
  readonly type: string;
  readonly choices: readonly string[];
  /** "Proceeding 2", for a question asked for an item of a repeat group. */
  readonly item?: string;
  /** The answers that need a note ("*": any answer; "unsure:*": an option marked not sure). */
  readonly notes?: readonly string[];
  /** The answers that refer the story to a lawyer (same notation). */
  readonly lawyer?: readonly string[];
  /** Rule ids of the findings that raised the question. */
  readonly raisedBy?: readonly string[];
  /** Checkbox: the options, with the scan's suggestions and their evidence. */
  readonly options?: readonly PendingOption[];
}

/** What the story prompts offer when a field is asked for: from the file name, the draft, config. */
export function storyDefaults(args: {
  readonly article: string;
  readonly baseName: string;
  readonly firstLine: string;
  readonly user: { readonly name?: string; readonly desk?: string };
}): Partial<Story> {
  return {
    slug: args.article !== '-' ? slugify(args.baseName.replace(/\.[^.]+$/, ''), 60) : undefined,
    headline: args.firstLine || undefined,
    desk: args.user.desk,
    reporter: args.user.name,
  };
}

/**
 * The story from its sources, first one wins: the flags, the answers file, the record continued.
 * `missing`: the fields none of them gives.
 */
export function storyFrom(
  fromFlags: Partial<Story>,
  fromFile: Partial<Story> | undefined,
  base: Story | undefined,
): { story: Partial<Story>; missing: StoryField[] } {
  const story: Partial<Story> = {};
  for (const f of STORY_FIELDS) {
    const value = fromFlags[f] ?? fromFile?.[f] ?? (base?.[f] || undefined);
    if (value) story[f] = value;
  }
  return { story, missing: STORY_FIELDS.filter((f) => !story[f]) };
}

/** Without a terminal, config fills the reporter and desk; what remains is pending. */
export function fillFromConfig(
  story: Partial<Story>,
  missing: readonly StoryField[],
  defaults: Partial<Story>,
): Partial<Story> {
  const out = { ...story };
  for (const f of missing) if (f === 'reporter' || f === 'desk') out[f] = defaults[f];
  return out;
}

export function missingStory(story: Partial<Story>): StoryField[] {
  return STORY_FIELDS.filter((f) => !story[f]);
}

export function fullStory(story: Partial<Story>): Story {
  return {
    slug: story.slug ?? '',
    headline: story.headline ?? '',
    desk: story.desk ?? '',
    reporter: story.reporter ?? '',
  };
}

export function pendingOf(located: Located, findings: readonly Finding[] = []): PendingItem {
  const q = located.question;
  const item = itemLabel(located);
  const base = {
    id: located.key,
    section: located.section,
    ask: item ? `${item}: ${q.ask}` : q.ask,
    type: q.type,
    ...(item ? { item } : {}),
  };
  if (q.type === 'repeat') {
    const what = q.item ?? 'item';
    return {
      ...base,
      ask: `How many ${what}s in all? (${q.ask}) Answer with the number, or list the items under ${q.id}.`,
      choices: Array.from({ length: maxItems(q) }, (_, i) => String(i + 1)),
    };
  }
  const raised = raisedBy(q, findings);
  const values = q.type === 'text' ? ['*'] : choicesOf(q).map((c) => c.value);
  const probe = (v: string) => (q.type === 'text' ? 'x' : q.type === 'checkbox' ? [v] : v);
  const notes = values.filter((v) => notePrompt(q, probe(v), findings) !== undefined);
  const lawyer = values.filter((v) => resolveAnswer(q, probe(v))?.lawyer === true);
  if (q.type === 'checkbox') {
    const unsure = q.unsure ?? DEFAULT_UNSURE;
    if (unsure.note !== false) notes.push(`${UNSURE_PREFIX}*`);
    if (unsure.lawyer) lawyer.push(`${UNSURE_PREFIX}*`);
  }
  const suggested = new Map(suggestions(q, findings).map((x) => [x.value, x.findings]));
  return {
    ...base,
    choices: q.type === 'text' ? [] : values,
    notes,
    lawyer,
    raisedBy: raised,
    ...(q.type === 'checkbox'
      ? {
          options: choicesOf(q).map((c) => ({
            value: c.value,
            label: c.value === NONE ? (c.outcome.label ?? 'None of these') : c.label,
            suggested: suggested.has(c.value),
            evidence: (suggested.get(c.value) ?? []).map((f) => ({
              rule: f.rule,
              line: f.line,
              excerpt: f.excerpt,
            })),
          })),
        }
      : {}),
  };
}

export function storyPending(field: StoryField): PendingItem {
  return {
    id: `story.${field}`,
    section: 'story',
    ask: `The story's ${field} (--${field})`,
    type: 'text',
    choices: [],
  };
}

/** Everything still to answer: the story's fields first, then the questions, in walk order. */
export function pendingItems(
  story: readonly StoryField[],
  pending: readonly Located[],
  findings: readonly Finding[] = [],
): PendingItem[] {
  return [...story.map(storyPending), ...pending.map((l) => pendingOf(l, findings))];
}

/** What changed under a record being continued, for the command to say. */
export interface ResumeChanges {
  /** The article's SHA-256 before and now, when it changed. */
  readonly article?: { readonly from: string | undefined; readonly to: string };
  /** The checklist before and now, when its digest changed. */
  readonly checklist?: { readonly from: string; readonly to: string };
}

/**
 * A record continued with fresh findings: the story, article, findings and checklist brought up
 * to date. Answers that no longer hold (a new finding now needs a note, or the question is gone)
 * are taken out and offered again as defaults (`carried`), as are all the earlier answers.
 */
export function resumeRecord(args: {
  readonly existing: RecordFile;
  readonly pack: Pack;
  readonly story: Story;
  readonly article: ArticleRef;
  readonly findings: readonly Finding[];
  readonly by: string;
  readonly now: string;
}): { record: RecordFile; carried: Map<string, GivenAnswer>; changes: ResumeChanges } {
  const { existing, pack, article } = args;
  let record = updateStory(existing, args.story);
  const oldSha = existing.record.article?.sha256;
  const changes: { -readonly [K in keyof ResumeChanges]: ResumeChanges[K] } = {};
  if (oldSha !== article.sha256) {
    changes.article = { from: oldSha, to: article.sha256 };
    record = addHistory(record, {
      at: args.now,
      event: 'rescanned',
      by: args.by,
      detail: `article ${oldSha ?? 'none'} → ${article.sha256}`,
    });
  }
  if (existing.record.checklist.sha256 !== pack.sha256) {
    const was = existing.record.checklist;
    changes.checklist = { from: `${was.id} ${was.version}`, to: `${pack.id} ${pack.version}` };
  }
  record = {
    ...record,
    record: {
      ...record.record,
      article,
      findings: [...args.findings],
      checklist: { id: pack.id, version: pack.version, sha256: pack.sha256 },
    },
  };
  const answers = { ...record.record.answers };
  const carried = new Map<string, GivenAnswer>();
  const state = engineState(record);
  for (const [id, given] of Object.entries(answers)) {
    const located = findQuestion(pack, id);
    if (!located || checkAnswer(located.question, given, state.findings) !== undefined) {
      carried.set(id, given);
      delete answers[id];
    }
  }
  for (const [id, given] of Object.entries(answers)) carried.set(id, given);
  record = withAssessment({ ...record, record: { ...record.record, answers } }, pack);
  return { record, carried, changes };
}

/**
 * An answers file that says something different from the record changes that answer (the
 * questions that depend on it are asked again). Answers the record lacks are left to the walk;
 * answers the engine refuses are left as they were (the walk reports them).
 */
export function reconcileAnswersFile(
  record: RecordFile,
  pack: Pack,
  answersFile: ParsedAnswers | undefined,
  by: string,
  now: () => string,
): RecordFile {
  let out = record;
  for (const [id, given] of answersFile?.answers ?? []) {
    const previous = out.record.answers[id];
    if (!previous) continue;
    if (
      sameValue(previous.value, given.value) &&
      (given.note === undefined || given.note === previous.note)
    )
      continue;
    const located = findQuestion(pack, id);
    if (!located || checkAnswer(located.question, given, out.record.findings) !== undefined)
      continue;
    out = applyAnswer(
      out,
      pack,
      id,
      { value: given.value, note: given.note ?? previous.note },
      by,
      now(),
    ).record;
  }
  return out;
}
