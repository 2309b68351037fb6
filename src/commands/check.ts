// prepub check [article]: scan the draft, walk the checklist (terminal or answers file), save the
// record after every answer, show the assessment, and offer to file. The command parses options
// and renders; what to ask is the plan (core/record/check-plan.ts), the record on disk is the
// session (adapters/check-session.ts), the review screen is prompts/review.ts.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import type { GivenAnswer, Located } from '../core/checklist/engine.js';
import type { Pack } from '../core/checklist/schema.js';
import { loadConfig } from '../adapters/config-load.js';
import type { ResolvedConfig } from '../core/config/schema.js';
import type { Context } from '../context.js';
import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import { Cancelled, UserError } from '../errors.js';
import { readText } from '../adapters/files.js';
import { toJson } from '../core/parse/json-strict.js';
import { locatePack } from '../adapters/pack-locations.js';
import { resolvePack } from '../adapters/packs.js';
import { scanArticle, type ScannedArticle } from '../adapters/scan-article.js';
import type { Finding } from '../core/scan/finding.js';
import { parseAnswers, type ParsedAnswers } from '../core/record/answers-file.js';
import { addHistory, applyAnswer, newRecord } from '../core/record/build.js';
import {
  fillFromConfig,
  fullStory,
  missingStory,
  pendingItems,
  reconcileAnswersFile,
  resumeRecord,
  storyDefaults,
  storyFrom,
} from '../core/record/check-plan.js';
import {
  SLUG,
  SLUG_RULE,
  type RecordFile,
  type Story,
  type StoryField,
} from '../core/record/schema.js';
import { readRecord } from '../adapters/record-store.js';
import { CheckSession, recordToContinue } from '../adapters/check-session.js';
import type { FileResult } from './file.js';
import type * as WalkPrompts from '../prompts/walk.js';
import { walk, type AnswerSource, type WalkResult } from '../core/record/walk.js';
import { parseIgnores } from './scan.js';
import { assessmentText, questionBlock, sectionHeader } from '../render/walk.js';
import { checkDone, pendingLines, pendingMessage, resumeWarnings } from '../render/check.js';
import { createTheme, type Theme } from '../render/theme.js';
import { OUTPUT_FORMATS, parseOptions } from './lib/options.js';

const Options = z.strictObject({
  checklist: z.string().optional(),
  answers: z.string().optional(),
  out: z.string().optional(),
  resume: z.string().optional(),
  replies: z.string().optional(),
  file: z.boolean().optional(),
  input: z.boolean().default(true),
  slug: z.string().regex(SLUG, `use ${SLUG_RULE}`).optional(),
  headline: z.string().min(1).optional(),
  desk: z.string().min(1).optional(),
  reporter: z.string().min(1).optional(),
  key: z.string().optional(),
  ignore: z.array(z.string()).optional(),
  format: z.enum(OUTPUT_FORMATS).default('text'),
});
export type CheckOptions = z.infer<typeof Options>;

type Prompts = typeof WalkPrompts;

/** What every step of a check shares. */
interface Run {
  readonly options: CheckOptions;
  readonly ctx: Context;
  readonly t: Theme;
  readonly interactive: boolean;
  readonly config: ResolvedConfig;
  readonly say: (s: string) => void;
  readonly now: () => string;
}

/** The draft, the record to write, and the record continued (if any). */
interface Where {
  readonly article: string;
  readonly recordPath: string | undefined;
  readonly existing: RecordFile | undefined;
}

