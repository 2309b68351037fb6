// prepub check [article]: scan the draft, walk the checklist (terminal or answers file), save the
// record after every answer, show the assessment, and offer to file.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  checkAnswer,
  findQuestion,
  type GivenAnswer,
  type Located,
} from '../core/checklist/engine.js';
import { choicesOf, type Pack } from '../core/checklist/schema.js';
import { loadConfig } from '../adapters/config-load.js';
import type { Context } from '../context.js';
import { formatDiagnostic, type Diagnostic } from '../diagnostics.js';
import { Cancelled, UserError } from '../errors.js';
import { readText, removeStaleTemps } from '../adapters/files.js';
import { toJson } from '../core/parse/json-strict.js';
import { checkOutFile } from '../adapters/out-file.js';
import { acquireLock, type Lock } from '../adapters/lock.js';
import { locatePack } from '../adapters/pack-locations.js';
import { resolvePack } from '../adapters/packs.js';
import { scanArticle } from '../adapters/scan-article.js';
import { parseAnswers, type ParsedAnswers } from '../core/record/answers-file.js';
import {
  addHistory,
  applyAnswer,
  engineState,
  newRecord,
  updateStory,
  withAssessment,
} from '../core/record/build.js';
import { SLUG, SLUG_RULE, type RecordFile, type Story } from '../core/record/schema.js';
import { readRecord } from '../adapters/record-store.js';
import { updateRecord } from '../adapters/record-store.js';
import { parseRecord, serializeRecord } from '../core/record/parse.js';
import { reopenIfSigned } from '../core/record/lifecycle.js';
import type { FileResult } from './file.js';
import { walk, type AnswerSource } from '../core/record/walk.js';
import { parseIgnores } from './scan.js';
import { assessmentText, questionBlock, sectionHeader } from '../render/walk.js';
import { createTheme } from '../render/theme.js';
import { safeLine } from '../render/text.js';
import { OUTPUT_FORMATS, parseOptions } from './options.js';

