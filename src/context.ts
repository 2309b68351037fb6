// What a command needs from the outside world, gathered once in src/cli.ts.

export interface Context {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Colour for what goes to stderr (messages, prompts, the walk). */
  readonly color: boolean;
  /** Colour for what goes to stdout (results); off when stdout is a file or a pipe. */
  readonly colorOut: boolean;
  readonly debug: boolean;
  /** Both stdin and stderr are terminals: prompts are possible. */
  readonly interactive: boolean;
  readonly stdinIsTTY: boolean;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /**
   * Set for the publication gate (`verify`): configuration comes only from PREPUB_CONFIG or the
   * user's own config folder, never from a prepub.config.json found by walking up from the
   * current folder, which the people the gate checks could have committed.
   */
  readonly pinnedConfig?: boolean;
}
