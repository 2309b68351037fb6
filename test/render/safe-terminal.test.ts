// No control character from a file reaches a terminal raw: the sanitiser, and every renderer
// that prints file-derived text.
import { render } from '@inquirer/testing';
import { describe, expect, it } from 'vitest';
import type { Located } from '../../src/core/checklist/engine.js';
import type { Pack } from '../../src/core/checklist/schema.js';
import type { PromptIO } from '../../src/prompts/prompt.js';
import { askNote, pickAnswerToChange } from '../../src/prompts/walk.js';
import type { ReviewItem } from '../../src/core/record/lifecycle.js';
import type { RecordFile } from '../../src/core/record/schema.js';
import type { Finding } from '../../src/core/scan/finding.js';
import { renderScanText } from '../../src/render/scan-text.js';
import {
  renderChecks,
  renderItem,
  renderReviewHeader,
  renderStatus,
} from '../../src/render/signoff.js';
import { safeLine, safeTerminal, safeTerminalStream, wrap } from '../../src/render/text.js';
import { createTheme } from '../../src/render/theme.js';
import { assessmentText, findingLine, questionBlock } from '../../src/render/walk.js';
import type { VerifyResult } from '../../src/core/signing/verify.js';

const RESET = '\u001bc';
const TITLE = '\u001b]0;pwned\u0007';
const CSI = '\u001b[2J\u001b[H';
const C1 = '\u009b31m';
const BIDI = 'abc\u202edcb\u2066x\u2069';

