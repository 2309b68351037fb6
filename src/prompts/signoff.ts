// The prompts of filing, review and key generation. The only module of the sign-off that touches
// the terminal; prompts write to stderr. Ctrl-C becomes Cancelled (exit 130).
import { confirm, input, password, select } from '@inquirer/prompts';
import { safeLine, safeTerminal } from '../render/text.js';
import { MIN_PASSPHRASE } from '../core/signing/pkcs8.js';
import { ask, context, type PromptIO } from './prompt.js';

export type { PromptIO } from './prompt.js';

const NOTHING_SIGNED = 'Cancelled: nothing was signed and the record is unchanged.';

/** The filing statement: true when the reporter confirms it. */
export function confirmFiling(statement: string, io?: PromptIO): Promise<boolean> {
  return ask(
    () =>
      confirm(
        { message: `${safeTerminal(statement)}\n  Do you confirm this and sign?`, default: false },
        context(io),
      ),
    NOTHING_SIGNED,
  );
}

export function askPassphrase(file: string, io?: PromptIO): Promise<string> {
  return ask(
    () => password({ message: `Passphrase for ${safeLine(file)}:`, mask: true }, context(io)),
    NOTHING_SIGNED,
  );
}

/** A new passphrase, typed twice. */
export async function askNewPassphrase(io?: PromptIO): Promise<string> {
  const cancelled = 'Cancelled: no key was written.';
  const first = await ask(
    () =>
      password(
        {
          message: `Passphrase for the new key, at least ${MIN_PASSPHRASE} characters (protects it if your laptop is lost):`,
          mask: true,
          validate: (v: string) =>
            [...v].length >= MIN_PASSPHRASE
              ? true
              : `Use at least ${MIN_PASSPHRASE} characters (a few ordinary words), or run again with --no-passphrase`,
        },
        context(io),
      ),
    cancelled,
  );
  await ask(
    () =>
      password(
        {
          message: 'Type it again:',
          mask: true,
          validate: (v: string) =>
            v === first ? true : 'The passphrases differ; type the same one again',
        },
        context(io),
      ),
    cancelled,
  );
  return first;
}

export interface ItemAnswer {
  readonly decision: 'accepted' | 'queried';
  readonly comment: string;
}

/** Accept or query one item: accepting is one step; a comment is asked for when wanted (and a
 * query always needs one). */
export async function reviewItem(label: string, io?: PromptIO): Promise<ItemAnswer> {
  const choice = await ask(
    () =>
      select<'accepted' | 'commented' | 'queried'>(
        {
          message: safeLine(label),
          choices: [
            { name: 'Accept', value: 'accepted', description: 'the note deals with it' },
            {
              name: 'Accept with a comment',
              value: 'commented',
              description: 'accept it, and say something about it',
            },
            { name: 'Query', value: 'queried', description: 'the reporter must answer this' },
          ],
        },
        context(io),
      ),
    NOTHING_SIGNED,
  );
  if (choice === 'accepted') return { decision: 'accepted', comment: '' };
  const comment = await askComment(choice === 'queried' ? 'Your query:' : 'Comment:', true, io);
  return { decision: choice === 'queried' ? 'queried' : 'accepted', comment };
}

/** A section's lower-risk items: accept them all in one step, or review each. */
export function acceptSection(label: string, io?: PromptIO): Promise<'all' | 'each'> {
  return ask(
    () =>
      select<'all' | 'each'>(
        {
          message: safeLine(label),
          choices: [
            { name: 'Accept them all', value: 'all', description: 'no comment on any of them' },
            { name: 'Review each', value: 'each', description: 'one by one' },
          ],
        },
        context(io),
      ),
    NOTHING_SIGNED,
  );
}

export function askDecision(io?: PromptIO): Promise<'approve' | 'return'> {
  return ask(
    () =>
      select<'approve' | 'return'>(
        {
          message: 'Your decision:',
          choices: [
            { name: 'Approve', value: 'approve', description: 'sign it off for publication' },
            {
              name: 'Return to the reporter',
              value: 'return',
              description: 'with a comment saying what is needed',
            },
          ],
        },
        context(io),
      ),
    NOTHING_SIGNED,
  );
}

export function askComment(message: string, required: boolean, io?: PromptIO): Promise<string> {
  return ask(
    () =>
      input(
        {
          message: safeLine(message),
          validate: (v: string) =>
            !required || v.trim() !== '' ? true : 'A comment is needed here',
        },
        context(io),
      ),
    NOTHING_SIGNED,
  ).then((v) => v.trim());
}
