// prepub export, end to end: the CLI in process in a fresh temp folder with NO_COLOR=1.
// Run `npm run build` first.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sheet } from '../../src/render/sheet-model.js';
import { runInProcess, type RunResult } from '../helpers/run.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/records');

let dir: string;

function prepub(...args: string[]): Promise<RunResult> {
  return runInProcess(args, {
    cwd: dir,
    env: {
      ...process.env,
      NO_COLOR: '1',
      XDG_CONFIG_HOME: path.join(dir, '.config'),
      PREPUB_CONFIG: '',
      CI: '',
    },
  });
}

beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'dist/cli.js'))) throw new Error('run "npm run build" first');
  dir = mkdtempSync(path.join(os.tmpdir(), 'prepub-export-'));
  mkdirSync(path.join(dir, '.config'));
  for (const f of [
    'care-home-contracts.prepub.json',
    'hostile.prepub.json',
    'keyring.json',
    'care-home-contracts.md',
  ]) {
    copyFileSync(path.join(FIXTURES, f), path.join(dir, f));
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RECORD = 'care-home-contracts.prepub.json';

describe('prepub export', () => {
  it('prints a Markdown sheet by default', async () => {
    const r = await prepub('export', RECORD);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("# Sign-off sheet: Council leader's committee waived tender")).toBe(
      true,
    );
    expect(r.stdout).toContain('3 sign-offs; signatures not checked (no keyring).');
    expect(r.stdout).toContain('**Not checked** (no keyring)');
  });

  it('prints the sheet model with --format json', async () => {
    const r = await prepub('export', RECORD, '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const sheet = JSON.parse(r.stdout) as Sheet;
    expect(sheet.format).toBe('prepub/sheet@1');
    expect(sheet.story.slug).toBe('council-care-contracts');
    expect(sheet.record).toMatchObject({ status: 'approved', asOf: '2025-03-13T09:31:20Z' });
    expect(sheet.signoffs.rows).toHaveLength(3);
    expect(sheet.signoffs.rows[0]?.signature).toEqual({
      status: 'not-checked',
      detail: 'no keyring',
    });
    // The built-in uk-ew pack supplies the citations (whichever version of it is installed).
    expect(['pack', 'current-pack']).toContain(sheet.checklist.citations.source);
    const answers = sheet.sections.flatMap((s) => s.answers);
    expect(
      answers.find((a) => a.question === 'defamation.chase-level')?.citations.length,
    ).toBeGreaterThan(0);
  });

  it('writes an HTML sheet to --out, readable by the owner only, and nothing to stdout', async () => {
    const r = await prepub('export', RECORD, '--format', 'html', '--out', 'sheet.html');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('Wrote the sign-off sheet to sheet.html\n');
    const file = path.join(dir, 'sheet.html');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('Council leader&#39;s committee waived tender');
  });

  it('is deterministic: the same record gives the same bytes', async () => {
    for (const format of ['md', 'html', 'json']) {
      const a = await prepub('export', RECORD, '--format', format, '--keyring', 'keyring.json');
      const b = await prepub('export', RECORD, '--format', format, '--keyring', 'keyring.json');
      expect(a.code).toBe(0);
      expect(b.stdout).toBe(a.stdout);
    }
  });

  it('checks each signature against --keyring', async () => {
    const r = await prepub('export', RECORD, '--keyring', 'keyring.json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '3 of 3 signatures verified against the keyring keyring.json when this sheet was made.',
    );
    expect(r.stdout).toMatch(
      /\| 3 \| lawyer \| Ruth Adeyemi \|.*\| \*\*Verified\*\* \(Ruth Adeyemi, lawyer key [0-9a-f]{12}\) \|/,
    );
    expect(r.stdout).toContain('- **Chain: OK**');
  });

  it('shows a signature that no longer verifies (an altered comment) and still exits 0', async () => {
    const record = JSON.parse(readFileSync(path.join(dir, RECORD), 'utf8')) as {
      attestations: { payload: string }[];
    };
    const last = record.attestations[2]!;
    const payload = Buffer.from(last.payload, 'base64')
      .toString('utf8')
      .replace('Cleared for publication.', 'Cleared, no changes.');
    last.payload = Buffer.from(payload).toString('base64');
    writeFileSync(path.join(dir, 'tampered.prepub.json'), JSON.stringify(record, null, 2));
    const r = await prepub('export', 'tampered.prepub.json', '--keyring', 'keyring.json');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 of 3 signatures verified');
    expect(r.stdout).toMatch(
      /\| 3 \| lawyer \| Ruth Adeyemi \|.*Cleared, no changes\..*\| \*\*NOT VERIFIED\*\* \(/,
    );
    expect(r.stdout).toContain('- **Chain: FAILED**');
  });

  it('still exports when the checklist pack cannot be found, and says so', async () => {
    const record = readFileSync(path.join(dir, RECORD), 'utf8').replace(
      '"id": "uk-ew"',
      '"id": "no-such-pack"',
    );
    writeFileSync(path.join(dir, 'unknown-pack.prepub.json'), record);
    const r = await prepub('export', 'unknown-pack.prepub.json', '--format', 'json');
    expect(r.code).toBe(0);
    const sheet = JSON.parse(r.stdout) as {
      checklist: { citations: { source: string; text: string } };
    };
    expect(sheet.checklist.citations.source).toBe('unavailable');
    expect(sheet.checklist.citations.text).toMatch(
      /^Citations unavailable: the no-such-pack checklist could not be loaded/,
    );
  });

  it('escapes a hostile record in every format', async () => {
    const md = await prepub('export', 'hostile.prepub.json');
    expect(md.code).toBe(0);
    expect(md.stdout).not.toMatch(/<script|<img/i);
    const html = await prepub('export', 'hostile.prepub.json', '--format', 'html');
    expect(html.code).toBe(0);
    expect(html.stdout).toContain('&lt;script&gt;');
    expect(html.stdout).not.toMatch(/<script|<img|<svg/i);
    const json = await prepub('export', 'hostile.prepub.json', '--format', 'json');
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { story: { headline: string } }).story.headline).toContain(
      '<script>',
    );
  });

  it('exits 2 naming the file when the record is missing', async () => {
    const r = await prepub('export', 'missing.prepub.json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('prepub: missing.prepub.json: no such record\n');
  });

  it('exits 2 with file:line:column when the record is malformed', async () => {
    writeFileSync(
      path.join(dir, 'broken.prepub.json'),
      '{\n  "format": "prepub/record@1",\n  "status": "draft"\n  "record": {}\n}\n',
    );
    const syntax = await prepub('export', 'broken.prepub.json');
    expect(syntax.code).toBe(2);
    expect(syntax.stdout).toBe('');
    expect(syntax.stderr).toBe(
      `prepub: broken.prepub.json: not a valid prepub record\n  broken.prepub.json:4:3: JSON syntax: unexpected '"', expected "," or "}"\n`,
    );

    const record = readFileSync(path.join(dir, RECORD), 'utf8').replace(
      '"status": "approved"',
      '"status": "published"',
    );
    writeFileSync(path.join(dir, 'invalid.prepub.json'), record);
    const schema = await prepub('export', 'invalid.prepub.json');
    expect(schema.code).toBe(2);
    expect(schema.stderr).toMatch(
      / {2}invalid\.prepub\.json:3:13: status: must be one of "draft", "filed", "returned", "approved"/,
    );
  });

  it('exits 2 for a bad --format, a bad keyring, and --out naming the record itself', async () => {
    const format = await prepub('export', RECORD, '--format', 'pdf');
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/Allowed choices are md, html, json/);

    writeFileSync(
      path.join(dir, 'bad-keyring.json'),
      '{ "format": "prepub/keyring@1", "keys": [ 1 ] }\n',
    );
    const keyring = await prepub('export', RECORD, '--keyring', 'bad-keyring.json');
    expect(keyring.code).toBe(2);
    expect(keyring.stderr).toMatch(/bad-keyring\.json:1:\d+: /);

    const before = readFileSync(path.join(dir, RECORD));
    const self = await prepub('export', RECORD, '--out', `./${RECORD}`);
    expect(self.code).toBe(2);
    expect(self.stderr).toMatch(/is the record itself/);
    expect(readFileSync(path.join(dir, RECORD))).toEqual(before);
  });
});
