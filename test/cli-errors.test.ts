// The single exit: typed errors become messages and exit codes; anything else is a bug (70).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Cancelled, CheckFailed, UserError } from '../src/errors.js';

const thrown: { error: unknown } = { error: undefined };
vi.mock('../src/commands/status.js', () => ({
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the test throws each kind
  execute: () => Promise.reject(thrown.error),
}));

const { main } = await import('../src/cli.js');

function capture() {
  let err = '';
  let out = '';
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  return { err: () => err, out: () => out, restore: () => (e.mockRestore(), o.mockRestore()) };
}

afterEach(() => vi.restoreAllMocks());

describe('errors and exit codes', () => {
  it.each([
    [
      new UserError('bad input', { hint: 'Try this.', lines: ['a.yaml:1:2: wrong'] }),
      2,
      'prepub: bad input\n  a.yaml:1:2: wrong\nTry this.\n',
    ],
    [
      new CheckFailed('verify failed', ['signature 1: not trusted']),
      1,
      'prepub: verify failed\n  signature 1: not trusted\n',
    ],
    [
      new Cancelled('Draft saved to x. Resume with: prepub check --resume x'),
      130,
      '\nDraft saved to x. Resume with: prepub check --resume x\n',
    ],
  ])('%s → exit %i', async (error, code, stderr) => {
    thrown.error = error;
    const io = capture();
    const result = await main(['node', 'prepub', 'status']);
    io.restore();
    expect(result).toBe(code);
    expect(io.err()).toBe(stderr);
  });

  it('an unexpected error is a bug: exit 70, says so, a stack only with --debug', async () => {
    thrown.error = new TypeError('cannot read x of undefined');
    let io = capture();
    expect(await main(['node', 'prepub', 'status'])).toBe(70);
    io.restore();
    expect(io.err()).toContain('internal error: cannot read x of undefined');
    expect(io.err()).toContain('This is a bug in prepub');
    expect(io.err()).not.toMatch(/\n\s+at /);
    io = capture();
    expect(await main(['node', 'prepub', '--debug', 'status'])).toBe(70);
    io.restore();
    expect(io.err()).toMatch(/TypeError: cannot read x of undefined\n\s+at /);
  });

  it('pending questions under --format json go to stdout as JSON', async () => {
    thrown.error = new UserError('2 questions still to answer', {
      json: { pending: [{ id: 'a.b' }] },
    });
    const io = capture();
    expect(await main(['node', 'prepub', 'status'])).toBe(2);
    io.restore();
    expect(JSON.parse(io.out())).toEqual({ pending: [{ id: 'a.b' }] });
  });
});
