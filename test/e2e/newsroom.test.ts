// The whole chain as a newsroom runs it, through the CLI in process: keys, a keyring in config,
// `check --file` on the example article, the editor's review, verify as a publishing system
// would, status, the sheet, and what changing the text or an answer does.
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RecordFile } from '../../src/core/record/schema.js';
import { ROOT, runInProcess, tempDir } from '../helpers/run.js';

let cwd: string;
// The publishing system pins the newsroom's keyring for verify (PREPUB_TRUST); the desk's own
// commands find it through the config.
const run = (args: string[]) =>
  runInProcess(args, {
    cwd,
    timeoutMs: 30_000,
    env: { PREPUB_TRUST: path.join(cwd, 'keyring.json') },
  });
const record = () =>
  RecordFile.parse(JSON.parse(readFileSync(path.join(cwd, 'fete.md.prepub.json'), 'utf8')));

beforeAll(async () => {
  cwd = tempDir('prepub-newsroom-');
  copyFileSync(path.join(ROOT, 'examples', 'community-fete.md'), path.join(cwd, 'fete.md'));
  copyFileSync(
    path.join(ROOT, 'examples', 'community-fete.answers.yaml'),
    path.join(cwd, 'answers.yaml'),
  );
  writeFileSync(
    path.join(cwd, 'prepub.config.json'),
    JSON.stringify({ keyring: 'keyring.json', user: { name: 'Sam Reporter', desk: 'news' } }),
  );
  for (const [name, role] of [
    ['Sam Reporter', 'reporter'],
    ['Ed Itor', 'editor'],
  ] as const) {
    const g = await run(['keys', 'generate', '--name', name, '--no-passphrase']);
    expect(g.code, g.stderr).toBe(0);
    const file = `${role}.pem`;
    const e = await run(['keys', 'export', name, '--out', file]);
    expect(e.code, e.stderr).toBe(0);
    const t = await run(['keys', 'trust', file, '--name', name, '--role', role]);
    expect(t.code, t.stderr).toBe(0);
  }
}, 60_000);

