// The prompt wrappers, driven by @inquirer/testing.
import { render } from '@inquirer/testing';
import { describe, expect, it } from 'vitest';
import { Cancelled } from '../../src/errors.js';
import {
  askComment,
  askDecision,
  confirmFiling,
  type PromptIO,
} from '../../src/prompts/signoff.js';

/** A wrapper as @inquirer/testing's render wants a prompt: (config, context) → cancellable promise. */
function prompt<C, V>(fn: (config: C, io?: PromptIO) => Promise<V>) {
  return (config: C, io?: PromptIO) => Object.assign(fn(config, io), { cancel: () => undefined });
}

describe('sign-off prompts', () => {
  it('confirms the filing statement', async () => {
    const { answer, events, getScreen } = await render(
      prompt((c: { s: string }, io?: PromptIO) => confirmFiling(c.s, io)),
      { s: 'I stand by it.' },
    );
    expect(getScreen()).toContain('I stand by it.');
    events.type('y');
    events.keypress('enter');
    await expect(answer).resolves.toBe(true);
  });

  it('picks return as the decision', async () => {
    const { answer, events } = await render(
      prompt((_: object, io?: PromptIO) => askDecision(io)),
      {},
    );
    events.keypress('down');
    events.keypress('enter');
    await expect(answer).resolves.toBe('return');
  });

  it('a required comment cannot be empty', async () => {
    const { answer, events, getScreen } = await render(
      prompt((_: object, io?: PromptIO) => askComment('Your query:', true, io)),
      {},
    );
    events.keypress('enter');
    await new Promise((r) => setTimeout(r, 10));
    expect(getScreen()).toContain('A comment is needed here');
    events.type('  Who said it? ');
    events.keypress('enter');
    await expect(answer).resolves.toBe('Who said it?');
  });

  it('Ctrl-C becomes Cancelled', async () => {
    const { answer, events } = await render(
      prompt((_: object, io?: PromptIO) => askDecision(io)),
      {},
    );
    events.keypress({ name: 'c', ctrl: true });
    await expect(answer).rejects.toBeInstanceOf(Cancelled);
  });
});