export async function execute(
  args: readonly unknown[],
  raw: Record<string, unknown>,
  ctx: Context,
): Promise<number> {
  const options = parseOptions(Options, raw);
  const run: Run = {
    options,
    ctx,
    t: createTheme(ctx.color),
    interactive: ctx.interactive && options.input,
    config: await loadConfig(ctx),
    say: (s: string) => ctx.stderr(s),
    now: () => new Date().toISOString(),
  };
  const where = await locate(run, typeof args[0] === 'string' ? args[0] : undefined);
  const packRef =
    options.checklist ?? where.existing?.record.checklist.id ?? run.config.config.checklist;
  const pack: Pack = await resolvePack(packRef, ctx);
  const recordDir = where.recordPath
    ? path.dirname(path.resolve(ctx.cwd, where.recordPath))
    : ctx.cwd;
  const scanned = await scanArticle(
    where.article,
    await locatePack(packRef, ctx),
    { ignore: parseIgnores(options.ignore ?? []), recordDir },
    ctx,
  );
  const answersFile = await readAnswersFile(run, pack);
  const story = await settleStory(run, where, scanned, answersFile);
  const stillMissing = missingStory(story);
  let recordPath = where.recordPath;
  if (!recordPath) {
    if (!story.slug) return pendingExit([], stillMissing, undefined, options.format, [], []);
    recordPath = path.join(run.config.recordsDir ?? ctx.cwd, `${story.slug}.prepub.json`);
  }
  const file = path.resolve(ctx.cwd, recordPath);
  const by = story.reporter ?? 'unknown reporter';
  const session = await CheckSession.open({
    file,
    shown: where.recordPath ?? (path.relative(ctx.cwd, file) || file),
    continues: where.existing !== undefined,
    by,
    now: run.now,
  });
  try {
    const check = { run, pack, session, by, answersFile, stillMissing };
    const started = startRecord(check, fullStory(story), scanned);
    await session.persist(started.record);
    await walkAndReview(check, started.carried);
    return await finish(check);
  } finally {
    await session.close();
  }
}

/** Step 1: the record to continue, if any, the article, and the record's path. */
async function locate(run: Run, given: string | undefined): Promise<Where> {
  const { options, ctx } = run;
  let existing: RecordFile | undefined;
  if (options.resume) existing = await readRecord(path.resolve(ctx.cwd, options.resume));
  let article = given;
  if (!article && existing?.record.article && existing.record.article.path !== '(stdin)') {
    const dir = path.dirname(path.resolve(ctx.cwd, options.resume!));
    article = path.relative(ctx.cwd, path.resolve(dir, existing.record.article.path));
  }
  if (!article) {
    throw new UserError('name the draft to check', {
      code: 'USAGE',
      hint: 'For example: prepub check draft.md (or prepub check --resume draft.md.prepub.json)',
    });
  }
  // The scripted protocol: without a terminal and with --format json, no answers file is needed:
  // the pending list is the answer.
  if (!run.interactive && !options.answers && !existing && options.format !== 'json') {
    throw new UserError(
      options.input
        ? 'no terminal to ask the questions on'
        : '--no-input without --answers: nothing to answer the questions with',
      {
        code: 'NO_TERMINAL',
        hint: 'Give the answers in a file with --answers answers.yaml (question id: answer), list the questions still to answer with --format json, or run prepub check in a terminal.',
      },
    );
  }
  let recordPath = options.resume ?? options.out;
  if (!recordPath && article !== '-') recordPath = `${article}.prepub.json`;
  if (recordPath && !options.resume) {
    const found = await recordToContinue(recordPath, ctx.cwd, [
      article !== '-' ? { file: article, what: 'article being checked' } : undefined,
      options.answers ? { file: options.answers, what: 'answers file' } : undefined,
      options.key ? { file: options.key, what: 'signing key' } : undefined,
    ]);
    if (found) {
      existing = found;
      run.say(run.t.dim(`Continuing the draft record ${recordPath}.\n`));
    }
  }
  return { article, recordPath, existing };
}

/** Step 2: the answers file, if one was given; any problem in it stops the check. */
async function readAnswersFile(run: Run, pack: Pack): Promise<ParsedAnswers | undefined> {
  const file = run.options.answers;
  if (!file) return undefined;
  const parsed = parseAnswers(
    file,
    await readText(path.resolve(run.ctx.cwd, file), 'answers file'),
    pack,
  );
  const n = parsed.errors.length;
  if (n > 0) {
    throw new UserError(`${file}: ${n} problem${n === 1 ? '' : 's'} in the answers file`, {
      code: 'ANSWERS_INVALID',
      lines: parsed.errors.map(formatDiagnostic),
      ...(run.options.format === 'json' ? { json: { errors: parsed.errors } } : {}),
    });
  }
  return parsed;
}

