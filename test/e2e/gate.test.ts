// The gate holds (issue #10, items 2–5 and 7), through the CLI in process: a reporter who can commit
// to the records repository cannot choose the gate's rules, approve their own story, rewrite
// who approved it, file a doctored finding or checklist, or get a changed text through.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordFile } from '../../src/core/record/schema.js';
import { ROOT, runInProcess, tempDir } from '../helpers/run.js';
import { REAL_ARTICLE, realDraftRecord } from '../signing/helpers.js';

let top: string; // holds the records repository and, outside it, the gate's pinned trust root
let repo: string;
let gateTrust: string;
const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runInProcess(args, {
    cwd: repo,
    timeoutMs: 30_000,
    env: { HOME: top, XDG_CONFIG_HOME: path.join(top, 'config'), ...env },
  });
const write = (name: string, value: unknown) =>
  writeFileSync(
    path.join(repo, name),
    typeof value === 'string' ? value : `${JSON.stringify(value, null, 2)}\n`,
    { mode: 0o600 },
  );
const read = (name: string) => readFileSync(path.join(repo, name), 'utf8');
const keyring = () =>
  JSON.parse(readFileSync(gateTrust, 'utf8')) as {
    format: string;
    keys: Record<string, unknown>[];
  };
const setConfig = (config: Record<string, unknown> = {}) =>
  write('prepub.config.json', { keyring: 'keyring.json', ...config });

/** File a real draft as the reporter and approve it as the editor; returns the record's name. */
async function approvedRecord(name: string, release?: '1.0.0'): Promise<string> {
  write(`${name}.md`, REAL_ARTICLE);
  write(`${name}.prepub.json`, realDraftRecord({ path: `${name}.md`, release }));
  const filed = await run([
    'file',
    `${name}.prepub.json`,
    '--confirm',
    '--no-input',
    '--key',
    'Sam Reporter',
  ]);
  expect(filed.code, filed.stderr).toBe(0);
  const reviewed = await run([
    'review',
    `${name}.prepub.json`,
    '--decision',
    'approve',
    '--comment',
    'Fine.',
    '--no-input',
    '--key',
    'Ed Itor',
  ]);
  expect(reviewed.code, reviewed.stderr).toBe(0);
  return `${name}.prepub.json`;
}

/** A risky court story (test/fixtures/articles/heldout-sent-for-trial.md) checked with its pinned
 * answers, as `<name>.md` in the records repository; returns the record's name. */
async function checkCourtStory(name: string, extra: string[] = []): Promise<string> {
  cpSync(
    path.join(ROOT, 'test', 'fixtures', 'articles', 'heldout-sent-for-trial.md'),
    path.join(repo, `${name}.md`),
  );
  const made = await run([
    'check',
    `${name}.md`,
    '--answers',
    path.join(ROOT, 'test', 'fixtures', 'walks', 'court.answers.yaml'),
    '--no-input',
    ...extra,
  ]);
  expect(made.code, made.stderr).toBe(0);
  return `${name}.md.prepub.json`;
}

beforeAll(async () => {
  top = tempDir('prepub-gate-');
  repo = path.join(top, 'records');
  mkdirSync(repo);
  mkdirSync(path.join(top, 'gate'));
  gateTrust = path.join(top, 'gate', 'keyring.json');
  for (const [name, role] of [
    ['Sam Reporter', 'reporter'],
    ['Ed Itor', 'editor'],
    ['Lee Gal', 'lawyer'],
  ] as const) {
    expect((await run(['keys', 'generate', '--name', name, '--no-passphrase'])).code).toBe(0);
    expect((await run(['keys', 'export', name, '--out', `${role}.pem`])).code).toBe(0);
    const t = await run([
      'keys',
      'trust',
      `${role}.pem`,
      '--name',
      name,
      '--role',
      role,
      '--keyring',
      'keyring.json',
    ]);
    expect(t.code, t.stderr).toBe(0);
  }
  cpSync(path.join(repo, 'keyring.json'), gateTrust); // the publishing system's own copy
  setConfig();
}, 60_000);
afterAll(() => rmSync(top, { recursive: true, force: true }));

