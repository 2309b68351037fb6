// The sign-off sheet as Markdown that reads well on GitHub and GitLab (headings, pipe tables).
// Every value from the record goes through mdEscape, so no note can break a table, start a
// heading, open a code span or smuggle in HTML.
import type { Risk } from '../core/checklist/schema.js';
import {
  displayTime,
  placeNotes,
  RISK_LABELS,
  SIGNATURE_LABELS,
  type Sheet,
  type SheetAnswer,
} from './sheet-model.js';
import type { SignoffRow } from './signoff-chain.js';
import type { CopyLine } from '../core/record/copy-lines.js';
import { safeTerminal } from './text.js';

const INLINE_SPECIAL = /[\\`*_[\]|~$]/g;

/**
 * Escape text for a Markdown inline context (a table cell, a list item, a heading):
 * HTML-significant characters become entities, Markdown punctuation is backslash-escaped,
 * block markers at the start are neutralised, and line breaks become `<br>`.
 */
export function mdEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(INLINE_SPECIAL, (c) => `\\${c}`)
    .replace(/^(\s*)(#|[-+*](?=\s|$)|=+\s*$)/, '$1\\$2')
    .replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, '<br>');
}

function risk(r: Risk | null): string {
  return r === null ? 'not assessed' : `**${RISK_LABELS[r]}**`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`),
  ];
}

function signature(row: SignoffRow): string {
  const { status, detail } = row.signature;
  return `**${SIGNATURE_LABELS[status]}**${detail ? ` (${mdEscape(detail)})` : ''}`;
}

function signoffRow(row: SignoffRow): string[] {
  const unknown = row.problem ? `unreadable: ${mdEscape(row.problem)}` : '—';
  const decision = row.decision ? `**${mdEscape(row.decision)}**` : unknown;
  const reviews = row.reviews !== null ? `<br>reviews #${row.reviews}` : '';
  return [
    String(row.index),
    row.role ? mdEscape(row.role) : '—',
    row.signer ? mdEscape(row.signer) : '—',
    decision + reviews,
    row.time ? displayTime(row.time) : '—',
    row.comment ? mdEscape(row.comment) : '—',
    signature(row),
  ];
}

/** Article lines in a table cell: `5: “text”`, one per line. */
function copyCell(lines: readonly CopyLine[]): string {
  return lines.map((l) => `${l.line}: “${mdEscape(l.text)}”`).join('<br>');
}

function decisionText(d: Sheet['desk']['blockers'][number]['decisions'][number]): string {
  const how = d.acceptedAll
    ? ' (all items accepted without item review)'
    : d.byDecision
      ? " (with the decision's comment, no item review)"
      : '';
  return `**${d.decision === 'accepted' ? 'Accepted' : 'Queried'}** by ${mdEscape(d.by)} (${mdEscape(d.role)}, ${displayTime(d.at)})${how}${d.comment ? `: “${mdEscape(d.comment)}”` : ''}`;
}

/** Blockers and referrals with who accepted them; queries with their replies; accept-alls. */
function deskSections(sheet: Sheet): string[] {
  const out: string[] = [];
  const { blockers, conversation, acceptedAll } = sheet.desk;
  out.push('## Blockers and lawyer referrals', '');
  for (const a of acceptedAll)
    out.push(
      `**Accepted all ${a.items} item${a.items === 1 ? '' : 's'} without item review — ${mdEscape(a.by)}** (${mdEscape(a.role)}, ${displayTime(a.at)}, envelope ${a.envelope})`,
      '',
    );
  if (blockers.length === 0) out.push('None.', '');
  else
    out.push(
      ...table(
        ['Item', 'Answer and note', 'In the copy', 'Reviewed'],
        blockers.map((b) => [
          `${mdEscape(b.title)}<br>${risk(b.risk)}${b.lawyer ? ', refer to lawyer' : ''}`,
          `${mdEscape(b.answer)}${b.note ? `<br>Note: ${mdEscape(b.note)}` : ''}`,
          b.copy.length > 0 ? copyCell(b.copy) : '—',
          b.decisions.length > 0
            ? b.decisions.map(decisionText).join('<br>')
            : '**Not reviewed yet**',
        ]),
      ),
      '',
    );
  out.push('## Queries and replies', '');
  if (conversation.length === 0) out.push('No queries.', '');
  else
    out.push(
      ...table(
        ['Item', 'Query', 'Reply', 'Decision'],
        conversation.map((t) => [
          `${mdEscape(t.title)}${t.copy.length > 0 ? `<br>${copyCell(t.copy)}` : ''}`,
          `${mdEscape(t.query.comment)}<br>— ${mdEscape(t.query.by)} (${mdEscape(t.query.role)}, ${displayTime(t.query.at)})`,
          t.reply
            ? `${mdEscape(t.reply.text)}<br>— ${mdEscape(t.reply.by)} (${displayTime(t.reply.at)}${t.reply.filed === null ? ', not filed yet' : ''})`
            : t.open
              ? '**Open: no reply yet**'
              : 'No reply',
          t.outcome
            ? `**${t.outcome.decision === 'accepted' ? 'Accepted' : 'Queried again'}** by ${mdEscape(t.outcome.by)} (${mdEscape(t.outcome.role)})${t.outcome.comment ? `: “${mdEscape(t.outcome.comment)}”` : ''}`
            : '—',
        ]),
      ),
      '',
    );
  return out;
}

