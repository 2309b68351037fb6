// Every file prepub reads is read strictly, through the CLI in process (issue #10, items 1, 6, 11, 17):
// answers named after JavaScript built-ins, duplicate keys outside and inside signatures, records
// that are not JSON, YAML alias bombs and deep nesting, and locks that are not prepub's.
import { copyFileSync, cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { dependents } from '../../src/core/checklist/engine.js';
import type { RecordFile } from '../../src/core/record/schema.js';
import { positionOf, ROOT, runInProcess, tempDir, type RunResult } from '../helpers/run.js';
import {
  fileRecord,
  loadReal,
  makeKey,
  REAL_ARTICLE,
  realDraftRecord,
  reviewRecord,
} from '../signing/helpers.js';

const FETE = path.join(ROOT, 'examples', 'community-fete.md');
const FETE_ANSWERS = path.join(ROOT, 'examples', 'community-fete.answers.yaml');
const BUILT_INS = ['toString', 'constructor', 'valueOf', 'hasOwnProperty'];

/** A folder with the harmless example story and its answers file. */
function fete(): { cwd: string; answers: string } {
  const cwd = tempDir();
  copyFileSync(FETE, path.join(cwd, 'fete.md'));
  copyFileSync(FETE_ANSWERS, path.join(cwd, 'answers.yaml'));
  return { cwd, answers: readFileSync(FETE_ANSWERS, 'utf8') };
}

/** A folder with the article, a reporter's and an editor's keys, and the keyring that trusts them. */
function newsroom() {
  const cwd = tempDir();
  const reporter = makeKey('Jane Reporter', 'reporter');
  const editor = makeKey('Ed Itor', 'editor');
  const keyring = {
    format: 'prepub/keyring@1',
    keys: [reporter, editor].map((k) => ({
      keyid: k.keyid,
      name: k.name,
      role: k.role,
      publicKey: k.publicPem,
      added: '2026-11-20T09:00:00.000Z',
    })),
  };
  writeFileSync(path.join(cwd, 'keyring.json'), `${JSON.stringify(keyring, null, 2)}\n`);
  writeFileSync(path.join(cwd, 'story.md'), REAL_ARTICLE);
  const approved = (draft: RecordFile, payload?: (text: string) => string) =>
    reviewRecord(fileRecord(draft, reporter, undefined, payload), editor, 'approved', 'approved');
  const write = (name: string, text: string) => {
    writeFileSync(path.join(cwd, name), text, { mode: 0o600 });
    return text;
  };
  const verify = (name: string) =>
    runInProcess(['verify', name, '--article', 'story.md', '--keyring', 'keyring.json'], { cwd });
  const status = async () => {
    const r = await runInProcess(['status', '.', '--keyring', 'keyring.json', '--format', 'json'], {
      cwd,
    });
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { records: { path: string; valid: boolean | null }[] }).records;
  };
  return { cwd, reporter, editor, approved, write, verify, status };
}

const pretty = (r: RecordFile) => `${JSON.stringify(r, null, 2)}\n`;

/** `text` with a forged copy of the entry `"id": {…}` inserted ahead of the first real one. */
function forgeAhead(text: string, id: string, forged: object): string {
  const at = text.indexOf(`"${id}": {`);
  if (at < 0) throw new Error(`no "${id}" in the text`);
  return `${text.slice(0, at)}"${id}": ${JSON.stringify(forged)},\n${text.slice(at)}`;
}

/** The line a located message names for the `occurrence`th `needle` in `text`. */
function located(file: string, text: string, needle: string, occurrence = 1): string {
  const { line, column } = positionOf(text, needle, occurrence);
  return `${file}:${line}:${column}: `;
}

function expectNoCrash(r: RunResult): void {
  expect(r.stderr).not.toMatch(/internal error|This is a bug|\n\s+at /);
}

