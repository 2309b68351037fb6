// The one wrapper around Inquirer.js: prompts write to stderr, and Ctrl-C becomes PromptAborted.
// Loaded only by commands that ask questions, so `--version` and `scan` never pay for it.
import type { input } from '@inquirer/prompts';

type InquirerContext = NonNullable<Parameters<typeof input>[1]>;

export class PromptAborted extends Error {
  override readonly name = 'PromptAborted';
}

export const promptContext: InquirerContext = { output: process.stderr, input: process.stdin };

export async function guard<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (error) {
    if (
      error instanceof Error &&
      (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')
    ) {
      throw new PromptAborted('interrupted');
    }
    throw error;
  }
}
