// What a command needs from the outside world, gathered once in src/cli.ts.

export interface Context {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly color: boolean;
  readonly debug: boolean;
  /** Both stdin and stderr are terminals: prompts are possible. */
  readonly interactive: boolean;
  readonly stdinIsTTY: boolean;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}