const Options = z.strictObject({
  checklist: z.string().optional(),
  answers: z.string().optional(),
  out: z.string().optional(),
  resume: z.string().optional(),
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

const STORY_FIELDS = ['slug', 'headline', 'desk', 'reporter'] as const;

export interface PendingItem {
  readonly id: string;
  readonly section: string;
  readonly ask: string;
  readonly type: string;
  readonly choices: readonly string[];
}

function slugify(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

function pendingOf(located: Located): PendingItem {
  const q = located.question;
  return {
    id: q.id,
    section: located.section,
    ask: q.ask,
    type: q.type,
    choices: choicesOf(q).map((c) => c.value),
  };
}

function storyPending(field: (typeof STORY_FIELDS)[number]): PendingItem {
  return {
    id: `story.${field}`,
    section: 'story',
    ask: `The story's ${field} (--${field})`,
    type: 'text',
    choices: [],
  };
}

export async function execute(
  args: readonly unknown[],
  raw: Record<string, unknown>,
  ctx: Context,
): Promise<number> {
  const options = parseOptions(Options, raw);
  const t = createTheme(ctx.color);
  const interactive = ctx.interactive && options.input;
  const say = (s: string) => ctx.stderr(s);
  const now = () => new Date().toISOString();
  const config = await loadConfig(ctx);

  // 1. The record to continue, if any, and the article.
  let recordPath = options.resume ?? options.out;
  let existing: RecordFile | undefined;
  if (options.resume) existing = await readRecord(path.resolve(ctx.cwd, options.resume));
  let article = typeof args[0] === 'string' ? args[0] : undefined;
  if (!article && existing?.record.article && existing.record.article.path !== '(stdin)') {
    article = path.relative(
      ctx.cwd,
      path.resolve(
        path.dirname(path.resolve(ctx.cwd, options.resume!)),
        existing.record.article.path,
      ),
    );
  }
  if (!article) {
    throw new UserError('name the draft to check', {
      code: 'USAGE',
      hint: 'For example: prepub check draft.md (or prepub check --resume draft.md.prepub.json)',
    });
  }
  if (!interactive && !options.answers && !existing) {
    throw new UserError('no terminal to ask the questions on', {
      code: 'NO_TERMINAL',
      hint: 'Give the answers in a file with --answers answers.yaml (question id: answer), or run prepub check in a terminal.',
    });
  }
  if (!recordPath && article !== '-') recordPath = `${article}.prepub.json`;
  if (recordPath && !options.resume) {
    // The record is never written over the draft, the answers, a key, or a file that is not a record.
    await checkOutFile(recordPath, {
      flag: '--out',
      cwd: ctx.cwd,
      force: true,
      inputs: [
        article !== '-' ? { file: article, what: 'article being checked' } : undefined,
        options.answers ? { file: options.answers, what: 'answers file' } : undefined,
        options.key ? { file: options.key, what: 'signing key' } : undefined,
      ],
    });
  }
  if (recordPath && !options.resume && existsSync(path.resolve(ctx.cwd, recordPath))) {
    const found = await readRecord(path.resolve(ctx.cwd, recordPath)).catch((error: unknown) => {
      if (
        error instanceof UserError &&
        (error.code === 'RECORD_INVALID' || error.code === 'INPUT_INVALID')
      ) {
        throw new UserError(
          `${recordPath}: already exists and is not a prepub record; it is not overwritten`,
          {
            code: 'USAGE',
            lines: error.options.lines,
            hint: 'Give --out another file name.',
          },
        );
      }
      throw error;
    });
    if (found.status !== 'draft' || found.attestations.length > 0) {
      throw new UserError(
        `${recordPath} is already ${found.status} and signed; it is not overwritten`,
        {
          code: 'RECORD_SIGNED',
          hint: `To change answers, run prepub check --resume ${recordPath} (the record returns to draft and must be filed again).`,
        },
      );
    }
    existing = found;
    say(t.dim(`Continuing the draft record ${recordPath}.\n`));
  }

  // 2. The pack, the scan, the answers file.
  const packRef = options.checklist ?? existing?.record.checklist.id ?? config.config.checklist;
  const pack: Pack = await resolvePack(packRef, ctx);
  const packDir = await locatePack(packRef, ctx);
  const recordDir = recordPath ? path.dirname(path.resolve(ctx.cwd, recordPath)) : ctx.cwd;
  const scanned = await scanArticle(
    article,
    packDir,
    { ignore: parseIgnores(options.ignore ?? []), recordDir },
    ctx,
  );
  let answersFile: ParsedAnswers | undefined;
  if (options.answers) {
    const file = options.answers;
    answersFile = parseAnswers(
      file,
      await readText(path.resolve(ctx.cwd, file), 'answers file'),
      pack,
    );
    if (answersFile.errors.length > 0) {
      throw new UserError(
        `${file}: ${answersFile.errors.length} problem${answersFile.errors.length === 1 ? '' : 's'} in the answers file`,
        {
          code: 'ANSWERS_INVALID',
          lines: answersFile.errors.map(formatDiagnostic),
        },
      );
    }
  }

  // 3. The story.
  const base = existing?.record.story;
  const fromFlags: Partial<Story> = {
    slug: options.slug,
    headline: options.headline,
    desk: options.desk,
    reporter: options.reporter,
  };
  const story: Partial<Story> = {};
  const defaults: Partial<Story> = {
    slug: article !== '-' ? slugify(path.basename(article).replace(/\.[^.]+$/, '')) : undefined,
    headline: scanned.firstLine || undefined,
    desk: config.config.user.desk,
    reporter: config.config.user.name,
  };
  for (const f of STORY_FIELDS) {
    const value = fromFlags[f] ?? answersFile?.story[f] ?? (base?.[f] || undefined);
    if (value) story[f] = value;
  }
  const missingStory = STORY_FIELDS.filter((f) => !story[f]);
  if (missingStory.length > 0) {
    if (interactive) {
      const { askStory } = await import('../prompts/walk.js');
      say(`\n${t.heading('The story')}\n`);
      try {
        Object.assign(story, await askStory(defaults, missingStory));
      } catch (error) {
        if (error instanceof Cancelled)
          throw new Cancelled('Nothing saved yet: the check had not started.');
        throw error;
      }
    } else {
      // Config may fill the reporter and desk; what remains is pending.
      for (const f of missingStory) if (f === 'reporter' || f === 'desk') story[f] = defaults[f];
    }
  }
  if (story.slug !== undefined && !SLUG.test(story.slug)) {
    throw new UserError(`the slug "${story.slug}" cannot name a file: use ${SLUG_RULE}`, {
      code: 'INPUT_INVALID',
    });
  }
  const storyStillMissing = STORY_FIELDS.filter((f) => !story[f]);
  if (!recordPath) {
    if (!story.slug) {
      return pendingExit([], storyStillMissing, undefined, options.format, []);
    }
    recordPath = path.join(config.recordsDir ?? ctx.cwd, `${story.slug}.prepub.json`);
  }
  const recordFile = path.resolve(ctx.cwd, recordPath);
  const shown = path.relative(ctx.cwd, recordFile) || recordFile;
  const by = story.reporter ?? 'unknown reporter';

  // 4. The record: new, or continued with fresh findings.
  const lock: Lock = await acquireLock(recordFile);
  await removeStaleTemps(recordFile);
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
  };
  process.on('SIGINT', onSigint);
  try {
    // Read it again under the lock: what is on disk now is what this run continues.
    let lastText: string | undefined;
    if (existing) {
      lastText = await readText(recordFile, 'record');
      existing = parseRecord(shown, lastText);
    }
    const before = existing;
    const sameBody = (a: RecordFile, b: RecordFile) =>
      JSON.stringify(a.record) === JSON.stringify(b.record);
    /**
     * Save, atomically and only when something changed. A change to a signed record returns it
     * to draft (history kept); a record changed on disk by another process is never overwritten.
     */
    const persist = async (r: RecordFile): Promise<RecordFile> => {
      let next = r;
      if (before && next.status !== 'draft' && !sameBody(next, before))
        next = reopenIfSigned(next, by, now());
      const text = serializeRecord(next);
      record = next;
      if (text === lastText) return next;
      await updateRecord(recordFile, lastText, text, shown, 'prepub check', {
        locked: true,
        hint: `Run prepub check --resume ${shown} to continue from the record as it is now.`,
      });
      lastText = text;
      return next;
    };
    const fullStory: Story = {
      slug: story.slug ?? '',
      headline: story.headline ?? '',
      desk: story.desk ?? '',
      reporter: story.reporter ?? '',
    };
    let record!: RecordFile;
    const carried = new Map<string, GivenAnswer>();
    if (existing) {
      record = updateStory(existing, fullStory);
      const oldSha = existing.record.article?.sha256;
      if (oldSha !== scanned.ref.sha256) {
        say(
          t.warn(
            `The article has changed since this record was last saved (SHA-256 ${oldSha?.slice(0, 12) ?? 'none'}… → ${scanned.ref.sha256.slice(0, 12)}…). It has been scanned again; questions the new findings raise will be asked.\n`,
          ),
        );
        record = addHistory(record, {
          at: now(),
          event: 'rescanned',
          by,
          detail: `article ${oldSha ?? 'none'} → ${scanned.ref.sha256}`,
        });
      }
      if (existing.record.checklist.sha256 !== pack.sha256) {
        say(
          t.warn(
            `The checklist has changed since this record was started (${safeLine(`${existing.record.checklist.id} ${existing.record.checklist.version}`)} → ${pack.id} ${pack.version}).\n`,
          ),
        );
      }
      record = {
        ...record,
        record: {
          ...record.record,
          article: scanned.ref,
          findings: scanned.findings,
          checklist: { id: pack.id, version: pack.version, sha256: pack.sha256 },
        },
      };
      // Earlier answers that no longer hold (a new finding now needs a note) are asked again.
      const answers = { ...record.record.answers };
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
    } else {
      record = newRecord({
        id: randomUUID(),
        pack,
        story: fullStory,
        article: scanned.ref,
        findings: scanned.findings,
        by,
        now: now(),
      });
    }
    // An answers file that says something different from the record changes that answer (the
    // questions that depend on it are asked again, and a signed record returns to draft).
    for (const [id, given] of answersFile?.answers ?? []) {
      const previous = record.record.answers[id];
      if (!previous) continue;
      if (
        previous.value === given.value &&
        (given.note === undefined || given.note === previous.note)
      )
        continue;
      const located = findQuestion(pack, id);
      if (!located || checkAnswer(located.question, given, record.record.findings) !== undefined)
        continue;
      record = applyAnswer(
        record,
        pack,
        id,
        { value: given.value, note: given.note ?? previous.note },
        by,
        now(),
      ).record;
    }
    await persist(record);

    // 5. The walk.
    const refused: Diagnostic[] = [];
    const prompts = interactive ? await import('../prompts/walk.js') : undefined;
    const source: AnswerSource = {
      enterSection(section, index, findings) {
        if (interactive) say(sectionHeader(section, index, pack.sections.length, findings, t));
      },
      async answer(located, ask) {
        if (interrupted) throw new Cancelled('');
        const fromFile = answersFile?.answers.get(located.question.id);
        if (fromFile && ask.problem === undefined) return fromFile;
        if (!prompts) return undefined;
        say(questionBlock(located, ask.progress, ask.raisedBy, ask.problem, t));
        return prompts.askAnswer(located, { ...ask, previous: ask.previous ?? fromFile });
      },
      ...(interactive
        ? {}
        : {
            refused(located: Located, problem: string) {
              const d = answersFile?.problemWith(
                located.question.id,
                answersFile.answers.get(located.question.id) ?? { value: '' },
                record.record.findings,
              );
              refused.push(
                d ?? {
                  file: options.answers ?? '',
                  line: 0,
                  column: 0,
                  message: `${located.question.id}: ${problem}`,
                },
              );
            },
          }),
    };
    const save = async (r: RecordFile) => {
      await persist(r);
      if (interrupted) throw new Cancelled('');
    };
    const run = async () => {
      const result = await walk({ pack, record, source, by, now, save, defaults: carried });
      record = result.record;
      return result;
    };
    try {
      let result = await run();
      // The review screen: change any answer; the questions that depend on it are asked again.
      if (prompts && result.pending.length === 0) {
        for (;;) {
          const items = pack.sections.flatMap((s) =>
            s.questions
              .filter((q) => record.record.answers[q.id] !== undefined)
              .map((q) => {
                const a = record.record.answers[q.id]!;
                const label =
                  q.type === 'text'
                    ? a.value
                    : (choicesOf(q).find((c) => c.value === a.value)?.label ?? a.value);
                const ask = q.ask.length > 70 ? `${q.ask.slice(0, 69)}…` : q.ask;
                return { id: q.id, line: `${s.title}: ${ask} → ${label}` };
              }),
          );
          const pick = await prompts.pickAnswerToChange(items, t);
          if (pick === undefined) break;
          const located = findQuestion(pack, pick)!;
          const previous = record.record.answers[pick];
          say(
            questionBlock(
              located,
              {
                section: pack.sections.findIndex((s) => s.id === located.section) + 1,
                sections: pack.sections.length,
                question: 1,
              },
              [],
              undefined,
              t,
            ),
          );
          const given = await prompts.askAnswer(located, {
            previous,
            findings: record.record.findings,
          });
          const applied = applyAnswer(record, pack, pick, given, by, now());
          for (const id of applied.cleared) {
            const old = record.record.answers[id];
            if (old) carried.set(id, old);
          }
          await save(applied.record);
          result = await run();
        }
      }
      if (result.pending.length > 0 || storyStillMissing.length > 0) {
        return pendingExit(
          result.pending,
          storyStillMissing,
          shown,
          options.format,
          refused.map(formatDiagnostic),
        );
      }
    } catch (error) {
      if (error instanceof Cancelled) {
        await persist(record);
        throw new Cancelled(`Draft saved to ${shown}. Resume with: prepub check --resume ${shown}`);
      }
      throw error;
    }

    // 6. Complete: the assessment, and what to do next.
    const changed = !before || !sameBody(record, before);
    if (changed && record.record.history.at(-1)?.event !== 'completed') {
      await persist(
        addHistory(record, {
          at: now(),
          event: 'completed',
          by,
          detail: `overall risk ${record.record.assessment.overall}`,
        }),
      );
    }
    const answered = Object.keys(record.record.answers).length;
    if (options.format === 'text') say(assessmentText(record.record.assessment, pack, t));
    await lock.release();

    // Filing: asked for with --file, or offered in a terminal, while the record is unsigned.
    const fileable = record.status === 'draft' || record.status === 'returned';
    let filing: FileResult | undefined;
    if (
      fileable &&
      (options.file === true ||
        (prompts !== undefined && (await prompts.confirmFile().catch(rethrowAs(shown)))))
    ) {
      const { runFile } = await import('./file.js');
      filing = await runFile(
        {
          record: recordFile,
          key: options.key,
          confirm: options.file === true && !interactive,
          input: interactive,
        },
        ctx,
      );
      if (filing.warning) say(`${t.warn('warning:')} ${filing.warning}\n`);
    }
    const status = filing?.status ?? record.status;
    if (options.format === 'json') {
      ctx.stdout(
        toJson({
          record: shown,
          status,
          answers: answered,
          assessment: record.record.assessment,
          ...(filing
            ? { filed: { signer: filing.signer, payloadSha256: filing.payloadSha256 } }
            : {}),
        }),
      );
    } else if (filing) {
      say(`\nRecord ${shown} is filed. Next: the desk editor runs prepub review ${shown}\n`);
    } else if (!fileable) {
      say(
        `\nRecord ${shown} is ${status}${changed ? '' : '; nothing changed'}. Check it with: prepub verify ${shown}\n`,
      );
    } else {
      say(
        `\nRecord saved to ${shown} (${answered} answers; status: ${status}). It stays a draft until you file it.\nNext: prepub file ${shown}\n`,
      );
    }
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
    await lock.release();
  }
}

/** Ctrl-C at the filing prompt: the record is saved, not filed. */
function rethrowAs(shown: string) {
  return (error: unknown): never => {
    if (error instanceof Cancelled)
      throw new Cancelled(
        `Record saved to ${shown}; not filed. File it with: prepub file ${shown}`,
      );
    throw error;
  };
}

function pendingExit(
  pending: readonly Located[],
  story: readonly (typeof STORY_FIELDS)[number][],
  record: string | undefined,
  format: 'text' | 'json',
  refused: readonly string[],
): never {
  const items = [...story.map(storyPending), ...pending.map(pendingOf)];
  const lines = [
    ...refused,
    ...items.map(
      (p) =>
        `${p.id}  ${p.type}${p.choices.length ? ` (${p.choices.join(' | ')})` : ''}  ${p.ask.replace(/\s+/g, ' ')}`,
    ),
  ];
  const refusedText =
    refused.length > 0
      ? `${refused.length} answer${refused.length === 1 ? '' : 's'} refused; `
      : '';
  throw new UserError(
    `${refusedText}${items.length} question${items.length === 1 ? '' : 's'} still to answer${record ? `; draft saved to ${record}` : ''}`,
    {
      code: refused.length > 0 ? 'ANSWERS_INVALID' : 'ANSWERS_PENDING',
      lines,
      hint: 'Add them to the answers file (question id: answer) and run the same command again, or run it in a terminal.',
      ...(format === 'json' ? { json: { pending: items } } : {}),
    },
  );
}
