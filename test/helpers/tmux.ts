// Drive the real binary in a pseudo-terminal through tmux: type keys, read the screen.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

// Each session gets its own tmux server (socket), so tests never race a server shutting down.
const tmux = (name: string, args: string[]) => ['-L', name, ...args];

export class TmuxSession {
  private constructor(readonly name: string) {}

  static start(
    name: string,
    cwd: string,
    command: string,
    env: Record<string, string>,
  ): TmuxSession {
    const exports = Object.entries(env)
      .map(([k, v]) => `export ${k}='${v.replace(/'/g, `'\\''`)}';`)
      .join(' ');
    // The exit code is printed so the test can read it off the screen; the pane stays open.
    const script = `${exports} cd '${cwd}' && ${command}; echo "EXIT=$?"; sleep 120`;
    execFileSync(
      'tmux',
      tmux(name, [
        'new-session',
        '-d',
        '-s',
        name,
        '-x',
        '120',
        '-y',
        '50',
        'bash',
        '--norc',
        '--noprofile',
        '-c',
        script,
      ]),
    );
    return new TmuxSession(name);
  }

  screen(): string {
    return execFileSync(
      'tmux',
      tmux(this.name, ['capture-pane', '-p', '-t', this.name, '-S', '-2000']),
      { encoding: 'utf8' },
    );
  }

  keys(...keys: string[]): void {
    execFileSync('tmux', tmux(this.name, ['send-keys', '-t', this.name, ...keys]));
  }

  type(text: string): void {
    execFileSync('tmux', tmux(this.name, ['send-keys', '-t', this.name, '-l', text]));
  }

  async waitFor(pattern: RegExp | string, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen))
        return screen;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${String(pattern)}; screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Wait until the screen shows `pattern` more often than it did before the last action. */
  async waitForCount(pattern: RegExp, count: number, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      const n =
        screen.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))?.length ?? 0;
      if (n >= count) return screen;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${count}× ${String(pattern)}; screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  kill(): void {
    spawnSync('tmux', tmux(this.name, ['kill-server']));
  }
}

/**
 * Start `prepub <args>` (the built bin) in a new tmux session in `cwd`, with its own home and
 * config, no colour, and a 256-colour terminal; the session is added to `sessions` for the
 * caller's afterEach to kill.
 */
export function startPrepub(
  sessions: TmuxSession[],
  prefix: string,
  bin: string,
  cwd: string,
  args: string,
): TmuxSession {
  const s = TmuxSession.start(
    `${prefix}-${process.pid}-${sessions.length}-${Date.now()}`,
    cwd,
    `node '${bin}' ${args}`,
    {
      NO_COLOR: '1',
      HOME: cwd,
      XDG_CONFIG_HOME: path.join(cwd, '.config'),
      TERM: 'xterm-256color',
    },
  );
  sessions.push(s);
  return s;
}
