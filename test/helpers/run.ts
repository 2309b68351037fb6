// Run the real commander program in this process, as the bin would, and capture what a user sees.
// Faster than spawning the bin, and counted by coverage. Runs that need a real process (stdin
// text, signals, terminals) go through the bin: pass `input` and this spawns it (runCli).
import path from 'node:path';
import { run } from '../../src/cli.js';
import { ROOT, runCli, sharedHome, type RunResult } from './cli.js';

export { BIN, ROOT, tempDir, positionOf, type RunResult } from './cli.js';

export interface RunOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly input?: string;
  readonly timeoutMs?: number;
}

let queue: Promise<unknown> = Promise.resolve();

/** The same contract as runCli: `{code, stdout, stderr}`, with the bin's environment. */
export function runInProcess(
  args: readonly string[],
  options: RunOptions = { cwd: ROOT },
): Promise<RunResult> {
  if (options.input) return runCli(args, options);
  // process.cwd() is shared: one run at a time.
  const next = queue.then(() => runOnce(args, options));
  queue = next.catch(() => undefined);
  return next;
}

async function runOnce(args: readonly string[], options: RunOptions): Promise<RunResult> {
  const cwd = path.resolve(options.cwd);
  const home = cwd === path.resolve(ROOT) ? sharedHome() : cwd;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    NO_COLOR: '1',
    ...options.env,
  };
  // The bin would find its home folder through HOME; in process, only an XDG folder can say it.
  env.XDG_CACHE_HOME ??= path.join(env.HOME ?? home, '.cache');
  let stdout = '';
  let stderr = '';
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const code = await run(['node', 'prepub', ...args], {
      cwd,
      env,
      stdinIsTTY: false,
      stdoutIsTTY: false,
      stderrIsTTY: false,
      writeOut: (text) => void (stdout += text),
      writeErr: (text) => void (stderr += text),
    });
    return { code, signal: null, stdout, stderr };
  } finally {
    process.chdir(before);
  }
}
