// prepub check through the CLI (in process), without a terminal: scripted walks, pending questions,
// malformed answers files, locks, resume, and what ends up in the record.
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecordFile } from '../../src/core/record/schema.js';
import { positionOf, ROOT, runInProcess, tempDir } from '../helpers/run.js';

const FETE = path.join(ROOT, 'examples', 'community-fete.md');
const FETE_ANSWERS = path.join(ROOT, 'examples', 'community-fete.answers.yaml');

function setup(): string {
  const cwd = tempDir();
  copyFileSync(FETE, path.join(cwd, 'fete.md'));
  copyFileSync(FETE_ANSWERS, path.join(cwd, 'answers.yaml'));
  return cwd;
}

function readRecordFile(file: string): RecordFile {
  return RecordFile.parse(JSON.parse(readFileSync(file, 'utf8')));
}

describe('prepub check --answers (no terminal)', () => {
  it('completes the harmless example in 6 answers, risk none, record 0600', async () => {
    const cwd = setup();
    const r = await runInProcess(['check', 'fete.md', '--answers', 'answers.yaml'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Overall risk: NONE');
    expect(r.stderr).toContain('Record saved to fete.md.prepub.json (6 answers; status: draft)');
    expect(r.stderr).toContain('Next: prepub file fete.md.prepub.json');
    const file = path.join(cwd, 'fete.md.prepub.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const record = readRecordFile(file);
    expect(record.status).toBe('draft');
    expect(Object.keys(record.record.answers)).toHaveLength(6);
    expect(record.record.assessment.overall).toBe('none');
    expect(record.record.assessment.pending).toBe(0);
    expect(record.record.article).toMatchObject({
      path: 'fete.md',
      bytes: statSync(path.join(cwd, 'fete.md')).size,
    });
    expect(record.record.story).toEqual({
      slug: 'village-fete-playground',
      headline: 'Village fete raises record sum for new playground',
      desk: 'news',
      reporter: 'Sam Reporter',
    });
    expect(record.record.history.map((h) => h.event)).toEqual([
      'created',
      ...Array<string>(6).fill('answered'),
      'completed',
    ]);
    expect(readFileSync(file, 'utf8').endsWith('}\n')).toBe(true);
  });

  it('prints the result as JSON with --format json', async () => {
    const cwd = setup();
    const r = await runInProcess(
      ['check', 'fete.md', '--answers', 'answers.yaml', '--format', 'json'],
      {
        cwd,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      record: string;
      status: string;
      answers: number;
      assessment: { overall: string };
    };
    expect(out).toMatchObject({
      record: 'fete.md.prepub.json',
      status: 'draft',
      answers: 6,
      assessment: { overall: 'none' },
    });
  });

  it('lists pending questions and exits 2 when answers are missing; JSON for a publishing system', async () => {
    const cwd = setup();
    writeFileSync(
      path.join(cwd, 'partial.yaml'),
      'story: { slug: fete, headline: Fete, desk: news, reporter: Sam }\nsafety.involves: [unsure:threat]\n',
    );
    const r = await runInProcess(
      ['check', 'fete.md', '--answers', 'partial.yaml', '--format', 'json'],
      {
        cwd,
      },
    );
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as {
      pending: { id: string; section: string; ask: string; type: string; choices: string[] }[];
    };
    const ids = out.pending.map((p) => p.id);
    expect(ids[0]).toBe('safety.involves'); // "not sure" needs a note
    expect(ids).toContain('restrictions.involves');
    expect(ids).toContain('accuracy.involves');
    expect(out.pending[0]).toMatchObject({
      section: 'safety',
      type: 'checkbox',
      choices: expect.arrayContaining(['threat', 'none']) as unknown,
    });
    expect(r.stderr).toMatch(/partial\.yaml:2:18: .*note is required/);
    // Nothing lost: the draft holds what was answered (nothing valid here) and says how to go on.
    expect(existsSync(path.join(cwd, 'fete.md.prepub.json'))).toBe(true);
  });

  it('story details missing without a terminal are pending like questions', async () => {
    const cwd = setup();
    const answers = readFileSync(path.join(cwd, 'answers.yaml'), 'utf8').replace(
      /^story:[\s\S]*?reporter: Sam Reporter\n/m,
      '',
    );
    writeFileSync(path.join(cwd, 'answers.yaml'), answers);
    const r = await runInProcess(
      ['check', 'fete.md', '--answers', 'answers.yaml', '--format', 'json', '--headline', 'H'],
      { cwd },
    );
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as { pending: { id: string }[] };
    expect(out.pending.map((p) => p.id)).toEqual(['story.slug', 'story.desk', 'story.reporter']);
  });

  it('without a terminal and without --answers, names --answers', async () => {
    const cwd = setup();
    const r = await runInProcess(['check', 'fete.md'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--answers/);
    expect(existsSync(path.join(cwd, 'fete.md.prepub.json'))).toBe(false);
  });

  it('a missing article is exit 2 with one line', async () => {
    const cwd = setup();
    const r = await runInProcess(['check', 'nope.md', '--answers', 'answers.yaml'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/nope\.md/);
  });

  it('refuses to overwrite a signed record', async () => {
    const cwd = setup();
    await runInProcess(['check', 'fete.md', '--answers', 'answers.yaml'], { cwd });
    const file = path.join(cwd, 'fete.md.prepub.json');
    const record = JSON.parse(readFileSync(file, 'utf8')) as {
      status: string;
      attestations: unknown[];
    };
    record.status = 'filed';
    record.attestations = [
      {
        payloadType: 'application/vnd.in-toto+json',
        payload: 'e30=',
        signatures: [{ keyid: 'k', sig: 'c2ln' }],
      },
    ];
    writeFileSync(file, JSON.stringify(record));
    const before = readFileSync(file, 'utf8');
    const r = await runInProcess(['check', 'fete.md', '--answers', 'answers.yaml'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/already filed and signed; it is not overwritten/);
    expect(r.stderr).toMatch(/--resume fete\.md\.prepub\.json/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});

describe('prepub check: malformed answers files', () => {
  const story = 'story: { slug: s, headline: H, desk: news, reporter: R }\n';
  const cases: {
    name: string;
    text: string;
    file?: string;
    at: string | { line: number; column: number };
    message: RegExp;
  }[] = [
    {
      name: 'unknown question id',
      text: `${story}safety.nothing: "no"\n`,
      at: 'safety.nothing',
      message: /not a question of the uk-ew checklist/,
    },
    {
      name: 'value the question does not offer',
      text: `${story}safety.threats-received: maybe\n`,
      at: 'maybe',
      message: /"maybe" is not an answer to safety\.threats-received/,
    },
    {
      name: 'value inside an object',
      text: `${story}safety.threats-received: { value: perhaps }\n`,
      at: 'perhaps',
      message: /"perhaps" is not an answer/,
    },
    {
      name: 'missing note',
      text: `${story}safety.involves: [threat]\nsafety.threats-received: "yes"\n`,
      at: '"yes"',
      message: /note is required/,
    },
    {
      name: 'bad YAML',
      text: `${story}safety.threats-received: [no\n`,
      at: { line: 3, column: 1 },
      message: /YAML syntax: Flow sequence .* must .* end with a \]/,
    },
    {
      name: 'number instead of an answer',
      text: `${story}safety.threats-received: 42\n`,
      at: '42',
      message: /must be an answer/,
    },
    {
      name: 'list instead of an answer',
      text: `${story}safety.threats-received: [no, yes]\n`,
      at: '[no, yes]',
      message: /must be an answer/,
    },
    {
      name: 'unknown key in an answer object',
      text: `${story}safety.threats-received: { value: "no", notes: x }\n`,
      at: 'notes',
      message: /unknown key "notes"/,
    },
    {
      name: 'unknown story field',
      text: 'story: { slug: s, byline: B }\n',
      at: 'byline',
      message: /unknown key "byline"/,
    },
    {
      name: 'story field of the wrong type',
      text: 'story: { slug: 12 }\n',
      at: '12',
      message: /expected string/,
    },
    {
      name: 'note that is not text',
      text: `${story}safety.threats-received: { value: "yes", note: [a] }\n`,
      at: '{ value',
      message: /must be an answer/,
    },
    {
      name: 'JSON with a syntax error',
      file: 'answers.json',
      text: '{"safety.threats-received": "no"\n',
      at: { line: 2, column: 1 },
      message: /JSON syntax: unexpected end of input, expected "," or "}"$/,
    },
    { name: 'top level not a mapping', text: '- "no"\n', at: '- "no"', message: /expected object/ },
  ];
  it.each(cases)('$name → exit 2 with the position', async (c) => {
    const cwd = setup();
    const name = c.file ?? 'bad.yaml';
    writeFileSync(path.join(cwd, name), c.text);
    const r = await runInProcess(['check', 'fete.md', '--answers', name], { cwd });
    expect(r.code, r.stderr).toBe(2);
    const { line, column } = typeof c.at === 'string' ? positionOf(c.text, c.at) : c.at;
    const prefix = `${name}:${line}:${column}: `;
    const hit = r.stderr.split('\n').find((l) => l.trim().startsWith(prefix));
    expect(hit, `no diagnostic at ${prefix}:\n${r.stderr}`).toBeDefined();
    expect(hit).toMatch(c.message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('prepub check: locks and resume', () => {
  it('refuses a record open in another live process, and takes over a stale lock', async () => {
    const cwd = setup();
    const lock = path.join(cwd, 'fete.md.prepub.json.lock');
    writeFileSync(
      lock,
      JSON.stringify({ pid: process.pid, host: os.hostname(), started: '2026-01-01T00:00:00Z' }),
    );
    const busy = await runInProcess(['check', 'fete.md', '--answers', 'answers.yaml'], { cwd });
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain(
      `is open in another prepub (process ${process.pid} on ${os.hostname()}`,
    );
    writeFileSync(
      lock,
      JSON.stringify({
        pid: 2 ** 22 + 12345,
        host: os.hostname(),
        started: '2026-01-01T00:00:00Z',
      }),
    );
    const stale = await runInProcess(['check', 'fete.md', '--answers', 'answers.yaml'], { cwd });
    expect(stale.code, stale.stderr).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it('resumes a draft, and rescans when the article changed', async () => {
    const cwd = setup();
    writeFileSync(
      path.join(cwd, 'half.yaml'),
      readFileSync(path.join(cwd, 'answers.yaml'), 'utf8').split('\n').slice(0, 11).join('\n'),
    );
    const first = await runInProcess(['check', 'fete.md', '--answers', 'half.yaml'], { cwd });
    expect(first.code).toBe(2);
    const draft = readRecordFile(path.join(cwd, 'fete.md.prepub.json'));
    const answeredBefore = Object.keys(draft.record.answers);
    expect(answeredBefore.length).toBeGreaterThan(0);
    writeFileSync(
      path.join(cwd, 'fete.md'),
      `${readFileSync(path.join(cwd, 'fete.md'), 'utf8')}\nOne more line.\n`,
    );
    const r = await runInProcess(
      ['check', '--resume', 'fete.md.prepub.json', '--answers', 'answers.yaml'],
      { cwd },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/article has changed since this record was last saved/);
    const done = readRecordFile(path.join(cwd, 'fete.md.prepub.json'));
    expect(done.record.id).toBe(draft.record.id);
    expect(done.record.article?.sha256).not.toBe(draft.record.article?.sha256);
    expect(done.record.history.some((h) => h.event === 'rescanned')).toBe(true);
    for (const id of answeredBefore)
      expect(done.record.answers[id]?.answeredAt).toBe(draft.record.answers[id]?.answeredAt);
  });
});
