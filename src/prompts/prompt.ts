// The one wrapper around Inquirer.js's plumbing: prompts write to stderr, tests pass their own
// streams, and Ctrl-C becomes Cancelled (exit 130). Loaded only by commands that ask questions,
// so `--version` and `scan` never pay for Inquirer.
import { Cancelled } from '../errors.js';

/** Streams for the prompts; tests pass their own. */
export interface PromptIO {
  readonly input?: NodeJS.ReadableStream;
  readonly output?: NodeJS.WritableStream;
}

export function context(io: PromptIO | undefined): PromptIO {
  return { output: process.stderr, ...io };
}

/** Run a prompt; Ctrl-C (or an aborted prompt) becomes Cancelled with this message. */
export async function ask<T>(run: () => Promise<T>, cancelled: string): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (
      error instanceof Error &&
      (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')
    ) {
      throw new Cancelled(cancelled);
    }
    throw error;
  }
}
