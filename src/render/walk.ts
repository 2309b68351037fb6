// What the reporter sees around the prompts: section headers, findings, questions, the assessment.
import { itemLabel, type Located } from '../core/checklist/engine.js';
import type { Pack, Section } from '../core/checklist/schema.js';
import type { Assessment } from '../core/checklist/assessment.js';
import type { Finding } from '../core/scan/finding.js';
import { placesOf } from '../core/scan/places.js';
import type { Progress } from '../core/record/walk.js';
import type { Theme } from './theme.js';
import { safeLine as s, wrap } from './text.js';

// Pack, record and article text is made terminal-safe (s, or wrap, which does it) before the
// theme styles it.

export function findingLine(f: Finding, t: Theme): string {
  const where = `line ${f.line}`;
  const tag = f.suppressed ? t.dim(` (suppressed: ${s(f.suppressed.reason)})`) : '';
  const out = [
    `  ${t.risk(f.severity)} ${where}: "${s(f.excerpt)}" ${t.dim('·')} ${s(f.message)}${tag}`,
  ];
  // Why it is this serious, and where the problem lies: what the reporter checks in the draft.
  if (f.because && f.because.length > 0)
    out.push(
      t.dim(
        `      because: ${f.because.map((b) => `${s(b.why)} (line ${b.line} "${s(b.excerpt)}")`).join('; ')}`,
      ),
    );
  const { repeats, pointsAt } = placesOf(f);
  if (pointsAt.length > 0)
    out.push(
      t.dim(
        `      check: ${pointsAt
          .slice(0, 5)
          .map((r) => `line ${r.line} "${s(r.excerpt ?? '')}" (${s(r.why ?? '')})`)
          .join(', ')}${pointsAt.length > 5 ? ` and ${pointsAt.length - 5} more` : ''}`,
      ),
    );
  if (repeats.length > 0)
    out.push(
      t.dim(
        `      also at line ${[...new Set(repeats.map((r) => r.line))].slice(0, 8).join(', ')} (${repeats.length + 1} times in all)`,
      ),
    );
  return out.join('\n');
}

export function sectionHeader(
  section: Section,
  index: number,
  total: number,
  findings: readonly Finding[],
  t: Theme,
): string {
  const out = [
    '',
    t.heading(`── Section ${index + 1} of ${total}: ${s(section.title)} ──`),
    t.dim(wrap(section.why, 88, '')),
  ];
  if (findings.length > 0) {
    out.push(
      '',
      t.strong(
        `The scan found ${findings.length} thing${findings.length === 1 ? '' : 's'} in your draft for this section:`,
      ),
    );
    for (const f of findings.slice(0, 12)) out.push(findingLine(f, t));
    if (findings.length > 12)
      out.push(t.dim(`  … and ${findings.length - 12} more (prepub scan shows them all)`));
  }
  return `${out.join('\n')}\n`;
}

export function questionBlock(
  located: Located,
  progress: Progress,
  raisedBy: readonly string[],
  problem: string | undefined,
  t: Theme,
): string {
  const q = located.question;
  const count =
    progress.number !== undefined && progress.total !== undefined
      ? `Question ${progress.number} of about ${progress.total} · `
      : '';
  const out = [
    '',
    t.dim(
      `${count}Section ${progress.section} of ${progress.sections} · question ${progress.question} · ${s(located.key)}`,
    ),
  ];
  if (raisedBy.length > 0)
    out.push(t.warn(`Asked because the scan found: ${s(raisedBy.join(', '))}`));
  const item = itemLabel(located);
  // A repeat group's own prompt is only "Another proceeding?"; its text opens each item.
  if (q.type === 'repeat') return '';
  const group = located.group?.question;
  if (group && group.questions?.[0]?.id === q.id) {
    out.push(t.heading(`${item ?? ''} · ${s(group.ask)}`));
    if (located.group?.n === 1) out.push(t.dim(wrap(group.guidance, 88, '  ')));
  }
  out.push(t.strong(wrap(item ? `${item}: ${q.ask}` : q.ask, 90, '')));
  out.push(t.dim(wrap(q.guidance, 88, '  ')));
  out.push(t.dim(wrap(`Cites: ${q.citations.join('; ')}`, 88, '  ')));
  if (problem) out.push(t.bad(`! ${s(problem)}`));
  return `${out.join('\n')}\n`;
}

export function assessmentText(assessment: Assessment, pack: Pack, t: Theme): string {
  const out = ['', t.heading('Assessment'), `  Overall risk: ${t.risk(assessment.overall)}`];
  for (const section of pack.sections)
    out.push(
      `  ${s(section.title).padEnd(40)} ${t.risk(assessment.sections[section.id] ?? 'none')}`,
    );
  if (assessment.referrals.length > 0) {
    out.push('', t.strong(`Refer to a lawyer (${assessment.referrals.length}):`));
    for (const r of assessment.referrals) {
      out.push(
        `  ${t.risk(r.risk)} ${s(r.question)}: ${s(r.answer)}`,
        t.dim(wrap(r.ask, 84, '      ')),
      );
      if (r.note) out.push(wrap(`Your note: ${r.note}`, 84, '      '));
    }
  }
  if (assessment.actions.length > 0) {
    out.push('', t.strong(`Required actions (${assessment.actions.length}):`));
    for (const a of assessment.actions) out.push(wrap(`- ${a.text}`, 86, '  '));
  }
  if (assessment.pending > 0)
    out.push(
      '',
      t.warn(
        `${assessment.pending} question${assessment.pending === 1 ? '' : 's'} still to answer.`,
      ),
    );
  out.push('', t.dim('prepub supports judgement; it does not clear a story for publication.'));
  return `${out.join('\n')}\n`;
}
