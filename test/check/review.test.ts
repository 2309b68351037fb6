// The review screen at the end of a walk, driven by @inquirer/testing: every answer in pack order
// under the engine's own labels, picking one, and asking it again with the earlier answer offered.
import { render } from '@inquirer/testing';
import { describe, expect, it } from 'vitest';
import type { PromptIO } from '../../src/prompts/prompt.js';
import { askAgain, reviewItems, reviewScreen } from '../../src/prompts/review.js';
import { createTheme } from '../../src/render/theme.js';
import { draftWith, pack } from './fixtures.js';

const theme = createTheme(false);
function prompt<V>(fn: (io?: PromptIO) => Promise<V>) {
  return (_: object, io?: PromptIO) => Object.assign(fn(io), { cancel: () => undefined });
}
const tick = () => new Promise((r) => setTimeout(r, 10));

const record = draftWith({
  'accuracy.quotes': { value: 'notes' },
  'safety.at-risk': { value: 'unsure', note: 'Waiting on police' },
  'accuracy.where': { value: 'On the newsroom server' },
});

describe('the review screen', () => {
  it('lists the answers in pack order, with the labels the engine gives them', () => {
    expect(reviewItems(pack, record)).toEqual([
      { id: 'safety.at-risk', line: 'Safety: Could anyone be hurt? → Not sure' },
      { id: 'accuracy.quotes', line: 'Accuracy: Does the story quote anyone? → Yes, from notes' },
      {
        id: 'accuracy.where',
        line: 'Accuracy: Where is the recording kept? → On the newsroom server',
      },
    ]);
  });

  it('shows them, and continues or picks one', async () => {
    const done = await render(
      prompt((io) => reviewScreen(pack, record, theme, io)),
      {},
    );
    const screen = done.getScreen();
    expect(screen).toContain('Continue: these answers are right');
    expect(screen).toContain('Safety: Could anyone be hurt? → Not sure');
    expect(screen).toContain('Accuracy: Does the story quote anyone? → Yes, from notes');
    done.events.keypress('enter');
    await expect(done.answer).resolves.toBeUndefined();

    const pick = await render(
      prompt((io) => reviewScreen(pack, record, theme, io)),
      {},
    );
    pick.events.keypress('down');
    pick.events.keypress('down');
    pick.events.keypress('enter');
    await expect(pick.answer).resolves.toBe('accuracy.quotes');
  });

  it('asks a picked question again, its block shown, the earlier answer and note offered', async () => {
    const said: string[] = [];
    const { answer, events, getScreen } = await render(
      prompt((io) => askAgain(pack, record, 'safety.at-risk', theme, (s) => said.push(s), io)),
      {},
    );
    expect(said.join('')).toContain('Section 1 of 2 · question 1 · safety.at-risk');
    expect(said.join('')).toContain('Could anyone be hurt?');
    expect(getScreen()).toContain('Not sure');
    events.keypress('enter'); // the earlier answer: Not sure
    await tick();
    events.keypress('enter'); // the earlier note
    await expect(answer).resolves.toEqual({ value: 'unsure', note: 'Waiting on police' });
  });
});
