// The walk's prompts, driven by @inquirer/testing: answers, notes, validation, the review screen.
import { render } from '@inquirer/testing';
import { describe, expect, it } from 'vitest';
import { findQuestion } from '../src/core/checklist/engine.js';
import { loadPackFromFiles } from '../src/core/checklist/loader.js';
import type { Pack } from '../src/core/checklist/schema.js';
import type { PromptIO } from '../src/prompts/prompt.js';
import { askAnswer, askNote, askStory, pickAnswerToChange } from '../src/prompts/walk.js';
import { createTheme } from '../src/render/theme.js';
import { MINI } from './fixtures/packs/mini.js';

const pack: Pack = loadPackFromFiles(
  'mini',
  Object.entries(MINI).map(([name, text]) => ({ name, display: name, text })),
).value!;
const located = (id: string) => findQuestion(pack, id)!;

/** @inquirer/testing renders a prompt: (config, context) → a cancellable promise. */
function prompt<C, V>(fn: (config: C, io?: PromptIO) => Promise<V>) {
  return (config: C, io?: PromptIO) => Object.assign(fn(config, io), { cancel: () => undefined });
}
const tick = () => new Promise((r) => setTimeout(r, 10));
async function screenWith(getScreen: () => string, text: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const screen = getScreen();
    if (screen.includes(text)) return screen;
    await tick();
  }
  return getScreen();
}

describe('walk prompts', () => {
  it('a yes-no answer that needs no note', async () => {
    const { answer, events, getScreen } = await render(
      prompt((_: object, io?: PromptIO) =>
        askAnswer(located('safety.at-risk'), { previous: undefined, findings: [] }, io),
      ),
      {},
    );
    expect(getScreen()).toContain('Your answer');
    expect(getScreen()).toContain('Not sure');
    events.keypress('down');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ value: 'no' });
  });

  it('a note is asked for, and an empty one refused', async () => {
    const { answer, events, getScreen } = await render(
      prompt((_: object, io?: PromptIO) => askNote('Why are you unsure?', undefined, io)),
      {},
    );
    expect(getScreen()).toContain('Why are you unsure?');
    events.keypress('enter');
    expect(await screenWith(getScreen, 'A note is required')).toContain('A note is required');
    events.type('  Waiting to hear from police. ');
    events.keypress('enter');
    await expect(answer).resolves.toBe('Waiting to hear from police.');
  });

  it('"unsure" goes on to its note; "no" to a raised question needs one too', async () => {
    const unsure = await render(
      prompt((_: object, io?: PromptIO) =>
        askAnswer(located('safety.at-risk'), { previous: undefined, findings: [] }, io),
      ),
      {},
    );
    unsure.events.keypress('down');
    unsure.events.keypress('down');
    unsure.events.keypress('enter'); // Not sure
    await tick();
    unsure.events.type('Waiting to hear from police.');
    unsure.events.keypress('enter');
    await expect(unsure.answer).resolves.toEqual({
      value: 'unsure',
      note: 'Waiting to hear from police.',
    });

    const finding = {
      rule: 'mini.plate',
      section: 'safety' as const,
      questions: ['safety.plates'],
    };
    const raised = await render(
      prompt((_: object, io?: PromptIO) =>
        askAnswer(located('safety.plates'), { previous: undefined, findings: [finding] }, io),
      ),
      {},
    );
    raised.events.keypress('down');
    raised.events.keypress('enter'); // No
    await tick();
    raised.events.type('It is the council van.');
    raised.events.keypress('enter');
    await expect(raised.answer).resolves.toEqual({ value: 'no', note: 'It is the council van.' });
  });

  it('offers the previous answer and note as defaults', async () => {
    const { answer, events } = await render(
      prompt((_: object, io?: PromptIO) =>
        askAnswer(
          located('safety.at-risk'),
          { previous: { value: 'unsure', note: 'Earlier note' }, findings: [] },
          io,
        ),
      ),
      {},
    );
    events.keypress('enter'); // the default: Not sure
    await tick();
    events.keypress('enter'); // the default note
    await expect(answer).resolves.toEqual({ value: 'unsure', note: 'Earlier note' });
  });

  it('a free-text question', async () => {
    const { answer, events } = await render(
      prompt((_: object, io?: PromptIO) =>
        askAnswer(located('accuracy.where'), { previous: undefined, findings: [] }, io),
      ),
      {},
    );
    events.type('On the newsroom server');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ value: 'On the newsroom server' });
  });

  it('the story details, with defaults', async () => {
    const { answer, events } = await render(
      prompt((_: object, io?: PromptIO) => askStory({ slug: 'fete' }, ['slug', 'desk'], io)),
      {},
    );
    events.keypress('enter'); // slug: the default
    await new Promise((r) => setTimeout(r, 150)); // the next prompt starts, even on a loaded machine
    events.type('news');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ slug: 'fete', desk: 'news' });
  });

  it("the Desk prompt lists the config's desks and offers the first as its default", async () => {
    const { answer, events, getScreen } = await render(
      prompt((_: object, io?: PromptIO) =>
        askStory({}, ['desk'], io, ['politics', 'sport', 'news']),
      ),
      {},
    );
    expect(await screenWith(getScreen, 'Desk (politics, sport, news)')).toContain('(politics)');
    events.keypress('enter');
    await expect(answer).resolves.toEqual({ desk: 'politics' });
  });

  it('the review screen: continue, or pick an answer', async () => {
    const items = [
      { id: 'safety.at-risk', line: 'Safety: Could anyone be hurt? → No' },
      { id: 'accuracy.quotes', line: 'Accuracy: Does the story quote anyone? → No quotes' },
    ];
    const theme = createTheme(false);
    const done = await render(
      prompt((_: object, io?: PromptIO) => pickAnswerToChange(items, theme, io)),
      {},
    );
    expect(done.getScreen()).toContain('Continue: these answers are right');
    done.events.keypress('enter');
    await expect(done.answer).resolves.toBeUndefined();
    const pick = await render(
      prompt((_: object, io?: PromptIO) => pickAnswerToChange(items, theme, io)),
      {},
    );
    pick.events.keypress('down');
    pick.events.keypress('down');
    pick.events.keypress('enter');
    await expect(pick.answer).resolves.toBe('accuracy.quotes');
  });
});