/** Step 3: the story, from flags, the answers file and the record; asked for in a terminal. */
async function settleStory(
  run: Run,
  where: Where,
  scanned: ScannedArticle,
  answersFile: ParsedAnswers | undefined,
): Promise<Partial<Story>> {
  const { options, t } = run;
  const found = storyFrom(
    {
      slug: options.slug,
      headline: options.headline,
      desk: options.desk,
      reporter: options.reporter,
    },
    answersFile?.story,
    where.existing?.record.story,
  );
  let story = found.story;
  const defaults = storyDefaults({
    article: where.article,
    baseName: path.basename(where.article),
    firstLine: scanned.firstLine,
    user: run.config.config.user,
  });
  if (found.missing.length > 0 && run.interactive) {
    const { askStory } = await import('../prompts/walk.js');
    run.say(`\n${t.heading('The story')}\n`);
    try {
      story = {
        ...story,
        ...(await askStory(defaults, found.missing, undefined, run.config.config.desks)),
      };
    } catch (error) {
      if (error instanceof Cancelled)
        throw new Cancelled('Nothing saved yet: the check had not started.');
      throw error;
    }
  } else if (found.missing.length > 0) {
    story = fillFromConfig(story, found.missing, defaults);
  }
  if (story.slug !== undefined && !SLUG.test(story.slug)) {
    throw new UserError(`the slug "${story.slug}" cannot name a file: use ${SLUG_RULE}`, {
      code: 'INPUT_INVALID',
    });
  }
  return story;
}

/** What the walk, the review screen and the end of a check share. */
interface Check {
  readonly run: Run;
  readonly pack: Pack;
  readonly session: CheckSession;
  readonly by: string;
  readonly answersFile: ParsedAnswers | undefined;
  readonly stillMissing: readonly StoryField[];
}

/** Step 4: the record, new or continued with fresh findings, and the answers file reconciled. */
function startRecord(
  check: Check,
  story: Story,
  scanned: ScannedArticle,
): { record: RecordFile; carried: Map<string, GivenAnswer> } {
  const { run, pack, session, by } = check;
  let record: RecordFile;
  let carried = new Map<string, GivenAnswer>();
  if (session.before) {
    const resumed = resumeRecord({
      existing: session.before,
      pack,
      story,
      article: scanned.ref,
      findings: scanned.findings,
      by,
      now: run.now(),
    });
    const warnings = resumeWarnings(resumed.changes, run.t);
    if (warnings) run.say(warnings);
    record = resumed.record;
    carried = resumed.carried;
  } else {
    record = newRecord({
      id: randomUUID(),
      pack,
      story,
      article: scanned.ref,
      findings: scanned.findings,
      by,
      now: run.now(),
    });
  }
  return { record: reconcileAnswersFile(record, pack, check.answersFile, by, run.now), carried };
}

/** Where the walk's answers come from: the answers file first, then the terminal (if any). */
function answerSource(
  check: Check,
  prompts: Prompts | undefined,
  refused: Diagnostic[],
): AnswerSource {
  const { run, pack, session, answersFile } = check;
  const source: AnswerSource = {
    enterSection(section, index, findings) {
      if (run.interactive)
        run.say(sectionHeader(section, index, pack.sections.length, findings, run.t));
    },
    async answer(located, ask) {
      session.stopIfInterrupted();
      const fromFile = answersFile?.answers.get(located.key);
      if (fromFile && ask.problem === undefined) return fromFile;
      if (!prompts) return undefined;
      run.say(questionBlock(located, ask.progress, ask.raisedBy, ask.problem, run.t));
      return prompts.askAnswer(located, { ...ask, previous: ask.previous ?? fromFile });
    },
  };
  if (run.interactive) return source;
  source.refused = (located: Located, problem: string) => {
    const id = located.key;
    const d = answersFile?.problemWith(
      id,
      answersFile.answers.get(id) ?? { value: '' },
      session.record!.record.findings,
    );
    refused.push(
      d ?? { file: run.options.answers ?? '', line: 0, column: 0, message: `${id}: ${problem}` },
    );
  };
  return source;
}

/**
 * Step 5: the walk, then (in a terminal, once nothing is pending) the review screen: change any
 * answer, and the questions that depend on it are asked again. Anything still pending stops the
 * check with the list; Ctrl-C saves the draft and says how to resume.
 */
