// Typed errors. Only src/cli.ts turns them into messages and exit codes.

export type UserErrorCode =
  | 'USAGE'
  | 'FILE_MISSING'
  | 'FILE_UNREADABLE'
  | 'INPUT_INVALID'
  | 'PACK_INVALID'
  | 'PACK_NOT_FOUND'
  | 'CONFIG_INVALID'
  | 'ANSWERS_INVALID'
  | 'ANSWERS_PENDING'
  | 'RECORD_INVALID'
  | 'RECORD_LOCKED'
  | 'RECORD_SIGNED'
  | 'NO_TERMINAL'
  | 'KEY_INVALID'
  | 'KEY_PERMISSIONS'
  | 'KEYRING_INVALID';

/** Bad input or usage: exit 2. `lines` carries one diagnostic per line (file:line:column: message). */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    readonly options: {
      code?: UserErrorCode;
      hint?: string;
      lines?: readonly string[];
      /** A result object to print on stdout as JSON under --format json (e.g. pending questions). */
      json?: unknown;
    } = {},
  ) {
    super(message);
  }
  get code(): UserErrorCode {
    return this.options.code ?? 'USAGE';
  }
}

/**
 * The check found a problem: exit 1 (EXIT.failed). The rule for exit 1:
 * - A command whose output is the verdict (`verify`, `scan --fail-on`) prints its whole result
 *   (text, or `--format json`) to stdout and then returns EXIT.failed from `execute`. It never
 *   throws for a failed check: a throw would leave stdout without the JSON a gate parses.
 * - A command that refuses to go on before it has anything to print (`file`, `review`: nothing is
 *   signed) throws CheckFailed; cli.ts writes the message and its lines to stderr, exit 1.
 * Never a literal `1`: use EXIT.failed.
 */
export class CheckFailed extends Error {
  override readonly name = 'CheckFailed';
  constructor(
    message: string,
    readonly lines: readonly string[] = [],
  ) {
    super(message);
  }
}

/** The user interrupted: exit 130. The message says what was saved and how to resume. */
export class Cancelled extends Error {
  override readonly name = 'Cancelled';
}

export const EXIT = { ok: 0, failed: 1, usage: 2, bug: 70, cancelled: 130 } as const;
