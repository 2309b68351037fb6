// Run the built bin in a folder, as a user would, and capture what they see.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = path.join(ROOT, 'bin', 'prepub.js');
export function tempDir(prefix = 'prepub-test-') {
    return mkdtempSync(path.join(os.tmpdir(), prefix));
}
let home;
export function sharedHome() {
    return (home ??= tempDir('prepub-home-'));
}
export function runCli(args, options = {
    cwd: ROOT,
}) {
    // Never let a run write its config or cache into the repository.
    const home = path.resolve(options.cwd) === path.resolve(ROOT) ? sharedHome() : options.cwd;
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, ...args], {
            cwd: options.cwd,
            env: {
                PATH: process.env.PATH ?? '',
                HOME: home,
                XDG_CONFIG_HOME: path.join(home, '.config'),
                NO_COLOR: '1',
                ...options.env,
            },
            stdio: ['pipe', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
        child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
        const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
        child.on('error', reject);
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            resolve({ code, signal, stdout, stderr });
        });
        child.stdin.end(options.input ?? '');
    });
}
/** 1-based line and column of the first occurrence of `needle` in `text`. */
export function positionOf(text, needle, occurrence = 1) {
    let at = -1;
    for (let i = 0; i < occurrence; i++) {
        at = text.indexOf(needle, at + 1);
        if (at === -1)
            throw new Error(`"${needle}" not in text`);
    }
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    return { line, column };
}
//# sourceMappingURL=cli.js.map