describe('the trust root is the gate’s, not the reporter’s (item 3)', () => {
  it('refuses a policy in a prepub.config.json, where a reporter could weaken it', async () => {
    setConfig({ policy: { approvals: [] } });
    const r = await run(['verify', 'x.prepub.json', '--trust', gateTrust]);
    const f = await run(['file', 'x.prepub.json', '--confirm', '--no-input']);
    setConfig();
    for (const out of [f]) {
      expect(out.code).toBe(2);
      expect(out.stderr).toMatch(/"policy" no longer belongs in prepub\.config\.json/);
    }
    // The gate does not read that config at all: it fails on the missing record instead.
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/x\.prepub\.json: no such record/);
  });

  it('refuses a trust root whose policy approves with no approval, with its position', async () => {
    writeFileSync(
      path.join(top, 'gate', 'lax.json'),
      `${JSON.stringify({ ...keyring(), policy: { approvals: [] } }, null, 2)}\n`,
    );
    const name = await approvedRecord('lax');
    const r = await run(['verify', name, '--trust', path.join(top, 'gate', 'lax.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/lax\.json:\d+:\d+: policy\.approvals: at least one approval/);
  });

  it('never takes the keyring from a config beside the records', async () => {
    const name = await approvedRecord('pinned');
    const unpinned = await run(['verify', name]);
    expect(unpinned.code).toBe(2);
    expect(unpinned.stderr).toMatch(/no trust root/);
    expect((await run(['verify', name], { PREPUB_TRUST: gateTrust })).code).toBe(0);
    // The gate's own config (PREPUB_CONFIG) may name it.
    writeFileSync(
      path.join(top, 'gate', 'config.json'),
      JSON.stringify({ keyring: 'keyring.json' }),
    );
    expect(
      (await run(['verify', name], { PREPUB_CONFIG: path.join(top, 'gate', 'config.json') })).code,
    ).toBe(0);
  });

  it('a reporter trusted as editor in the repository keyring gets nothing past the gate', async () => {
    // The reporter adds their own key as an editor to the keyring in the repository.
    const ring = JSON.parse(read('keyring.json')) as { keys: Record<string, unknown>[] };
    const sam = ring.keys.find((k) => k.name === 'Sam Reporter')!;
    write('keyring.json', { ...ring, keys: [...ring.keys, { ...sam, role: 'editor' }] });
    write('self.md', REAL_ARTICLE);
    write('self.prepub.json', realDraftRecord({ path: 'self.md' }));
    expect(
      (await run(['file', 'self.prepub.json', '--confirm', '--no-input', '--key', 'Sam Reporter']))
        .code,
    ).toBe(0);
    // Distinct signers by default: review refuses before it signs.
    const own = await run([
      'review',
      'self.prepub.json',
      '--decision',
      'approve',
      '--no-input',
      '--key',
      'Sam Reporter',
    ]);
    expect(own.code).toBe(2);
    expect(own.stderr).toMatch(/your approval would not count: Sam Reporter filed the story/);
    // Even with the repository keyring's policy turned off, the gate's own trust root decides.
    write('keyring.json', {
      ...JSON.parse(read('keyring.json')),
      policy: { approvals: ['editor'], distinctSigners: false },
    });
    const self = await run([
      'review',
      'self.prepub.json',
      '--decision',
      'approve',
      '--no-input',
      '--key',
      'Sam Reporter',
    ]);
    expect(self.code, self.stderr).toBe(0);
    const gate = await run(['verify', 'self.prepub.json', '--trust', gateTrust]);
    expect(gate.code).toBe(1);
    expect(gate.stdout).toMatch(/✗ signature 2 .*trusted as reporter, not as editor/);
    // And a trust root that trusts Sam in both roles still wants someone else's approval.
    const both = path.join(top, 'gate', 'both.json');
    writeFileSync(
      both,
      JSON.stringify(
        {
          ...keyring(),
          keys: [
            ...keyring().keys,
            { ...keyring().keys.find((k) => k.name === 'Sam Reporter')!, role: 'editor' },
          ],
        },
        null,
        2,
      ),
    );
    const distinct = await run(['verify', 'self.prepub.json', '--trust', both]);
    expect(distinct.code).toBe(1);
    expect(distinct.stdout).toMatch(/✗ policy .*does not count: Sam Reporter filed the story/);
    cpSync(gateTrust, path.join(repo, 'keyring.json'));
  });

  it('fails a signature by a revoked or expired key', async () => {
    const name = await approvedRecord('revoked');
    const ring = keyring();
    const ed = (extra: Record<string, unknown>) => ({
      ...ring,
      keys: ring.keys.map((k) => (k.name === 'Ed Itor' ? { ...k, ...extra } : k)),
    });
    const revoked = path.join(top, 'gate', 'revoked.json');
    writeFileSync(
      revoked,
      JSON.stringify(
        ed({ revoked: { at: '2026-11-01T00:00:00Z', reason: 'left the paper' } }),
        null,
        2,
      ),
    );
    const r = await run(['verify', name, '--trust', revoked]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ signature 2 .*revoked 2026-11-01T00:00:00Z \(left the paper\)/);
    const expired = path.join(top, 'gate', 'expired.json');
    writeFileSync(expired, JSON.stringify(ed({ expires: '2020-01-01T00:00:00Z' }), null, 2));
    const e = await run(['verify', name, '--trust', expired]);
    expect(e.code).toBe(1);
    expect(e.stdout).toMatch(/expired 2020-01-01/);
  });
});

describe('the text is bound by default (item 2)', () => {
  it('checks the article the record names, fails when it is gone, and says so with --no-article', async () => {
    const name = await approvedRecord('bound');
    expect((await run(['verify', name, '--trust', gateTrust])).code).toBe(0);
    // status: a record whose article beside it changed is stale, not valid.
    const row = async () =>
      (
        JSON.parse((await run(['status', '.', '--format', 'json'])).stdout) as {
          records: { path: string; valid: boolean | null; problems: string[] }[];
        }
      ).records.find((r) => r.path === name)!;
    expect(await row()).toMatchObject({ valid: true, problems: [] });
    writeFileSync(path.join(repo, 'bound.md'), REAL_ARTICLE.replace('Leeds', 'Leedz'));
    expect(await row()).toMatchObject({ valid: false, problems: ['stale (the article changed)'] });
    expect((await run(['status', '.'])).stdout).toMatch(/stale/);
    rmSync(path.join(repo, 'bound.md'));
    const gone = await run(['verify', name, '--trust', gateTrust]);
    expect(gone.code).toBe(1);
    expect(gone.stdout).toMatch(/✗ article .*the article the record names is not at .*bound\.md/);
    const skipped = await run(['verify', name, '--trust', gateTrust, '--no-article']);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toMatch(/Text not checked/);
    const json = await run([
      'verify',
      name,
      '--trust',
      gateTrust,
      '--no-article',
      '--format',
      'json',
    ]);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, article: { checked: false } });
  });
});