describe('a newsroom, end to end', () => {
  it('check --file, review, verify, status, export; a changed byte or answer breaks verify', async () => {
    const checked = await run([
      'check',
      'fete.md',
      '--answers',
      'answers.yaml',
      '--file',
      '--key',
      'Sam Reporter',
    ]);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stderr).toContain(
      'is filed. Next: the desk editor runs prepub review fete.md.prepub.json',
    );
    expect(record().status).toBe('filed');

    const early = await run(['verify', 'fete.md.prepub.json', '--article', 'fete.md']);
    expect(early.code).toBe(1); // filed, not yet approved
    expect(early.stdout + early.stderr).toMatch(/policy/);

    const reviewed = await run([
      'review',
      'fete.md.prepub.json',
      '--decision',
      'approve',
      '--comment',
      'Cleared for the web.',
      '--no-input',
      '--key',
      'Ed Itor',
      '--json',
    ]);
    expect(reviewed.code, reviewed.stderr).toBe(0);
    expect(JSON.parse(reviewed.stdout)).toMatchObject({
      decision: 'approved',
      status: 'approved',
      role: 'editor',
    });
    expect(record().status).toBe('approved');

    const ok = await run([
      'verify',
      'fete.md.prepub.json',
      '--article',
      'fete.md',
      '--format',
      'json',
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    const report = JSON.parse(ok.stdout) as {
      ok: boolean;
      checks: { name: string; ok: boolean }[];
    };
    expect(report.ok).toBe(true);
    expect(report.checks.every((c) => c.ok)).toBe(true);

    const status = await run(['status', '.', '--format', 'json']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain('village-fete-playground');

    const sheet = await run([
      'export',
      'fete.md.prepub.json',
      '--format',
      'html',
      '--out',
      'sheet.html',
    ]);
    expect(sheet.code, sheet.stderr).toBe(0);
    const html = readFileSync(path.join(cwd, 'sheet.html'), 'utf8');
    expect(html).toContain('Village fete raises record sum for new playground');
    expect(html).toContain('Cleared for the web.');

    // One byte of the article changes: verify names the article check and exits 1.
    const original = readFileSync(path.join(cwd, 'fete.md'));
    writeFileSync(
      path.join(cwd, 'fete.md'),
      Buffer.concat([original.subarray(0, 10), Buffer.from('X'), original.subarray(11)]),
    );
    const changed = await run(['verify', 'fete.md.prepub.json', '--article', 'fete.md']);
    expect(changed.code).toBe(1);
    expect(changed.stdout + changed.stderr).toMatch(/article/);
    writeFileSync(path.join(cwd, 'fete.md'), original);

    // Changing an answer after sign-off returns the record to draft; verify fails until refiled.
    writeFileSync(
      path.join(cwd, 'change.yaml'),
      'safety.involves: { value: [reporter-risk], note: "Hostile stallholder." }\nsafety.field-risk-assessment: "yes"\n',
    );
    const approvedBytes = readFileSync(path.join(cwd, 'fete.md.prepub.json'), 'utf8');
    for (const args of [['--answers', 'answers.yaml', '--no-input'], ['--no-input']]) {
      const resumed = await run(['check', '--resume', 'fete.md.prepub.json', ...args]);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stderr).toContain('is approved; nothing changed');
      // Nothing changed, so nothing is written: the signed record still verifies.
      expect(readFileSync(path.join(cwd, 'fete.md.prepub.json'), 'utf8')).toBe(approvedBytes);
    }
    expect((await run(['verify', 'fete.md.prepub.json', '--article', 'fete.md'])).code).toBe(0);
    const bad = await run([
      'check',
      '--resume',
      'fete.md.prepub.json',
      '--answers',
      'change.yaml',
      '--no-input',
    ]);
    expect(bad.code).toBe(2); // the rest of that walk is pending, but the change is saved
    const reopened = record();
    expect(reopened.status).toBe('draft');
    expect(reopened.record.history.some((h) => h.event === 'reopened')).toBe(true);
    expect(reopened.attestations).toHaveLength(2); // the signatures stay, as history
    const after = await run(['verify', 'fete.md.prepub.json', '--article', 'fete.md']);
    expect(after.code).toBe(1);
  }, 120_000);
});

describe('filing refuses a record edited by hand', () => {
  it.each([
    [
      'a referral removed from the assessment',
      (r: RecordFile) => ({
        ...r,
        record: {
          ...r.record,
          assessment: {
            ...r.record.assessment,
            overall: 'none' as const,
            referrals: [],
            flagged: [],
          },
        },
      }),
    ],
    [
      'a finding removed',
      (r: RecordFile) => ({ ...r, record: { ...r.record, findings: r.record.findings.slice(1) } }),
    ],
  ])(
    '%s',
    async (_name, edit) => {
      copyFileSync(
        path.join(ROOT, 'examples', 'councillor-allegation.md'),
        path.join(cwd, 'story.md'),
      );
      writeFileSync(
        path.join(cwd, 'risky.yaml'),
        'story: { slug: risky, headline: R, desk: news, reporter: Sam Reporter }\n',
      );
      const shown = await run(['checklists', 'show', 'uk-ew', '--format', 'json']);
      // Every question answered "not sure" with a note (a checkbox: "not sure" about every
      // option; a repeat group: one item): a blocker, with lawyer referrals.
      interface QuestionJson {
        id: string;
        type: string;
        answers?: Record<string, unknown>;
        questions?: QuestionJson[];
      }
      const pack = JSON.parse(shown.stdout) as { sections: { questions: QuestionJson[] }[] };
      const line = (key: string, q: QuestionJson) => {
        const values = Object.keys(q.answers ?? {});
        const value =
          q.type === 'text'
            ? 'Noted'
            : q.type === 'checkbox'
              ? values.filter((v) => v !== 'none').map((v) => `unsure:${v}`)
              : values.includes('unsure')
                ? 'unsure'
                : values[0];
        return `${key}: { value: ${JSON.stringify(value)}, note: "Checked." }`;
      };
      const lines = pack.sections
        .flatMap((s) => s.questions)
        .flatMap((q) =>
          q.type === 'repeat'
            ? [...(q.questions ?? []).map((c) => line(`${c.id}#1`, c)), `${q.id}: 1`]
            : [line(q.id, q)],
        );
      writeFileSync(
        path.join(cwd, 'risky.yaml'),
        `story: { slug: risky, headline: R, desk: news, reporter: Sam Reporter }\n${lines.join('\n')}\n`,
      );
      const file = path.join(cwd, 'story.md.prepub.json');
      rmSync(file, { force: true });
      const checked = await run(['check', 'story.md', '--answers', 'risky.yaml']);
      expect(checked.code, checked.stderr).toBe(0);
      const original = RecordFile.parse(JSON.parse(readFileSync(file, 'utf8')));
      expect(original.record.assessment.referrals.length).toBeGreaterThan(0);
      writeFileSync(file, JSON.stringify(edit(original), null, 2));
      const filed = await run([
        'file',
        'story.md.prepub.json',
        '--confirm',
        '--no-input',
        '--key',
        'Sam Reporter',
      ]);
      expect(filed.code).toBe(1);
      expect(filed.stderr).toMatch(
        /does not follow from the answers|not what a scan of the article finds/,
      );
      expect(RecordFile.parse(JSON.parse(readFileSync(file, 'utf8'))).status).toBe('draft');
    },
    60_000,
  );
});
