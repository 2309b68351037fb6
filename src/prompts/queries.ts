// The reporter's answer to a desk query, at `prepub check --resume`: reply with a note, change the
// answer first, or leave it for now. Every prompt here has a twin in `--replies FILE`.
import { input, select } from '@inquirer/prompts';
import { safeLine } from '../render/text.js';
import { ask, context, type PromptIO } from './prompt.js';

const SAVED = 'Cancelled: the replies given so far are saved in the draft record.';

export type QueryAction = 'reply' | 'change' | 'later';

export function askQueryAction(
  label: string,
  canChange: boolean,
  io?: PromptIO,
): Promise<QueryAction> {
  return ask(
    () =>
      select<QueryAction>(
        {
          message: safeLine(label),
          choices: [
            {
              name: 'Reply',
              value: 'reply',
              description: 'say what you did (edited the copy, checked it) or why it stands',
            },
            ...(canChange
              ? [
                  {
                    name: 'Change the answer, then reply',
                    value: 'change' as const,
                    description: 'answer the question again',
                  },
                ]
              : []),
            { name: 'Later', value: 'later', description: 'leave it open for now' },
          ],
        },
        context(io),
      ),
    SAVED,
  );
}

export function askReply(fallback: string | undefined, io?: PromptIO): Promise<string> {
  return ask(
    () =>
      input(
        {
          message: 'Your reply to the desk:',
          ...(fallback ? { default: fallback } : {}),
          validate: (v: string) => (v.trim() !== '' ? true : 'A reply is needed here'),
        },
        context(io),
      ),
    SAVED,
  ).then((v) => v.trim());
}
