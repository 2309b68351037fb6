// The 2.0 walk's prompts, driven by @inquirer/testing: a checkbox question with the scan's
// suggestions pre-ticked and their evidence, the "Not sure about some of these…" path, "none"
// refused with other options, and a repeat group's "Another proceeding?".
import { render } from '@inquirer/testing';
import { describe, expect, it } from 'vitest';
import { findQuestion } from '../src/core/checklist/engine.js';
import { ANOTHER } from '../src/core/record/walk.js';
import type { PromptIO } from '../src/prompts/prompt.js';
import { askAnswer } from '../src/prompts/walk.js';
import { walk2Pack } from './fixtures/packs/walk2.js';

const pack = walk2Pack();
const located = (key: string) => findQuestion(pack, key)!;

function prompt<C, V>(fn: (config: C, io?: PromptIO) => Promise<V>) {
  return (config: C, io?: PromptIO) => Object.assign(fn(config, io), { cancel: () => undefined });
}
const tick = () => new Promise((r) => setTimeout(r, 10));
/** Long enough for the next prompt of the same question to start, on a loaded machine. */
const settle = () => new Promise((r) => setTimeout(r, 150));
async function screenWith(getScreen: () => string, text: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const screen = getScreen();
    if (screen.includes(text)) return screen;
    await tick();
  }
  return getScreen();
}

const court = {
  rule: 'walk2.court-terms',
  section: 'restrictions' as const,
  questions: ['restrictions.legal-terms'],
  line: 3,
  excerpt: 'appeared before Leeds magistrates',
};

describe('a checkbox question', () => {
  it('pre-ticks the options the scan suggests, with their evidence; enter confirms them', async () => {
    const { answer, events, getScreen } = await render(
      prompt((_: object, io?: PromptIO) =>
        askAnswer(located('restrictions.involves'), { previous: undefined, findings: [court] }, io),
      ),
      {},
    );
    const screen = getScreen();
    expect(screen.replace(/\s+/g, ' ')).toContain(
      'A criminal case (suggested by the scan: line 3: "appeared before Leeds magistrates")',
    );
    expect(screen).toContain('Not sure about some of these…');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ value: ['criminal-case'] });
  });

  it('unticking a suggestion and ticking "none" dismisses the finding: a note is asked', async () => {
    const { answer, events } = await render(
      prompt((_: object, io?: PromptIO) =>
        askAnswer(located('restrictions.involves'), { previous: undefined, findings: [court] }, io),
      ),
      {},
    );
    events.keypress('space'); // untick the suggested criminal case
    for (let i = 0; i < 3; i++) events.keypress('down');
    events.keypress('space'); // None of these
    events.keypress('enter');
    await settle();
    events.type('The magistrates are named only as the venue of a fete.');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({
      value: ['none'],
      note: 'The magistrates are named only as the venue of a fete.',
    });
  });

  it('refuses "None of these" with other options', async () => {
    const { answer, events, getScreen } = await render(
      prompt((_: object, io?: PromptIO) =>
        askAnswer(located('privacy.involves'), { previous: undefined, findings: [] }, io),
      ),
      {},
    );
    events.keypress('space'); // A death by suicide
    events.keypress('down');
    events.keypress('down');
    events.keypress('space'); // None of these
    events.keypress('enter');
    expect(await screenWith(getScreen, 'cannot be ticked')).toContain(
      '"None of these" cannot be ticked with other options',
    );
    // The prompt stays open: untick the other option, and "None of these" alone is taken.
    events.keypress('up');
    events.keypress('up');
    events.keypress('space');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ value: ['none'] });
  });

  it('"Not sure about some of these…" asks which, then the "not sure" note', async () => {
    const { answer, events } = await render(
      prompt((_: object, io?: PromptIO) =>
        askAnswer(located('restrictions.involves'), { previous: undefined, findings: [court] }, io),
      ),
      {},
    );
    for (let i = 0; i < 4; i++) events.keypress('down'); // past none, to "Not sure…"
    events.keypress('space');
    events.keypress('enter');
    await settle();
    events.keypress('space'); // An inquest (the first not ticked)
    events.keypress('enter');
    await settle();
    events.type('Asking the coroner.');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({
      value: ['criminal-case', 'unsure:inquest'],
      note: 'Asking the coroner.',
    });
  });

  it('offers the previous list as the ticks', async () => {
    const { answer, events } = await render(
      prompt((_: object, io?: PromptIO) =>
        askAnswer(
          located('privacy.involves'),
          { previous: { value: ['health'] }, findings: [] },
          io,
        ),
      ),
      {},
    );
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ value: ['health'] });
  });
});

describe('a repeat group', () => {
  it('asks "Another proceeding?": yes opens one more item, no closes the group', async () => {
    const yes = await render(
      prompt((_: object, io?: PromptIO) =>
        askAnswer(
          located('restrictions.proceedings'),
          { previous: undefined, findings: [], items: 1 },
          io,
        ),
      ),
      {},
    );
    expect(yes.getScreen()).toContain('Another proceeding?');
    yes.events.type('y');
    yes.events.keypress('enter');
    await expect(yes.answer).resolves.toEqual({ value: ANOTHER });

    const no = await render(
      prompt((_: object, io?: PromptIO) =>
        askAnswer(
          located('restrictions.proceedings'),
          { previous: undefined, findings: [], items: 2 },
          io,
        ),
      ),
      {},
    );
    no.events.keypress('enter'); // default: no
    await expect(no.answer).resolves.toEqual({ value: '2' });
  });

  it('does not ask once the group is full', async () => {
    await expect(
      askAnswer(located('restrictions.proceedings'), {
        previous: undefined,
        findings: [],
        items: 3,
      }),
    ).resolves.toEqual({ value: '3' });
  });
});