function answerRow(a: SheetAnswer): string[] {
  const question = `${a.ask ? mdEscape(a.ask) : '(question text unavailable)'}<br>_${mdEscape(a.question)}_`;
  const marks = [a.flagged ? 'flagged for the desk' : '', a.lawyer ? 'refer to lawyer' : '']
    .filter(Boolean)
    .join(', ');
  return [
    question,
    mdEscape(a.answer),
    `${risk(a.risk)}${marks ? `<br>${marks}` : ''}`,
    (a.note ? mdEscape(a.note) : '—') +
      (a.copy.length > 0 ? `<br>In the copy: ${copyCell(a.copy)}` : ''),
    a.citations.length > 0 ? a.citations.map(mdEscape).join('<br>') : '—',
  ];
}

/** The sheet as Markdown: LF line ends, one trailing newline. */
export function renderMarkdown(sheet: Sheet): string {
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);
  const s = sheet.story;

  push(`# Sign-off sheet: ${mdEscape(s.headline)}`, '');
  push(
    `**Overall risk: ${RISK_LABELS[sheet.assessment.overall]}** · **Status: ${sheet.record.statusLabel}**` +
      (sheet.record.asOf ? ` · Record as of ${displayTime(sheet.record.asOf)}` : ''),
    '',
  );

  push('## Story', '');
  push(`- **Headline:** ${mdEscape(s.headline)}`);
  push(`- **Slug:** ${mdEscape(s.slug)}`);
  push(`- **Desk:** ${mdEscape(s.desk)}`);
  push(`- **Reporter:** ${mdEscape(s.reporter)}`);
  if (sheet.article) {
    push(`- **Article:** ${mdEscape(sheet.article.path)} (${sheet.article.bytes} bytes)`);
    push(`- **Article SHA-256:** \`${sheet.article.sha256}\``);
  } else {
    push('- **Article:** none recorded');
  }
  const c = sheet.checklist;
  push(
    `- **Checklist:** ${mdEscape(c.id)} ${mdEscape(c.version)}${c.title ? ` (${mdEscape(c.title)})` : ''}`,
  );
  push(`- **Checklist SHA-256:** \`${c.sha256}\``);
  push(`- **Record ID:** ${mdEscape(sheet.record.id)}`);
  push('', `> ${mdEscape(c.citations.text)}`, '');

  push('## Assessment', '');
  push(`Overall risk: ${risk(sheet.assessment.overall)}.`);
  if (sheet.assessment.pending > 0) {
    const n = sheet.assessment.pending;
    push('', `**${n} question${n === 1 ? '' : 's'} still to answer.**`);
  }
  push('');
  push(
    ...table(
      ['Section', 'Risk'],
      sheet.assessment.sections.map((x) => [mdEscape(x.title), risk(x.risk)]),
    ),
  );
  push('', '### Required actions', '');
  if (sheet.assessment.actions.length === 0) push('None.');
  for (const [i, a] of sheet.assessment.actions.entries()) {
    const about = a.ask ? ` (${mdEscape(a.ask)})` : ` (${mdEscape(a.question)})`;
    push(`${i + 1}. ${mdEscape(a.text)}${about}`);
  }
  push('', '### Referred to a lawyer', '');
  if (sheet.assessment.referrals.length === 0) push('None.');
  else {
    push(
      ...table(
        ['Question', 'Answer', 'Risk'],
        sheet.assessment.referrals.map((x) => [mdEscape(x.ask), mdEscape(x.answer), risk(x.risk)]),
      ),
    );
  }
  push('');

  push(...deskSections(sheet));

  push('## Sign-off chain', '', mdEscape(sheet.signoffs.summary), '');
  for (const check of sheet.signoffs.integrity) {
    push(
      `- **${mdEscape(capitalise(check.name))}: ${check.ok ? 'OK' : 'FAILED'}**: ${mdEscape(check.detail)}`,
    );
  }
  if (sheet.signoffs.integrity.length > 0) push('');
  if (sheet.signoffs.rows.length > 0) {
    push(
      ...table(
        ['#', 'Role', 'Signed by', 'Decision', 'Time', 'Comment', 'Signature'],
        sheet.signoffs.rows.map(signoffRow),
      ),
      '',
    );
  }

  push('## Answers', '');
  for (const section of sheet.sections) {
    push(`### ${mdEscape(section.title)}: risk ${risk(section.risk)}`, '');
    if (section.answers.length === 0) {
      push('No questions answered in this section.', '');
      continue;
    }
    push(
      ...table(['Question', 'Answer', 'Risk', 'Note', 'Citations'], section.answers.map(answerRow)),
      '',
    );
  }

  push('## Findings', '');
  if (sheet.findings.length === 0) push('The scan found nothing.', '');
  else {
    push(
      ...table(
        ['Line', 'Severity', 'Section', 'Excerpt', 'Message', 'Status'],
        sheet.findings.map((f) => [
          `${f.line}:${f.column}`,
          `**${f.severity.toUpperCase()}**`,
          mdEscape(f.sectionTitle),
          `“${mdEscape(f.excerpt)}”`,
          `${mdEscape(f.message)}${placeNotes(f, mdEscape)
            .map((n) => `<br>${n}`)
            .join('')}<br>_${mdEscape(f.rule)}_`,
          f.suppressed
            ? `**Suppressed** (${f.suppressed.by === 'comment' ? 'comment in the article' : 'command-line flag'}): ${mdEscape(f.suppressed.reason)}`
            : 'Open',
        ]),
      ),
      '',
    );
  }

  push('## History', '');
  if (sheet.history.length === 0) push('No history recorded.', '');
  else {
    push(
      ...table(
        ['Time', 'Event', 'By', 'Detail'],
        sheet.history.map((h) => [
          displayTime(h.at),
          mdEscape(h.event),
          mdEscape(h.by),
          h.detail ? mdEscape(h.detail) : '—',
        ]),
      ),
      '',
    );
  }

  push('---', '', `_${mdEscape(sheet.disclaimer)}_`);
  // The sheet is read on a terminal as often as in a browser: no control character reaches either.
  return safeTerminal(`${out.join('\n')}\n`);
}