describe('item 1: answers named after JavaScript built-ins', () => {
  it.each(BUILT_INS)(
    'the answers file refuses "%s" for a yes-no question, at its line',
    async (value) => {
      const { cwd, answers } = fete();
      const text = answers.replace(
        'safety.involves: [none]',
        `safety.involves: [reporter-risk]\nsafety.field-risk-assessment: ${value}`,
      );
      writeFileSync(path.join(cwd, 'answers.yaml'), text);
      const r = await runInProcess(['check', 'fete.md', '--answers', 'answers.yaml'], { cwd });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(
        `${located('answers.yaml', text, value)}safety.field-risk-assessment: "${value}" is not an answer to safety.field-risk-assessment (choose yes, no, unsure, not-applicable)`,
      );
      expectNoCrash(r);
    },
  );

  it('the answers file refuses a __proto__ key (it used to be dropped silently)', async () => {
    const { cwd, answers } = fete();
    const text = `${answers}__proto__:\n  safety.threats-received: yes\n`;
    writeFileSync(path.join(cwd, 'answers.yaml'), text);
    const r = await runInProcess(['check', 'fete.md', '--answers', 'answers.yaml'], { cwd });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(
      `${located('answers.yaml', text, '__proto__:')}the key "__proto__" is not allowed`,
    );
  });

  it('a record answering "toString" does not file, does not verify, and exports', async () => {
    const room = newsroom();
    const { pack } = loadReal();
    const draft = realDraftRecord();
    // A question answered with a no-risk value ("yes" to a check) that no condition looks at and
    // nothing flags: "toString" in its place used to score as no risk, so the assessment stayed
    // what it was.
    const id = Object.keys(draft.record.answers).find(
      (q) =>
        draft.record.answers[q]!.value === 'yes' &&
        dependents(pack, q).length === 0 &&
        !draft.record.assessment.flagged.some((f) => f.question === q),
    )!;
    draft.record.answers[id]!.value = 'toString';

    room.write('draft.prepub.json', pretty(draft));
    room.write(
      'reporter.key.pem',
      String(room.reporter.privateKey.export({ type: 'pkcs8', format: 'pem' })),
    );
    const filed = await runInProcess(
      [
        'file',
        'draft.prepub.json',
        '--article',
        'story.md',
        '--key',
        'reporter.key.pem',
        '--keyring',
        'keyring.json',
        '--confirm',
        '--no-input',
      ],
      { cwd: room.cwd },
    );
    expect(filed.code, filed.stderr).toBe(1);
    expect(filed.stderr).toContain('the assessment does not follow from the answers');
    expect(readFileSync(path.join(room.cwd, 'draft.prepub.json'), 'utf8')).toBe(pretty(draft));

    room.write('signed.prepub.json', pretty(room.approved(draft)));
    const verified = await room.verify('signed.prepub.json');
    expect(verified.code, verified.stdout + verified.stderr).toBe(1);
    expect(verified.stdout).toMatch(/evidence.*the assessment does not follow from the answers/);

    const exported = await runInProcess(['export', 'signed.prepub.json', '--format', 'md'], {
      cwd: room.cwd,
    });
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain('toString');
    expectNoCrash(exported);
  });
});

