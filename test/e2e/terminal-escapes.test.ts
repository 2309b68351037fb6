// Hostile text in an article, a record or a keyring never reaches the terminal as a control
// sequence: ESC c (reset), OSC 0 (set the title) and CSI (clear, move) are shown, not obeyed.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runInProcess, tempDir, type RunResult } from '../helpers/run.js';

const RESET = '\u001bc';
const TITLE = '\u001b]0;pwned\u0007';
const CSI = '\u001b[2J\u001b[H';
// eslint-disable-next-line no-control-regex -- what must never be printed raw
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function expectSafe(r: RunResult): void {
  expect(r.stdout).not.toMatch(RAW);
  expect(r.stderr).not.toMatch(RAW);
}

let dir: string;
const run = (args: string[]) => runInProcess(args, { cwd: dir });

beforeAll(async () => {
  dir = tempDir('prepub-escapes-');
  for (const f of ['community-fete.md', 'community-fete.answers.yaml'])
    copyFileSync(path.join(ROOT, 'examples', f), path.join(dir, f));
  // A record whose headline and reporter carry escape sequences, as a hostile commit would.
  const r = await run([
    'check',
    'community-fete.md',
    '--answers',
    'community-fete.answers.yaml',
    '--no-input',
    '--headline',
    `Fete ${TITLE}${RESET}`,
    '--reporter',
    `Sam ${CSI}`,
  ]);
  expect(r.code, r.stderr).toBe(0);
});

describe('terminal escapes from files are shown, never sent', () => {
  it('scan: a suppression reason written in the article', async () => {
    writeFileSync(
      path.join(dir, 'hostile.md'),
      `Headline\n\n<!-- prepub-ignore uk-ew.crime-accusation: cleared ${TITLE} by ${RESET}legal -->\nHe is a thief.\n`,
    );
    const r = await run(['scan', 'hostile.md']);
    expect(r.code).toBe(0);
    expectSafe(r);
    expect(r.stdout).toContain('cleared ␛]0;pwned␇ by ␛clegal');
  });

  it('status: the headline and reporter of a record', async () => {
    const r = await run(['status', '.']);
    expect(r.code).toBe(0);
    expectSafe(r);
    expect(r.stdout).toContain('Fete ␛]0;pwned␇␛c');
  });

  it('export --format md on stdout', async () => {
    const r = await run(['export', 'community-fete.md.prepub.json']);
    expect(r.code).toBe(0);
    expectSafe(r);
    expect(r.stdout).toContain('# Sign-off sheet: Fete ␛\\]0;pwned␇␛c');
  });

  it('verify: signer names from the keyring in the checks', async () => {
    for (const f of ['care-home-contracts.prepub.json', 'care-home-contracts.md'])
      copyFileSync(path.join(ROOT, 'test/fixtures/records', f), path.join(dir, f));
    const keyring = JSON.parse(
      readFileSync(path.join(ROOT, 'test/fixtures/records/keyring.json'), 'utf8'),
    ) as { keys: { name: string }[] };
    for (const k of keyring.keys) k.name = `${k.name} ${TITLE}${RESET}`;
    writeFileSync(path.join(dir, 'keyring.json'), JSON.stringify(keyring, null, 2));
    const r = await run(['verify', 'care-home-contracts.prepub.json', '--keyring', 'keyring.json']);
    // The fixture was made with an unreleased copy of uk-ew 1.0.0, so only the evidence fails.
    expect(r.code).toBe(1);
    expect(r.stdout.match(/^✗ \w+/gm)).toEqual(['✗ evidence']);
    expectSafe(r);
    expect(r.stdout).toContain('filed by Priya Shah ␛]0;pwned␇␛c');
  });

  it('an error message quoting a name', async () => {
    const r = await run(['export', `missing${RESET}.prepub.json`]);
    expect(r.code).toBe(2);
    expectSafe(r);
    expect(r.stderr).toContain('missing␛c.prepub.json');
  });

  it('keys: a signer name on the keyring and in the key list', async () => {
    const gen = await run(['keys', 'generate', '--name', `Ed ${TITLE}`, '--no-passphrase']);
    expect(gen.code, gen.stderr).toBe(0);
    expectSafe(gen);
    const list = await run(['keys', 'list']);
    expectSafe(list);
    expect(list.stdout).toContain('Ed ␛]0;pwned␇');
  });
});