async function walkAndReview(check: Check, carried: Map<string, GivenAnswer>): Promise<void> {
  const { run, pack, session, by } = check;
  const refused: Diagnostic[] = [];
  const prompts = run.interactive ? await import('../prompts/walk.js') : undefined;
  const source = answerSource(check, prompts, refused);
  const save = (r: RecordFile) => session.save(r);
  const again = async (): Promise<WalkResult> => {
    const result = await walk({
      pack,
      record: session.record!,
      source,
      by,
      now: run.now,
      save,
      defaults: carried,
    });
    session.record = result.record;
    return result;
  };
  try {
    // A returned record opens with the desk's queries (commands/check-queries.ts).
    const { answerQueries } = await import('./lib/check-queries.js');
    await answerQueries({
      record: session.record!,
      file: session.file,
      shown: session.shown,
      pack,
      by,
      replies: run.options.replies,
      interactive: run.interactive,
      theme: run.t,
      ctx: run.ctx,
      now: run.now,
      save: async (r) => {
        await session.save(r);
        return session.record!;
      },
    });
    let result = await again();
    if (prompts && result.pending.length === 0) {
      const { askAgain, reviewScreen } = await import('../prompts/review.js');
      for (;;) {
        const record = session.record!;
        const pick = await reviewScreen(pack, record, run.t);
        if (pick === undefined) break;
        const given = await askAgain(pack, record, pick, run.t, run.say);
        const applied = applyAnswer(record, pack, pick, given, by, run.now());
        for (const id of applied.cleared) {
          const old = record.record.answers[id];
          if (old) carried.set(id, old);
        }
        await save(applied.record);
        result = await again();
      }
    }
    if (result.pending.length > 0 || check.stillMissing.length > 0) {
      pendingExit(
        result.pending,
        check.stillMissing,
        session.shown,
        run.options.format,
        refused,
        session.record!.record.findings,
      );
    }
  } catch (error) {
    if (error instanceof Cancelled) {
      await session.persist(session.record!);
      const shown = session.shown;
      throw new Cancelled(`Draft saved to ${shown}. Resume with: prepub check --resume ${shown}`);
    }
    throw error;
  }
}

/** Step 6: complete: the assessment, filing (asked for, or offered), and what to do next. */
async function finish(check: Check): Promise<number> {
  const { run, pack, session, by } = check;
  const { options, t, say } = run;
  let record = session.record!;
  const changed = session.changed(record);
  if (changed && record.record.history.at(-1)?.event !== 'completed') {
    const detail = `overall risk ${record.record.assessment.overall}`;
    record = await session.persist(
      addHistory(record, { at: run.now(), event: 'completed', by, detail }),
    );
  }
  if (options.format === 'text') say(assessmentText(record.record.assessment, pack, t));
  await session.releaseLock();
  const fileable = record.status === 'draft' || record.status === 'returned';
  const filing = fileable ? await maybeFile(run, session) : undefined;
  const status = filing?.status ?? record.status;
  const shown = session.shown;
  const answers = Object.keys(record.record.answers).length;
  if (options.format === 'json') {
    const filed = filing
      ? { filed: { signer: filing.signer, payloadSha256: filing.payloadSha256 } }
      : {};
    run.ctx.stdout(
      toJson({ record: shown, status, answers, assessment: record.record.assessment, ...filed }),
    );
  } else {
    say(checkDone({ shown, status, answers, filed: filing !== undefined, fileable, changed }));
  }
  return 0;
}

/** Filing: asked for with --file, or offered in a terminal. Ctrl-C at the offer: saved, not filed. */
async function maybeFile(run: Run, session: CheckSession): Promise<FileResult | undefined> {
  const { options, interactive } = run;
  const shown = session.shown;
  let wanted = options.file === true;
  if (!wanted && interactive) {
    const { confirmFile } = await import('../prompts/walk.js');
    wanted = await confirmFile().catch((error: unknown): never => {
      if (error instanceof Cancelled)
        throw new Cancelled(
          `Record saved to ${shown}; not filed. File it with: prepub file ${shown}`,
        );
      throw error;
    });
  }
  if (!wanted) return undefined;
  const { runFile } = await import('./file.js');
  const filing = await runFile(
    {
      record: session.file,
      key: options.key,
      confirm: options.file === true && !interactive,
      input: interactive,
    },
    run.ctx,
  );
  if (filing.warning) run.say(`${run.t.warn('warning:')} ${filing.warning}\n`);
  return filing;
}

function pendingExit(
  pending: readonly Located[],
  story: readonly StoryField[],
  record: string | undefined,
  format: 'text' | 'json',
  refused: readonly Diagnostic[],
  findings: readonly Finding[],
): never {
  const items = pendingItems(story, pending, findings);
  throw new UserError(pendingMessage(items.length, refused.length, record), {
    code: refused.length > 0 ? 'ANSWERS_INVALID' : 'ANSWERS_PENDING',
    lines: pendingLines(items, refused.map(formatDiagnostic)),
    hint: 'Add them to the answers file (question id: answer) and run the same command again, or run it in a terminal.',
    ...(format === 'json' ? { json: { pending: items, errors: refused } } : {}),
  });
}