describe('item 6: nothing outside the signature', () => {
  const ID = 'safety.involves';
  const FORGED = { value: ['none'], answeredAt: '2026-11-20T10:00:00.000Z' };

  it('a forged first copy of an answer in the record is an error at the second copy', async () => {
    const room = newsroom();
    const honest = pretty(room.approved(realDraftRecord()));
    room.write('honest.prepub.json', honest);
    expect((await room.verify('honest.prepub.json')).code).toBe(0);

    const forged = room.write('story.prepub.json', forgeAhead(honest, ID, FORGED));
    // What JSON.parse makes of it is the honest record: a reader of the first copy sees [none],
    // the signature "not sure" about a risk to the reporter.
    expect(JSON.parse(forged)).toEqual(JSON.parse(honest));
    const r = await room.verify('story.prepub.json');
    expect(r.code, r.stdout + r.stderr).toBe(2);
    const first = positionOf(forged, `"${ID}"`, 1).line;
    expect(r.stderr).toBe(
      'prepub: story.prepub.json: not a valid prepub record\n' +
        `  ${located('story.prepub.json', forged, `"${ID}"`, 2)}duplicate key "${ID}" (first at line ${first})\n`,
    );
    const rows = await room.status();
    expect(rows.find((row) => row.path === 'honest.prepub.json')?.valid).toBe(true);
    expect(rows.find((row) => row.path === 'story.prepub.json')).toMatchObject({
      valid: false,
      problems: ['not a valid record'],
    });
  });

  it('a duplicate key inside a signed payload makes that envelope unreadable', async () => {
    const room = newsroom();
    const signed = room.approved(realDraftRecord(), (payload) => forgeAhead(payload, ID, FORGED));
    const text = room.write('story.prepub.json', pretty(signed));
    const r = await room.verify('story.prepub.json');
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(
        `signature 1 .*envelope 1: payload is not strict JSON \\(line \\d+, column \\d+: duplicate key "${ID.replace('.', '\\.')}" \\(first at line \\d+\\)\\)`,
      ),
    );
    const rows = await room.status();
    expect(rows.find((row) => row.path === 'story.prepub.json')?.valid).toBe(false);
    const exported = await runInProcess(['export', 'story.prepub.json', '--format', 'md'], {
      cwd: room.cwd,
    });
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain('payload is not strict JSON');
    expect(text).toContain('"payload"');
  });

  it('a record saved as YAML is refused by verify and by status alike: records are JSON', async () => {
    const room = newsroom();
    const text = room.write('story.prepub.json', stringify(room.approved(realDraftRecord())));
    const r = await room.verify('story.prepub.json');
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toBe(
      'prepub: story.prepub.json: not a valid prepub record\n' +
        '  story.prepub.json:1:1: a prepub record is a JSON object, starting with "{" (records are JSON, not YAML)\n',
    );
    expect(text.startsWith('format: prepub/record@1')).toBe(true);
    expect(await room.status()).toMatchObject([
      { path: 'story.prepub.json', valid: false, problems: ['not a valid record'] },
    ]);
  });

  it('a duplicate key in the keyring or the config is an error with its position', async () => {
    const room = newsroom();
    room.write('story.prepub.json', pretty(room.approved(realDraftRecord())));
    const keyring = readFileSync(path.join(room.cwd, 'keyring.json'), 'utf8');
    // A forged first role ahead of the real one: JSON.parse would keep "reporter".
    const forged = room.write(
      'keyring.json',
      keyring.replace('"role": "reporter"', '"role": "editor",\n      "role": "reporter"'),
    );
    const r = await room.verify('story.prepub.json');
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toContain(
      `${located('keyring.json', forged, '"role"', 2)}duplicate key "role" (first at line ${positionOf(forged, '"role"').line})`,
    );

    room.write('keyring.json', keyring);
    const config = room.write(
      'prepub.config.json',
      '{\n  "keyring": "elsewhere.json",\n  "keyring": "keyring.json"\n}\n',
    );
    // verify never reads a config beside the records (it pins its trust root); status does.
    const c = await runInProcess(['status', '.'], { cwd: room.cwd });
    expect(c.code, c.stdout + c.stderr).toBe(2);
    expect(c.stderr).toContain(
      `${located(path.join(room.cwd, 'prepub.config.json'), config, '"keyring"', 2)}duplicate key "keyring" (first at line 2)`,
    );
  });
});

