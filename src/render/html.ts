// The sign-off sheet as one self-contained HTML file: inline CSS, no script, nothing fetched,
// printable on A4. Every value from the record goes through esc(); the Content-Security-Policy
// meta tag means nothing could load or run even if escaping ever failed.
import type { Risk } from '../core/checklist/schema.js';
import type { CopyLine } from '../core/record/copy-lines.js';
import {
  displayTime,
  placeNotes,
  RISK_LABELS,
  SIGNATURE_LABELS,
  type Sheet,
  type SheetAnswer,
  type SheetFinding,
} from './sheet-model.js';
import type { SignatureCheck, SignoffRow } from './signoff-chain.js';

export const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** Text for an HTML text node or a quoted attribute value. */
export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Badge colours (foreground, background); each pair meets WCAG AA (4.5:1) for small text. */
export const PALETTE = {
  text: ['#1b1f24', '#ffffff'],
  muted: ['#4a5360', '#ffffff'],
  none: ['#14532d', '#e3f1e8'],
  low: ['#1e3a8a', '#e6eefb'],
  medium: ['#5c3900', '#fbe7a8'],
  high: ['#ffffff', '#b42318'],
  blocker: ['#ffffff', '#5c0a0a'],
  verified: ['#14532d', '#e3f1e8'],
  failed: ['#ffffff', '#b42318'],
  unchecked: ['#2f3742', '#e9ecf0'],
} as const satisfies Record<string, readonly [string, string]>;

const c = (key: keyof typeof PALETTE) => `color:${PALETTE[key][0]};background:${PALETTE[key][1]}`;