/** Anything a terminal would act on: C0 (but tab and newline), DEL, C1, bidi overrides and isolates. */
// eslint-disable-next-line no-control-regex -- the point of the test
const STYLES = /\u001b\[[0-9;]*m/g;
// eslint-disable-next-line no-control-regex -- the point of the test
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('safeTerminal', () => {
  it.each([
    ['plain text, tabs\tand\nnewlines', 'plain text, tabs\tand\nnewlines'],
    [RESET, '␛c'],
    [TITLE, '␛]0;pwned␇'],
    [CSI, '␛[2J␛[H'],
    [C1, '<U+009B>31m'],
    [BIDI, 'abc<U+202E>dcb<U+2066>x<U+2069>'],
    ['a\rb\u0000c\u007f', 'a␍b␀c␡'],
    ['café — “quoted” ✓ 🙂', 'café — “quoted” ✓ 🙂'],
  ])('%j → %j', (input, expected) => {
    expect(safeTerminal(input)).toBe(expected);
  });

  it('one line: a newline is shown, so a value cannot forge a line of output', () => {
    expect(safeLine('ok\n✓ signature  ok')).toBe('ok␤✓ signature  ok');
  });

  it('on a terminal stream, the theme’s own colour passes and nothing else does', () => {
    const styled = `\u001b[31mHIGH\u001b[39m ${TITLE}${RESET}`;
    expect(safeTerminalStream(styled, true)).toBe('\u001b[31mHIGH\u001b[39m ␛]0;pwned␇␛c');
    expect(safeTerminalStream(styled, false)).toBe('␛[31mHIGH␛[39m ␛]0;pwned␇␛c');
  });

  it('wrap makes its text safe too', () => {
    expect(wrap(`Guidance ${TITLE}`, 80, '  ')).toBe('  Guidance ␛]0;pwned␇');
  });
});

const finding: Finding = {
  rule: `uk-ew.rule${RESET}`,
  section: 'safety',
  severity: 'high',
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 5,
  excerpt: `07700 900123${TITLE}`,
  message: `A phone number${CSI}`,
  questions: [],
  suppressed: { reason: `because${C1}`, by: 'flag' },
};

describe('the terminal renderers', () => {
  it('scan text: excerpts, messages, rules, reasons and the path', () => {
    const out = renderScanText(
      {
        article: { path: `draft${RESET}.md`, sha256: '0'.repeat(64), bytes: 1 },
        findings: [finding],
      },
      { color: true, positions: 'line', failOn: 'blocker' },
    );
    // The renderer's own colour codes are the only escapes: ESC [ digits m.
    expect(out.replace(STYLES, '')).not.toMatch(RAW);
    expect(out).toContain('07700 900123␛]0;pwned␇');
  });

  it('verify checks: every name and detail on one safe line', () => {
    const result = {
      ok: false,
      checks: [{ name: 'signature 1', ok: false, detail: `signed by Jane${TITLE}\n✓ policy  ok` }],
    } as unknown as VerifyResult;
    const out = renderChecks(`story${RESET}.prepub.json`, result);
    expect(out).not.toMatch(RAW);
    expect(out.trimEnd().split('\n')).toHaveLength(2);
  });

  it('status table, review header and review items', () => {
    const status = renderStatus(
      [
        {
          path: 'a.prepub.json',
          slug: `s${RESET}`,
          headline: `Headline${TITLE}`,
          reporter: `Jane${CSI}`,
          status: 'filed',
          risk: 'high',
          lastChange: null,
          valid: false,
          problems: [`bad${C1}`],
        },
      ],
      true,
    );
    expect(status).not.toMatch(RAW);
    const record = {
      status: 'filed',
      record: {
        story: { slug: `s${RESET}`, headline: `H${TITLE}`, desk: `d${BIDI}`, reporter: `r${CSI}` },
        assessment: { overall: 'high' },
      },
    } as unknown as RecordFile;
    expect(renderReviewHeader(record, undefined, `Ed${TITLE}`)).not.toMatch(RAW);
    const item = {
      id: `safety.q${RESET}`,
      section: 'safety',
      level: 'high',
      lawyer: true,
      title: `Title${TITLE}`,
      answer: `yes${CSI}`,
      why: `why${C1}`,
      note: `note${BIDI}\nfake line`,
    } as unknown as ReviewItem;
    const shown = renderItem(item, 1, 1);
    expect(shown).not.toMatch(RAW);
    expect(shown).toContain('note: note');
  });

  it('the walk: findings, questions and the assessment, with colour on', () => {
    const t = createTheme(true);
    const strip = (s: string) => s.replace(STYLES, '');
    expect(strip(findingLine(finding, t))).not.toMatch(RAW);
    const located = {
      section: 'safety',
      key: 'safety.q',
      question: {
        id: 'safety.q',
        ask: `Ask ${TITLE}`,
        guidance: `Guidance ${RESET}`,
        citations: [`Act ${CSI}`],
      },
    } as unknown as Located;
    const block = questionBlock(
      located,
      { section: 1, sections: 1, question: 1 },
      [`rule${TITLE}`],
      `problem${C1}`,
      t,
    );
    expect(strip(block)).not.toMatch(RAW);
    const pack = { sections: [{ id: 'safety', title: `Safety${RESET}` }] } as unknown as Pack;
    const text = assessmentText(
      {
        overall: 'high',
        sections: {
          safety: 'high',
          restrictions: 'none',
          defamation: 'none',
          privacy: 'none',
          sources: 'none',
          accuracy: 'none',
        },
        actions: [{ question: 'safety.q', section: 'safety', text: `Do ${TITLE}` }],
        referrals: [
          {
            question: 'safety.q',
            section: 'safety',
            ask: `Ask${CSI}`,
            answer: `yes${BIDI}`,
            risk: 'high',
          },
        ],
        flagged: [],
        pending: 0,
      },
      pack,
      t,
    );
    expect(strip(text)).not.toMatch(RAW);
  });
});

describe('the prompts (Inquirer writes to the terminal itself)', () => {
  const prompt =
    <V>(fn: (io?: PromptIO) => Promise<V>) =>
    (_: object, io?: PromptIO) =>
      Object.assign(fn(io), { cancel: () => undefined });

  it('the review screen shows answers from the record safely', async () => {
    const { answer, events, getScreen } = await render(
      prompt((io) =>
        pickAnswerToChange(
          [{ id: 'safety.q', line: `Safety: Is anyone at risk? → ${TITLE}${RESET}` }],
          createTheme(false),
          io,
        ),
      ),
      {},
    );
    const raw = getScreen({ raw: true });
    expect(raw).toContain('→ ␛]0;pwned␇␛c');
    expect(raw).not.toContain('\u001b]0;pwned');
    expect(raw).not.toContain('\u001bc');
    // Answer it, so no prompt is left to be cancelled when the test ends.
    events.keypress('enter');
    await answer;
  });

  it('a note prompt and its default from the record', async () => {
    const { answer, events, getScreen } = await render(
      prompt((io) => askNote(`Why "${TITLE}"?`, `old note${CSI}`, io)),
      {},
    );
    const raw = getScreen({ raw: true });
    expect(raw).toContain('Why "␛]0;pwned␇"?');
    expect(raw).toContain('old note␛[2J␛[H');
    expect(raw).not.toContain('\u001b]0;pwned');
    expect(raw).not.toContain('\u001b[2J');
    events.keypress('enter');
    await answer;
  });
});