describe('an article that is not a file is refused at once, never waited on', () => {
  it.each([
    ['a symbolic link to a terminal', (p: string) => symlinkSync('/dev/ptmx', p)],
    ['a FIFO with no writer', (p: string) => execFileSync('mkfifo', [p])],
  ])('%s', async (_, make) => {
    const name = await approvedRecord('device');
    rmSync(path.join(repo, 'device.md'));
    make(path.join(repo, 'device.md'));
    const v = await run(['verify', name, '--trust', gateTrust]);
    expect(v.code).toBe(2);
    expect(v.stderr).toMatch(/device\.md: is not a regular file/);
    const s = await run(['status', '.', '--format', 'json']);
    expect(s.code, s.stderr).toBe(0);
    rmSync(path.join(repo, 'device.md'));
    rmSync(path.join(repo, name));
  });
});

describe('the evidence is recomputed under the exact checklist (items 4 and 7)', () => {
  const forgePack = (version: string) => {
    const dir = path.join(repo, 'packs', 'uk-ew');
    rmSync(path.join(repo, 'packs'), { recursive: true, force: true });
    cpSync(path.join(ROOT, 'checklists', 'uk-ew'), dir, { recursive: true });
    const manifest = path.join(dir, 'pack.yaml');
    writeFileSync(
      manifest,
      readFileSync(manifest, 'utf8')
        .replace(/^version: .*$/m, `version: ${version}`)
        .replace(/^title: (.*)$/m, 'title: $1 (our copy)'),
    );
    setConfig({ packDirs: ['packs'] });
  };
  const checkFete = (slug: string) => {
    cpSync(path.join(ROOT, 'examples', 'community-fete.md'), path.join(repo, `${slug}.md`));
    cpSync(
      path.join(ROOT, 'examples', 'community-fete.answers.yaml'),
      path.join(repo, `${slug}.answers.yaml`),
    );
    return run([
      'check',
      `${slug}.md`,
      '--answers',
      `${slug}.answers.yaml`,
      '--no-input',
      '--file',
      '--key',
      'Sam Reporter',
    ]);
  };

  it('a copy of a released checklist version with other content is refused at filing', async () => {
    forgePack('1.0.0');
    const r = await checkFete('same-version').finally(() => setConfig());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/uk-ew 1\.0\.0 was released with sha256 \w+, but .* content differs/);
  });

  it('a checklist the gate does not have fails verify unless allowed for archives', async () => {
    forgePack('1.0.1');
    const filed = await checkFete('own-pack');
    expect(filed.code, filed.stderr).toBe(0);
    const reviewed = await run([
      'review',
      'own-pack.md.prepub.json',
      '--decision',
      'approve',
      '--no-input',
      '--key',
      'Ed Itor',
    ]);
    expect(reviewed.code, reviewed.stderr).toBe(0);
    setConfig();
    const r = await run(['verify', 'own-pack.md.prepub.json', '--trust', gateTrust]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /✗ evidence .*cannot recompute the evidence: checklist uk-ew 1\.0\.1 .* is not installed here/,
    );
    const archive = await run([
      'verify',
      'own-pack.md.prepub.json',
      '--trust',
      gateTrust,
      '--allow-unknown-checklist',
    ]);
    expect(archive.code).toBe(0);
    expect(archive.stdout).toMatch(/not recomputed \(allowed by --allow-unknown-checklist\)/);
  });

  it('a record made under uk-ew 1.0.0 still verifies and exports now that 2.x is live', async () => {
    // Made with the released 1.0.0 (kept in checklists/archive), as a newsroom did before 2.0.0.
    cpSync(path.join(ROOT, 'examples', 'community-fete.md'), path.join(repo, 'older-release.md'));
    const made = await run([
      'check',
      'older-release.md',
      '--checklist',
      path.join(ROOT, 'checklists', 'archive', 'uk-ew', '1.0.0'),
      '--answers',
      path.join(ROOT, 'test', 'fixtures', 'walks', 'v1', 'harmless.answers.yaml'),
      '--slug',
      'older-release',
      '--headline',
      'Village fete raises record sum',
      '--desk',
      'news',
      '--reporter',
      'Sam Reporter',
      '--no-input',
      '--file',
      '--key',
      'Sam Reporter',
    ]);
    expect(made.code, made.stderr).toBe(0);
    const name = 'older-release.md.prepub.json';
    const checklist = (JSON.parse(read(name)) as { record: { checklist: { version: string } } })
      .record.checklist;
    expect(checklist.version).toBe('1.0.0');
    const reviewed = await run([
      'review',
      name,
      '--decision',
      'approve',
      '--no-input',
      '--key',
      'Ed Itor',
    ]);
    expect(reviewed.code, reviewed.stderr).toBe(0);
    // The live uk-ew is a newer version: the gate takes 1.0.0 from the archive and recomputes.
    const r = await run(['verify', name, '--trust', gateTrust, '--format', 'json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/"id": "evidence"[^}]*"recomputed": true/);
    // The sheet is drawn with the questions the record was made with.
    const sheet = await run(['export', name, '--format', 'md']);
    expect(sheet.code, sheet.stderr).toBe(0);
    expect(sheet.stdout).toContain('uk-ew 1.0.0');
    expect(sheet.stdout).toContain(
      'Does the story involve any court case, arrest, police investigation',
    );
  });

  it('a risky story filed under uk-ew 2.0.0 still verifies now that 2.1.0 is live', async () => {
    // 2.1.0 changes only the scan rules: the gate must rescan a 2.0.0 record with 2.0.0's rules
    // (from the archive), or every court story filed under 2.0.0 would stop verifying.
    const name = await checkCourtStory('court-2-0', [
      '--checklist',
      path.join(ROOT, 'checklists', 'archive', 'uk-ew', '2.0.0'),
      '--file',
      '--key',
      'Sam Reporter',
    ]);
    const record = JSON.parse(read(name)) as {
      record: { checklist: { version: string }; findings: unknown[] };
    };
    expect(record.record.checklist.version).toBe('2.0.0');
    expect(record.record.findings.length).toBeGreaterThan(3);
    const reviewed = await run([
      'review',
      name,
      '--decision',
      'approve',
      '--accept-all',
      '--no-input',
      '--key',
      'Ed Itor',
    ]);
    expect(reviewed.code, reviewed.stderr).toBe(0);
    // Its lawyer referrals need the lawyer's approval too (the keyring's policy).
    const cleared = await run([
      'review',
      name,
      '--role',
      'lawyer',
      '--decision',
      'approve',
      '--accept-all',
      '--no-input',
      '--key',
      'Lee Gal',
    ]);
    expect(cleared.code, cleared.stderr).toBe(0);
    const r = await run(['verify', name, '--trust', gateTrust, '--format', 'json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/"id": "evidence"[^}]*"recomputed": true/);
  });

  it('a new story made under an older release is shown as such, and a trust root can refuse it', async () => {
    // The reporter picks the version a record is made under; 1.0.0 is released and archived.
    write('old-rules.md', REAL_ARTICLE);
    write('old-rules.prepub.json', realDraftRecord({ path: 'old-rules.md', release: '1.0.0' }));
    const filed = await run([
      'file',
      'old-rules.prepub.json',
      '--confirm',
      '--no-input',
      '--key',
      'Sam Reporter',
    ]);
    expect(filed.code, filed.stderr).toBe(0);
    const reviewed = await run([
      'review',
      'old-rules.prepub.json',
      '--decision',
      'approve',
      '--accept-all',
      '--no-input',
      '--key',
      'Ed Itor',
    ]);
    expect(reviewed.code, reviewed.stderr).toBe(0);
    // The desk is told before it signs.
    expect(reviewed.stderr).toMatch(
      /old-rules\.prepub\.json was made under uk-ew 1\.0\.0, an older release than the 2\.1\.0 installed here/,
    );
    // The default gate still verifies it (archives, stories filed before 2.1.0), and says so.
    const lax = await run(['verify', 'old-rules.prepub.json', '--trust', gateTrust]);
    expect(lax.code, lax.stdout + lax.stderr).toBe(0);
    expect(lax.stdout).toMatch(
      /✓ evidence .*\(uk-ew 1\.0\.0; an older release: uk-ew 2\.1\.0 is installed here/,
    );
    const json = await run([
      'verify',
      'old-rules.prepub.json',
      '--trust',
      gateTrust,
      '--format',
      'json',
    ]);
    expect(
      (
        JSON.parse(json.stdout) as { checks: { id: string; newerInstalled?: string }[] }
      ).checks.find((c) => c.id === 'evidence')?.newerInstalled,
    ).toBe('2.1.0');
    // A trust root that sets the oldest version it accepts refuses it.
    const strict = path.join(top, 'gate', 'current-rules.json');
    const ring = keyring() as { policy?: Record<string, unknown> };
    writeFileSync(
      strict,
      JSON.stringify({
        ...ring,
        policy: { ...ring.policy, minimumChecklist: { 'uk-ew': '2.1.0' } },
      }),
    );
    const r = await run(['verify', 'old-rules.prepub.json', '--trust', strict]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /✗ evidence .*checklist uk-ew 1\.0\.0 is older than 2\.1\.0, the oldest version the trust root's policy accepts/,
    );
    // A record made under the current release passes that same gate.
    const current = await approvedRecord('current-rules');
    const ok = await run(['verify', current, '--trust', strict]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).not.toMatch(/older release/);
    // A version that is not one is a located error in the trust root.
    writeFileSync(
      strict,
      JSON.stringify({ ...ring, policy: { minimumChecklist: { 'uk-ew': 'latest' } } }, null, 2),
    );
    const bad = await run(['verify', current, '--trust', strict]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/current-rules\.json:\d+:\d+: .*MAJOR\.MINOR\.PATCH/);
  });

  it('a finding whose other places or corroboration were edited before filing is refused', async () => {
    // The reviewer reads a story-level finding with every place it is mentioned, and a high one
    // with the words that corroborate it: a draft that hides a place, or changes the words, must
    // not file.
    const draft = JSON.parse(read(await checkCourtStory('places'))) as {
      record: {
        findings: { repeats?: { excerpt?: string; why?: string }[]; because?: { why: string }[] }[];
      };
    };
    const grouped = draft.record.findings.findIndex((f) => f.repeats?.[0]?.excerpt !== undefined);
    const corroborated = draft.record.findings.findIndex((f) => (f.because ?? []).length > 0);
    expect(grouped).toBeGreaterThanOrEqual(0);
    expect(corroborated).toBeGreaterThanOrEqual(0);
    const edits: [string, (d: typeof draft) => void][] = [
      ['a place dropped', (d) => void d.record.findings[grouped]!.repeats!.pop()],
      ['a place reworded', (d) => void (d.record.findings[grouped]!.repeats![0]!.excerpt = 'x')],
      ['the corroboration dropped', (d) => void delete d.record.findings[corroborated]!.because],
      // A repeat given a reason is shown apart ("check …") and no longer counted as a repeat.
      [
        'a place given a reason',
        (d) => void (d.record.findings[grouped]!.repeats![0]!.why = 'the complainant'),
      ],
    ];
    for (const [what, edit] of edits) {
      const tampered = structuredClone(draft);
      edit(tampered);
      write('places.prepub.json', { ...tampered, record: { ...tampered.record } });
      const r = await run([
        'file',
        'places.prepub.json',
        '--confirm',
        '--no-input',
        '--key',
        'Sam Reporter',
      ]);
      expect(r.code, what).toBe(1);
      expect(r.stderr, what).toMatch(/the findings are not what a scan of the article finds/);
    }
  });

  it('a finding whose severity or message was edited before filing is refused', async () => {
    const draft = realDraftRecord({ path: 'lowered.md' });
    write('lowered.md', REAL_ARTICLE);
    const lowered = structuredClone(draft);
    lowered.record.findings = lowered.record.findings.map((f) => ({
      ...f,
      severity: 'low',
      message: '',
    }));
    write('lowered.prepub.json', lowered);
    const r = await run([
      'file',
      'lowered.prepub.json',
      '--confirm',
      '--no-input',
      '--key',
      'Sam Reporter',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the findings are not what a scan of the article finds/);
  });
});

describe('history is the envelopes’ word (item 5)', () => {
  it('fails a record whose approval was rewritten, and the sheet shows who really approved', async () => {
    const name = await approvedRecord('history');
    const file = RecordFile.parse(JSON.parse(read(name)));
    const i = file.record.history.findIndex((h) => h.event === 'approved');
    file.record.history[i] = {
      ...file.record.history[i]!,
      by: 'Managing Editor',
      at: '2026-11-21T09:00:00.000Z',
    };
    write(name, file);
    const r = await run(['verify', name, '--trust', gateTrust]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ record .*history entry "approved by Managing Editor/);
    const sheet = await run(['export', name, '--format', 'md']);
    expect(sheet.code, sheet.stderr).toBe(0);
    expect(sheet.stdout).not.toContain('Managing Editor');
    expect(sheet.stdout).toContain('Ed Itor');
  });
});

describe('revoking and expiring keys from the command line', () => {
  it('keys revoke, keys trust --expires and keys list --keyring', async () => {
    const name = await approvedRecord('revoke-cli');
    const ring = path.join(top, 'gate', 'cli.json');
    cpSync(gateTrust, ring);
    const list = await run(['keys', 'list', '--keyring', ring]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^ROLE\s+NAME\s+KEY ID\s+ADDED\s+EXPIRY\s+STATE$/m);
    expect(list.stdout).toMatch(/^editor\s+Ed Itor\s+[0-9a-f]{12}\s+\d{4}-\d\d-\d\d\s+trusted$/m);
    expect(list.stdout).toContain('distinct signers: yes');

    const revoked = await run([
      'keys',
      'revoke',
      'Ed Itor',
      '--reason',
      'laptop stolen',
      '--keyring',
      ring,
    ]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toMatch(/Revoked Ed Itor .*no signature by this key verifies any more/);
    const json = JSON.parse(
      (await run(['keys', 'list', '--keyring', ring, '--format', 'json'])).stdout,
    ) as {
      keys: { name: string; state: string; revoked: { reason: string } | null }[];
    };
    expect(json.keys.find((k) => k.name === 'Ed Itor')).toMatchObject({
      state: 'revoked',
      revoked: { reason: 'laptop stolen' },
    });
    const r = await run(['verify', name, '--trust', ring]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/revoked .*\(laptop stolen\)/);
    expect((await run(['keys', 'revoke', 'Nobody', '--keyring', ring])).code).toBe(2);

    // Re-trusted with an expiry already past: the role entry is a new one, and it has expired.
    const expiring = path.join(top, 'gate', 'expiring.json');
    const trusted = await run([
      'keys',
      'trust',
      'editor.pem',
      '--name',
      'Ed Itor',
      '--role',
      'lawyer',
      '--keyring',
      expiring,
      '--expires',
      '2020-01-01T00:00:00Z',
    ]);
    expect(trusted.code, trusted.stderr).toBe(0);
    expect((await run(['keys', 'list', '--keyring', expiring])).stdout).toMatch(
      /expires 2020-01-01\s+EXPIRED/,
    );
    const bad = await run([
      'keys',
      'trust',
      'editor.pem',
      '--name',
      'Ed Itor',
      '--role',
      'editor',
      '--keyring',
      expiring,
      '--expires',
      'next week',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--expires "next week": must be a date and time/);
  });
});

describe('a padded record is refused quickly, with a bounded message', () => {
  it('forty thousand bad entries: twenty located lines and a count, in well under the time a pass per entry would take', async () => {
    const padded = `{"format":"prepub/record@1","status":"draft","record":{"findings":[${Array(40_000).fill('1').join(',')}]},"attestations":[]}\n`;
    write('padded.prepub.json', padded);
    const started = Date.now();
    const r = await run(['verify', 'padded.prepub.json', '--trust', gateTrust]);
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => /padded\.prepub\.json:\d+:\d+: /.test(l));
    expect(lines.length).toBeLessThanOrEqual(21);
    expect(r.stderr).toMatch(/and \d+ more problems not listed/);
    // A position per entry took 48 s on this shape; the cap makes it one parse.
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('more sign-offs than a record can have are refused before any signature is checked', async () => {
    const name = await approvedRecord('many');
    const file = JSON.parse(read(name)) as { attestations: unknown[] };
    const envelope = file.attestations[1];
    file.attestations = [...file.attestations, ...Array<unknown>(100).fill(envelope)];
    write(name, file);
    const r = await run(['verify', name, '--trust', gateTrust]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/attestations: at most 64 sign-offs/);
  });
});