const STYLE = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;${c('text')};font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans",sans-serif;-webkit-print-color-adjust:exact;print-color-adjust:exact}
main{max-width:60rem;margin:0 auto;padding:2rem 2rem 3rem}
h1,h2,h3{line-height:1.25;margin:0}
h1{font-size:1.75rem;margin:.25rem 0 .75rem}
h2{font-size:1.2rem;margin:2rem 0 .75rem;padding-bottom:.3rem;border-bottom:2px solid #1b1f24}
h3{font-size:1rem;margin:1.25rem 0 .5rem;display:flex;gap:.6rem;align-items:center}
p{margin:.5rem 0}
.kicker{margin:0;font-size:.8rem;letter-spacing:.08em;text-transform:uppercase;color:${PALETTE.muted[0]}}
.masthead{border-bottom:4px solid #1b1f24;padding-bottom:1rem}
.summary{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;margin:0;padding:0;list-style:none}
.summary li{display:flex;gap:.5rem;align-items:center}
.label{color:${PALETTE.muted[0]}}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:.25rem;border:1px solid currentColor;font-weight:700;font-size:.78rem;letter-spacing:.04em;white-space:nowrap;line-height:1.5}
.risk-none{${c('none')}}.risk-low{${c('low')}}.risk-medium{${c('medium')}}
.risk-high{${c('high')};border-color:${PALETTE.high[1]}}.risk-blocker{${c('blocker')};border-color:${PALETTE.blocker[1]}}
.risk-unknown{${c('unchecked')}}
.sig-verified{${c('verified')}}.sig-failed{${c('failed')};border-color:${PALETTE.failed[1]}}.sig-not-checked{${c('unchecked')}}
.tag{display:inline-block;font-size:.75rem;font-weight:600;border:1px solid #4a5360;border-radius:.25rem;padding:0 .35rem;margin:.2rem .25rem 0 0;color:#2f3742}
table{width:100%;border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}
th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border:1px solid #c9ced6;overflow-wrap:break-word}
thead th{background:#eef1f4;font-weight:600}
tbody th{font-weight:600;background:#f6f7f9}
.facts{width:auto;min-width:60%}
.facts th{width:11rem;white-space:nowrap}
.mono{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"Liberation Mono",monospace;font-size:.82rem;overflow-wrap:anywhere}
.digest{word-break:break-all}
table.fixed{table-layout:fixed}
.answers th:nth-child(1){width:29%}.answers th:nth-child(2){width:14%}.answers th:nth-child(3){width:12%}.answers th:nth-child(4){width:21%}
.signoffs th:nth-child(1){width:2.2rem}.signoffs th:nth-child(2){width:9%}.signoffs th:nth-child(3){width:16%}.signoffs th:nth-child(4){width:12%}.signoffs th:nth-child(5){width:13%}.signoffs th:nth-child(7){width:19%}
.findings th:nth-child(1){width:7%}.findings th:nth-child(2){width:11%}.findings th:nth-child(3){width:14%}.findings th:nth-child(4){width:18%}.findings th:nth-child(6){width:22%}
.history th:nth-child(1){width:13rem}.history th:nth-child(2){width:8rem}.history th:nth-child(3){width:22%}
.nowrap{white-space:nowrap}
.qid{display:block;margin-top:.2rem;font-size:.78rem;color:${PALETTE.muted[0]}}
.note{white-space:pre-wrap}
.muted{color:${PALETTE.muted[0]}}
.callout{border-left:4px solid #4a5360;background:#f6f7f9;padding:.6rem .8rem;margin:1rem 0}
.callout.warn{border-left-color:${PALETTE.high[1]}}
ul.checks{list-style:none;padding:0;margin:.5rem 0}
ul.checks li{margin:.25rem 0}
ul.cites{margin:0;padding-left:1rem}
ol.actions{padding-left:1.4rem}
ol.actions li{margin:.3rem 0}
.suppressed td{background:#f6f7f9}
footer{margin-top:2.5rem;padding-top:.75rem;border-top:1px solid #c9ced6;font-size:.82rem;color:${PALETTE.muted[0]}}
@page{size:A4;margin:16mm 14mm 18mm;@bottom-right{content:"Page " counter(page) " of " counter(pages);font:8pt sans-serif;color:#4a5360}@bottom-left{content:"prepub sign-off sheet";font:8pt sans-serif;color:#4a5360}}
@media print{
body{font-size:9.5pt}
main{max-width:none;padding:0}
h2{margin-top:1.2rem}
h2,h3{break-after:avoid;page-break-after:avoid}
tr,li,.callout,.masthead{break-inside:avoid;page-break-inside:avoid}
thead{display:table-header-group}
}
`.trim();

function riskBadge(risk: Risk | null): string {
  if (risk === null) return '<span class="badge risk-unknown">NOT ASSESSED</span>';
  return `<span class="badge risk-${risk}">${RISK_LABELS[risk]}</span>`;
}

function severityBadge(f: SheetFinding): string {
  return `<span class="badge risk-${f.severity}">${RISK_LABELS[f.severity]}</span>`;
}

function time(iso: string, stacked = false): string {
  const shown = esc(displayTime(iso));
  return `<time datetime="${esc(iso)}">${stacked ? shown.replace(', ', ',<br>') : shown}</time>`;
}

function sigBadge(check: SignatureCheck): string {
  const detail = check.detail ? `<br><span class="muted">${esc(check.detail)}</span>` : '';
  return `<span class="badge sig-${check.status}">${SIGNATURE_LABELS[check.status].toUpperCase()}</span>${detail}`;
}

function table(head: readonly string[], rows: readonly string[], cls = ''): string {
  const th = head.map((h) => `<th scope="col">${h}</th>`).join('');
  return `<table${cls ? ` class="${cls}"` : ''}>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

function fact(label: string, value: string): string {
  return `<tr><th scope="row">${label}</th><td>${value}</td></tr>`;
}

function signoffRow(row: SignoffRow): string {
  const dash = '<span class="muted">—</span>';
  const decision = row.decision
    ? `<strong>${esc(row.decision)}</strong>`
    : row.problem
      ? `<span class="badge sig-failed">UNREADABLE</span><br>${esc(row.problem)}`
      : dash;
  const reviews =
    row.reviews !== null ? `<br><span class="muted">reviews #${row.reviews}</span>` : '';
  // A verified signature names its key in the last column; otherwise show the key id it claims.
  const keyids =
    row.signature.status !== 'verified' && row.keyids.length > 0
      ? `<span class="qid mono">key ${row.keyids.map((k) => esc(k.length > 12 ? `${k.slice(0, 12)}…` : k)).join(', ')}</span>`
      : '';
  return (
    '<tr>' +
    `<th scope="row">${row.index}</th>` +
    `<td>${row.role ? esc(row.role) : dash}</td>` +
    `<td>${row.signer ? esc(row.signer) : dash}${keyids}</td>` +
    `<td>${decision}${reviews}</td>` +
    `<td>${row.time ? time(row.time, true) : dash}</td>` +
    `<td class="note">${row.comment ? esc(row.comment) : dash}</td>` +
    `<td>${sigBadge(row.signature)}</td>` +
    '</tr>'
  );
}

function answerRow(a: SheetAnswer): string {
  const ask = a.ask ? esc(a.ask) : '<span class="muted">(question text unavailable)</span>';
  const tags = [
    a.flagged ? '<span class="tag">FLAGGED</span>' : '',
    a.lawyer ? '<span class="tag">REFER TO LAWYER</span>' : '',
  ].join('');
  const cites =
    a.citations.length > 0
      ? `<ul class="cites">${a.citations.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`
      : '<span class="muted">—</span>';
  return (
    '<tr>' +
    `<td>${ask}<span class="qid mono">${esc(a.question)}</span></td>` +
    `<td>${esc(a.answer)}</td>` +
    `<td>${riskBadge(a.risk)}${tags ? `<br>${tags}` : ''}</td>` +
    `<td class="note">${a.note ? esc(a.note) : '<span class="muted">—</span>'}${a.copy.length > 0 ? `<br><span class="muted">In the copy:</span>${copyHtml(a.copy)}` : ''}</td>` +
    `<td>${cites}</td>` +
    '</tr>'
  );
}

function copyHtml(lines: readonly CopyLine[]): string {
  if (lines.length === 0) return '<span class="muted">—</span>';
  return `<ul class="cites">${lines.map((l) => `<li><span class="mono">${l.line}</span> “${esc(l.text)}”</li>`).join('')}</ul>`;
}

/** Blockers and referrals with who accepted them; queries with their replies; accept-alls. */
function deskSection(sheet: Sheet): string[] {
  const { blockers, conversation, acceptedAll } = sheet.desk;
  const dash = '<span class="muted">—</span>';
  const out = [
    '<section aria-labelledby="h-desk">',
    '<h2 id="h-desk">Blockers, referrals and queries</h2>',
  ];
  for (const a of acceptedAll)
    out.push(
      `<p class="callout warn"><strong>Accepted all ${a.items} item${a.items === 1 ? '' : 's'} without item review — ${esc(a.by)}</strong> (${esc(a.role)}, ${time(a.at)}, envelope ${a.envelope})</p>`,
    );
  if (blockers.length === 0) out.push('<p>No blocker and no lawyer referral.</p>');
  else
    out.push(
      table(
        ['Blocker or referral', 'Answer and note', 'In the copy', 'Reviewed'],
        blockers.map(
          (b) =>
            '<tr>' +
            `<td>${esc(b.title)}<br>${riskBadge(b.risk)}${b.lawyer ? '<span class="tag">REFER TO LAWYER</span>' : ''}</td>` +
            `<td>${esc(b.answer)}${b.note ? `<br><span class="note">${esc(b.note)}</span>` : ''}</td>` +
            `<td>${copyHtml(b.copy)}</td>` +
            `<td>${
              b.decisions.length > 0
                ? b.decisions
                    .map(
                      (d) =>
                        `<strong>${d.decision === 'accepted' ? 'Accepted' : 'Queried'}</strong> by ${esc(d.by)} (${esc(d.role)}, ${time(d.at)})${d.acceptedAll ? ' <span class="tag">ALL ITEMS ACCEPTED WITHOUT ITEM REVIEW</span>' : d.byDecision ? ' <span class="muted">(decision\'s comment, no item review)</span>' : ''}${d.comment ? `: “${esc(d.comment)}”` : ''}`,
                    )
                    .join('<br>')
                : '<strong>Not reviewed yet</strong>'
            }</td>` +
            '</tr>',
        ),
      ),
    );
  if (conversation.length === 0) out.push('<p>No queries.</p>');
  else
    out.push(
      table(
        ['Item', 'Query', 'Reply', 'Decision'],
        conversation.map(
          (t) =>
            '<tr>' +
            `<td>${esc(t.title)}${t.copy.length > 0 ? copyHtml(t.copy) : ''}</td>` +
            `<td class="note">${esc(t.query.comment)}<br><span class="muted">— ${esc(t.query.by)} (${esc(t.query.role)}, ${time(t.query.at)})</span></td>` +
            `<td class="note">${
              t.reply
                ? `${esc(t.reply.text)}<br><span class="muted">— ${esc(t.reply.by)} (${time(t.reply.at)}${t.reply.filed === null ? ', not filed yet' : ''})</span>`
                : t.open
                  ? '<strong>Open: no reply yet</strong>'
                  : 'No reply'
            }</td>` +
            `<td>${
              t.outcome
                ? `<strong>${t.outcome.decision === 'accepted' ? 'Accepted' : 'Queried again'}</strong> by ${esc(t.outcome.by)} (${esc(t.outcome.role)})${t.outcome.comment ? `: “${esc(t.outcome.comment)}”` : ''}`
                : dash
            }</td>` +
            '</tr>',
        ),
      ),
    );
  out.push('</section>');
  return out;
}

function findingRow(f: SheetFinding): string {
  const status = f.suppressed
    ? `<strong>Suppressed</strong> <span class="muted">(${f.suppressed.by === 'comment' ? 'comment in the article' : 'command-line flag'})</span><br>${esc(f.suppressed.reason)}`
    : 'Open';
  return (
    `<tr${f.suppressed ? ' class="suppressed"' : ''}>` +
    `<td>${f.line}:${f.column}</td>` +
    `<td>${severityBadge(f)}</td>` +
    `<td>${esc(f.sectionTitle)}</td>` +
    `<td class="note">“${esc(f.excerpt)}”</td>` +
    `<td>${esc(f.message)}${placeNotes(f, esc)
      .map((n) => `<br><span class="muted">${n}</span>`)
      .join('')}<span class="qid mono">${esc(f.rule)}</span></td>` +
    `<td>${status}</td>` +
    '</tr>'
  );
}

/** The sheet as a standalone HTML document: LF line ends, one trailing newline. */
export function renderHtml(sheet: Sheet): string {
  const s = sheet.story;
  const a = sheet.assessment;
  const ck = sheet.checklist;
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);

  push(
    '<!doctype html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">`,
    '<meta name="robots" content="noindex">',
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Sign-off sheet: ${esc(s.headline)}</title>`,
    `<style>\n${STYLE}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
  );

  // Masthead
  const asOf = sheet.record.asOf
    ? `<li><span class="label">Record as of</span> ${time(sheet.record.asOf)}</li>`
    : '';
  push(
    '<header class="masthead">',
    '<p class="kicker">Pre-publication sign-off sheet</p>',
    `<h1>${esc(s.headline)}</h1>`,
    '<ul class="summary">',
    `<li><span class="label">Overall risk</span> ${riskBadge(a.overall)}</li>`,
    `<li><span class="label">Status</span> <strong>${esc(sheet.record.statusLabel)}</strong></li>`,
    asOf,
    '</ul>',
    '</header>',
  );

  // Story
  const article = sheet.article
    ? fact(
        'Article',
        `${esc(sheet.article.path)} <span class="muted">(${sheet.article.bytes} bytes)</span>`,
      ) +
      '\n' +
      fact('Article SHA-256', `<span class="mono digest">${esc(sheet.article.sha256)}</span>`)
    : fact('Article', '<span class="muted">none recorded</span>');
  push(
    '<section aria-labelledby="h-story">',
    '<h2 id="h-story">Story</h2>',
    '<table class="facts">',
    '<tbody>',
    fact('Slug', esc(s.slug)),
    fact('Desk', esc(s.desk)),
    fact('Reporter', esc(s.reporter)),
    article,
    fact(
      'Checklist',
      `${esc(ck.id)} ${esc(ck.version)}${ck.title ? ` <span class="muted">(${esc(ck.title)})</span>` : ''}`,
    ),
    fact('Checklist SHA-256', `<span class="mono digest">${esc(ck.sha256)}</span>`),
    fact('Record ID', `<span class="mono">${esc(sheet.record.id)}</span>`),
    '</tbody>',
    '</table>',
    `<p class="callout${ck.citations.source === 'pack' ? '' : ' warn'}">${esc(ck.citations.text)}</p>`,
    '</section>',
  );

  // Sign-off chain
  push(
    '<section aria-labelledby="h-signoff">',
    '<h2 id="h-signoff">Sign-off chain</h2>',
    `<p>${esc(sheet.signoffs.summary)}</p>`,
  );
  if (sheet.signoffs.integrity.length > 0) {
    push(
      '<ul class="checks">',
      ...sheet.signoffs.integrity.map(
        (x) =>
          `<li><span class="badge sig-${x.ok ? 'verified' : 'failed'}">${x.ok ? 'OK' : 'FAILED'}</span> <strong>${esc(x.name.charAt(0).toUpperCase() + x.name.slice(1))}</strong>: ${esc(x.detail)}</li>`,
      ),
      '</ul>',
    );
  }
  if (sheet.signoffs.rows.length > 0) {
    push(
      table(
        ['#', 'Role', 'Signed by', 'Decision', 'Time', 'Comment', 'Signature'],
        sheet.signoffs.rows.map(signoffRow),
        'fixed signoffs',
      ),
    );
  }
  push('</section>');
  push(...deskSection(sheet));

  // Assessment
  push('<section aria-labelledby="h-assessment">', '<h2 id="h-assessment">Assessment</h2>');
  push(`<p><span class="label">Overall risk</span> ${riskBadge(a.overall)}</p>`);
  if (a.pending > 0) {
    push(
      `<p class="callout warn"><strong>${a.pending} question${a.pending === 1 ? '' : 's'} still to answer.</strong></p>`,
    );
  }
  push(
    table(
      ['Section', 'Risk'],
      a.sections.map(
        (x) => `<tr><th scope="row">${esc(x.title)}</th><td>${riskBadge(x.risk)}</td></tr>`,
      ),
      'facts',
    ),
  );
  push('<h3>Required actions</h3>');
  if (a.actions.length === 0) push('<p class="muted">None.</p>');
  else {
    push(
      '<ol class="actions">',
      ...a.actions.map(
        (x) =>
          `<li>${esc(x.text)}<span class="qid">${x.ask ? esc(x.ask) : esc(x.question)}</span></li>`,
      ),
      '</ol>',
    );
  }
  push('<h3>Referred to a lawyer</h3>');
  if (a.referrals.length === 0) push('<p class="muted">None.</p>');
  else {
    push(
      table(
        ['Question', 'Answer', 'Risk'],
        a.referrals.map(
          (x) =>
            `<tr><td>${esc(x.ask)}<span class="qid mono">${esc(x.question)}</span></td><td>${esc(x.answer)}</td><td>${riskBadge(x.risk)}</td></tr>`,
        ),
      ),
    );
  }
  push('</section>');

  // Answers
  push('<section aria-labelledby="h-answers">', '<h2 id="h-answers">Answers</h2>');
  for (const section of sheet.sections) {
    const id = `h-section-${section.id.replace(/[^a-z0-9-]/g, '-')}`;
    push(`<h3 id="${id}">${esc(section.title)} ${riskBadge(section.risk)}</h3>`);
    if (section.answers.length === 0) {
      push('<p class="muted">No questions answered in this section.</p>');
      continue;
    }
    push(
      table(
        ['Question', 'Answer', 'Risk', 'Note', 'Citations'],
        section.answers.map(answerRow),
        'fixed answers',
      ),
    );
  }
  push('</section>');

  // Findings
  push('<section aria-labelledby="h-findings">', '<h2 id="h-findings">Scan findings</h2>');
  if (sheet.findings.length === 0) push('<p class="muted">The scan found nothing.</p>');
  else {
    push(
      table(
        ['Line', 'Severity', 'Section', 'Excerpt', 'Message', 'Status'],
        sheet.findings.map(findingRow),
        'fixed findings',
      ),
    );
  }
  push('</section>');

  // History
  push('<section aria-labelledby="h-history">', '<h2 id="h-history">History</h2>');
  if (sheet.history.length === 0) push('<p class="muted">No history recorded.</p>');
  else {
    push(
      table(
        ['Time', 'Event', 'By', 'Detail'],
        sheet.history.map(
          (h) =>
            `<tr><td>${time(h.at)}</td><td>${esc(h.event)}</td><td>${esc(h.by)}</td><td class="note">${h.detail ? esc(h.detail) : '<span class="muted">—</span>'}</td></tr>`,
        ),
        'fixed history',
      ),
    );
  }
  push('</section>');

  push(`<footer><p>${esc(sheet.disclaimer)}</p></footer>`, '</main>', '</body>', '</html>');
  return `${out.filter((l) => l !== '').join('\n')}\n`;
}
