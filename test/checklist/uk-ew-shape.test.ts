// The shape of the uk-ew pack: it validates, each section screens a harmless story quickly, risks
// are consistent, and every question is cited and has two to five sentences of guidance. Each
// check lists every violation it finds, so a failure says what to fix in the YAML.
import { describe, expect, it } from 'vitest';
import { allQuestions } from '../../src/core/checklist/engine.js';
import {
  choicesOf,
  riskRank,
  type Outcome,
  type SectionId,
} from '../../src/core/checklist/schema.js';
import { loadUkEw, ukEw, walk } from './uk-ew-pack.js';

/** The most screening questions (questions without `when`) each section may have. */
const SCREENING_BUDGET: Record<SectionId, number> = {
  safety: 1,
  restrictions: 1,
  defamation: 1,
  privacy: 1,
  sources: 1,
  accuracy: 1,
};

// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS =
  /\b(?:e\.g|i\.e|etc|cf|vs?|cl|paras?|ss?|r|No|Art|Arts|Sch|Pt|Mr|Mrs|Ms|Dr|St|Cllr|PC|Ltd|Co|approx|incl)\.(?=\s|$)/g;

/**
 * Sentences in a guidance text: a run of text ending in ".", "!" or "?" (optionally followed by a
 * closing quote or bracket) before a space or the end. Full stops in abbreviations ("e.g.",
 * "cl.", "s.") and numbers ("1.2") do not count.
 */
function sentences(text: string): string[] {
  const masked = text.replace(ABBREVIATIONS, (m) => m.replace(/\./g, '\u2024'));
  return masked
    .split(/(?<=[.!?]["'\u201d\u2019)\]]?)\s+(?=["'\u201c\u2018(]?[A-Z0-9])/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && /[.!?]["'\u201d\u2019)\]]?$/.test(s));
}

function outcomes(q: ReturnType<typeof allQuestions>[number]['question']): [string, Outcome][] {
  if (q.type === 'text') return q.outcome ? [['(text)', q.outcome]] : [];
  return choicesOf(q).map((c) => [c.value, c.outcome]);
}

describe('uk-ew pack shape', () => {
  it('validates with no errors and no warnings', async () => {
    const { pack, errors, warnings } = await loadUkEw();
    const show = (d: readonly { file: string; line: number; column: number; message: string }[]) =>
      d.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`);
    expect(show(errors)).toEqual([]);
    expect(show(warnings)).toEqual([]);
    expect(pack?.sections.map((s) => s.id)).toEqual([
      'safety',
      'restrictions',
      'defamation',
      'privacy',
      'sources',
      'accuracy',
    ]);
  });

  it('every section opens with 1 to 3 screening questions, within its budget', async () => {
    const pack = await ukEw();
    const problems: string[] = [];
    for (const s of pack.sections) {
      const screening = s.questions.filter((q) => !q.when);
      const budget = SCREENING_BUDGET[s.id];
      if (screening.length < 1 || screening.length > Math.min(3, budget)) {
        problems.push(
          `${s.id}: ${screening.length} screening questions (${screening.map((q) => q.id).join(', ')}); allowed 1-${budget}`,
        );
      }
      // Screening questions come first, so a harmless story never jumps back and forth.
      const firstFollowUp = s.questions.findIndex((q) => q.when);
      const lateScreening = s.questions.slice(
        firstFollowUp === -1 ? s.questions.length : firstFollowUp,
      );
      for (const q of lateScreening.filter((x) => !x.when)) {
        problems.push(`${q.id}: a screening question after the section's first follow-up`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('a harmless story ("none of these" in every section, no findings) takes at most 8 answers', async () => {
    const pack = await ukEw();
    const result = walk(pack, { answers: {}, otherwise: 'none' });
    expect(result.asked.length).toBeLessThanOrEqual(8);
    expect(result.asked.length).toBe(
      allQuestions(pack).filter((l) => !l.question.when && !l.group).length,
    );
    expect(result.assessment.overall).toBe('none');
  });

  it('every blocker answer refers the story to a lawyer', async () => {
    const pack = await ukEw();
    const problems: string[] = [];
    for (const { question: q } of allQuestions(pack)) {
      for (const [value, o] of outcomes(q)) {
        if (o.risk === 'blocker' && !o.lawyer)
          problems.push(`${q.id} "${value}": blocker without lawyer: true`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('a yes-no "unsure" is at least as risky as the riskier of "yes" and "no"', async () => {
    const pack = await ukEw();
    const problems: string[] = [];
    for (const { question: q } of allQuestions(pack)) {
      if (q.type !== 'yes-no' || !q.answers) continue;
      const { yes, no, unsure } = q.answers;
      if (!unsure || !yes || !no) continue;
      const riskier = Math.max(riskRank(yes.risk), riskRank(no.risk));
      if (riskRank(unsure.risk) < riskier) {
        problems.push(
          `${q.id}: unsure is ${unsure.risk}, but yes is ${yes.risk} and no is ${no.risk}`,
        );
      }
    }
    expect(problems).toEqual([]);
  });

  it('every question has at least one citation and guidance of 2 to 5 sentences', async () => {
    const pack = await ukEw();
    const problems: string[] = [];
    for (const { question: q } of allQuestions(pack)) {
      if (q.citations.length < 1) problems.push(`${q.id}: no citation`);
      const n = sentences(q.guidance).length;
      if (n < 2 || n > 5) problems.push(`${q.id}: guidance has ${n} sentences`);
    }
    expect(problems).toEqual([]);
  });

  it('the sentence counter is sensible', () => {
    expect(sentences('One. Two, e.g. "this", and cl. 2 of s. 4. Three? "Four."')).toHaveLength(4);
    expect(sentences('Version 1.2 is out. Ask (the desk). Then go.')).toHaveLength(3);
    expect(sentences('Ends without a full stop')).toHaveLength(0);
  });
});