describe('item 11: YAML alias bombs and deep nesting are exit 2 with a position, never 70', () => {
  /** A billion laughs in YAML: each line ten aliases of the one before. */
  const BOMB = [
    'lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]',
    ...Array.from(
      { length: 8 },
      (_, i) => `lol${i + 1}: &lol${i + 1} [${Array(10).fill(`*lol${i}`).join(', ')}]`,
    ),
    '',
  ].join('\n');
  const BOMB_AT = 'lol3: '; // its 8th *lol2 takes it over the limit
  const bombLine = (text: string) => positionOf(text, BOMB_AT).line;

  it('in an answers file', async () => {
    const { cwd, answers } = fete();
    const text = `${answers}${BOMB}`;
    writeFileSync(path.join(cwd, 'answers.yaml'), text);
    const r = await runInProcess(['check', 'fete.md', '--answers', 'answers.yaml'], { cwd });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`answers\\.yaml:${bombLine(text)}:\\d+: too many aliases: .*alias bomb`),
    );
    expectNoCrash(r);
  });

  it('in a config file', async () => {
    const { cwd } = fete();
    writeFileSync(path.join(cwd, 'prepub.config.json'), `checklist: uk-ew\n${BOMB}`);
    const r = await runInProcess(['scan', 'fete.md'], { cwd });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`prepub\\.config\\.json:${bombLine(`x\n${BOMB}`)}:\\d+: too many aliases`),
    );
    expectNoCrash(r);
  });

  it('in a checklist pack', async () => {
    const cwd = tempDir();
    cpSync(path.join(ROOT, 'checklists', 'uk-ew'), path.join(cwd, 'bomb'), { recursive: true });
    const file = path.join(cwd, 'bomb', 'safety.yaml');
    const text = `${readFileSync(file, 'utf8')}${BOMB}`;
    writeFileSync(file, text);
    const r = await runInProcess(['checklists', 'validate', 'bomb'], { cwd });
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stdout + r.stderr).toMatch(
      new RegExp(`safety\\.yaml:${bombLine(text)}:\\d+: too many aliases`),
    );
    expectNoCrash(r);
  });

  it('in a record (which is not JSON, so it is refused before any alias is expanded)', async () => {
    const room = newsroom();
    room.write('story.prepub.json', BOMB);
    const r = await room.verify('story.prepub.json');
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('story.prepub.json:1:1: a prepub record is a JSON object');
    expectNoCrash(r);
  });

  it('deep nesting in a keyring, a record and an answers file', async () => {
    const room = newsroom();
    room.write('story.prepub.json', pretty(room.approved(realDraftRecord())));
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    room.write('keyring.json', `{"format": "prepub/keyring@1", "keys": ${deep(20_000)}}`);
    const k = await room.verify('story.prepub.json');
    expect(k.code, k.stderr).toBe(2);
    // The object is level 1, so the 200th "[" (column 40 + 199) is level 201.
    expect(k.stderr).toContain('keyring.json:1:239: nested more than 200 levels deep');
    expectNoCrash(k);

    room.write('deep.prepub.json', `{"format": ${deep(20_000)}}`);
    const d = await room.verify('deep.prepub.json');
    expect(d.code, d.stderr).toBe(2);
    expect(d.stderr).toContain('deep.prepub.json:1:211: nested more than 200 levels deep');

    const { cwd, answers } = fete();
    writeFileSync(
      path.join(cwd, 'answers.yaml'),
      `${answers}safety.threats-received: ${deep(50_000)}\n`,
    );
    const a = await runInProcess(['check', 'fete.md', '--answers', 'answers.yaml'], { cwd });
    expect(a.code, a.stderr).toBe(2);
    expect(a.stderr).toMatch(/answers\.yaml:\d+:\d+: nested more than 200 levels deep/);
    expectNoCrash(a);
  });
});

describe('item 17: locks and JSON wording', () => {
  it('a lock file holding {} is not a prepub lock: it is taken over like a torn one', async () => {
    const { cwd } = fete();
    const lock = path.join(cwd, 'fete.md.prepub.json.lock');
    writeFileSync(lock, '{}');
    const r = await runInProcess(['check', 'fete.md', '--answers', 'answers.yaml'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('undefined');
    expect(existsSync(lock)).toBe(false);
    expect(existsSync(path.join(cwd, 'fete.md.prepub.json'))).toBe(true);
  });

  it('a config with a JSON syntax error says JSON, not YAML', async () => {
    const { cwd } = fete();
    writeFileSync(path.join(cwd, 'prepub.config.json'), '{"checklist": "uk-ew",}\n');
    const r = await runInProcess(['scan', 'fete.md'], { cwd });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(
      'prepub.config.json:1:23: JSON syntax: unexpected "}", expected a quoted key',
    );
    expect(r.stderr).not.toContain('YAML');
  });
});
