// What prepub writes, as a user meets it: a full disk, a read-only or missing folder is exit 2 with
// the path and what to do, and nothing half-written; --out never replaces an input, a key or an
// existing file without --force (a private key never); a symlinked keyring stays a link; a killed
// writer's temp copy is cleaned up; a packDirs folder that is not there is said.
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runInProcess, tempDir } from '../helpers/run.js';
import { runCli } from '../helpers/cli.js';

const FIXTURES = path.join(ROOT, 'test/fixtures/records');
const ARTICLE = 'community-fete.md';
const ANSWERS = 'community-fete.answers.yaml';
const RECORD = `${ARTICLE}.prepub.json`;

/** A folder with the example article, its answers and a draft record made from them. */
async function storyDir(): Promise<string> {
  const dir = tempDir('prepub-writes-');
  for (const f of [ARTICLE, ANSWERS])
    copyFileSync(path.join(ROOT, 'examples', f), path.join(dir, f));
  const r = await runInProcess(['check', ARTICLE, '--answers', ANSWERS, '--no-input'], {
    cwd: dir,
  });
  expect(r.code, r.stderr).toBe(0);
  return dir;
}

const leftovers = (dir: string) =>
  readdirSync(dir).filter((f) => f.startsWith('.prepub-tmp-') || f.endsWith('.lock'));

// A private mount namespace (no root needed where user namespaces are allowed) for a small or
// read-only tmpfs: the real ENOSPC and EROFS, not a simulation.
const canMount =
  spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=8k tmpfs /mnt'], {
    stdio: 'ignore',
  }).status === 0;

function inMount(dir: string, setup: string, args: string[], check = 'true') {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const script = `${setup} && cd mnt && '${process.execPath}' '${BIN}' ${quoted}; echo "EXIT=$?" >&2; ls -A > ../after.txt; ${check} > ../check.txt`;
  const r = spawnSync('unshare', ['-rm', 'sh', '-c', script], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      XDG_CONFIG_HOME: path.join(dir, '.config'),
      NO_COLOR: '1',
    },
  });
  const code = Number(/EXIT=(\d+)/.exec(r.stderr)?.[1]);
  return {
    code,
    stderr: r.stderr.replace(/EXIT=\d+\n$/, ''),
    after: readFileSync(path.join(dir, 'after.txt'), 'utf8').trim().split('\n'),
    check: readFileSync(path.join(dir, 'check.txt'), 'utf8'),
  };
}

describe('a write that cannot happen', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await storyDir();
  });

  it('a missing folder: exit 2 naming it, nothing written', async () => {
    const r = await runInProcess(['export', RECORD, '--out', 'nope/sheet.md'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'prepub: nope/sheet.md: cannot write (the folder nope does not exist) — create it, or choose another path\n',
    );
    expect(existsSync(path.join(dir, 'nope'))).toBe(false);
  });

  it('a path through a file: exit 2', async () => {
    const r = await runInProcess(['export', RECORD, '--out', `${ARTICLE}/sheet.md`], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write \(part of the path is a file, not a folder\)/);
  });

  it.skipIf(!canMount)('a full disk: exit 2, the record as it was, no temp or lock left', () => {
    // The article changes, so check must rewrite the record; the disk (8 pages of 4 KiB) has room
    // for the lock only: the article, the answers and the record (a page each) and the filler (4).
    const setup = [
      'mkdir -p mnt',
      'mount -t tmpfs -o size=32k tmpfs mnt',
      `cp ${ARTICLE} ${ANSWERS} ${RECORD} mnt/`,
      `echo "One more line." >> mnt/${ARTICLE}`,
      `head -c 16384 /dev/zero > mnt/filler`,
    ].join(' && ');
    const r = inMount(
      dir,
      setup,
      ['check', ARTICLE, '--answers', ANSWERS, '--no-input'],
      `cmp ${RECORD} ../${RECORD} && echo intact`,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^prepub: community-fete\.md\.prepub\.json(\.lock)?: cannot write \(disk full\) — free some space and run again$/m,
    );
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.after.sort()).toEqual([ANSWERS, ARTICLE, RECORD, 'filler'].sort());
    expect(r.check).toBe('intact\n');
  });

  it.skipIf(!canMount)('a read-only folder: exit 2, the old file intact', () => {
    const setup = [
      'mkdir -p mnt',
      'mount -t tmpfs tmpfs mnt',
      `cp ${RECORD} mnt/`,
      'echo old > mnt/sheet.md',
      'mount -o remount,ro mnt',
    ].join(' && ');
    const r = inMount(
      dir,
      setup,
      ['export', RECORD, '--out', 'sheet.md', '--force'],
      'cat sheet.md',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'prepub: sheet.md: cannot write (read-only file system) — write it somewhere else\n',
    );
    expect(r.after.sort()).toEqual([RECORD, 'sheet.md'].sort());
    expect(r.check).toBe('old\n');
  });
});

describe('--out never replaces what it should not', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await storyDir();
  });
  const run = (args: string[]) => runInProcess(args, { cwd: dir });

  it('export --out the article: refused, even with --force', async () => {
    const before = readFileSync(path.join(dir, ARTICLE), 'utf8');
    for (const force of [[], ['--force']]) {
      const r = await run(['export', RECORD, '--out', ARTICLE, ...force]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /^prepub: community-fete\.md: is the article the record names; it is not overwritten\n/,
      );
    }
    expect(readFileSync(path.join(dir, ARTICLE), 'utf8')).toBe(before);
  });

  it('export --out an existing file: refused without --force, replaced with it', async () => {
    writeFileSync(path.join(dir, 'notes.txt'), 'my notes');
    const r = await run(['export', RECORD, '--out', 'notes.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'prepub: notes.txt: already exists; it is not overwritten\nPass --force to replace it, or give --out another file name.\n',
    );
    expect(readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('my notes');
    const forced = await run(['export', RECORD, '--out', 'notes.txt', '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toMatch(/^# Sign-off sheet/);
    const fresh = await run(['export', RECORD, '--out', 'sheet.md']);
    expect(fresh.code).toBe(0);
  });

  it('a file holding a private key is never replaced, whatever its name', async () => {
    const gen = await run(['keys', 'generate', '--name', 'Sam', '--no-passphrase']);
    expect(gen.code, gen.stderr).toBe(0);
    const keyFile = path.join(dir, '.config', 'prepub', 'keys', 'sam.key.pem');
    copyFileSync(keyFile, path.join(dir, 'backup.pem'));
    const r = await run(['export', RECORD, '--out', 'backup.pem', '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^prepub: backup\.pem: is a private key; prepub never overwrites one, even with --force\n/,
    );
    expect(readFileSync(path.join(dir, 'backup.pem'))).toEqual(readFileSync(keyFile));
  });

  it('keys export --out its own private key: refused, even with --force', async () => {
    const keyFile = path.join(dir, '.config', 'prepub', 'keys', 'sam.key.pem');
    const before = readFileSync(keyFile);
    for (const force of [[], ['--force']]) {
      const r = await run(['keys', 'export', 'Sam', '--out', keyFile, ...force]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/is a private key; prepub never overwrites one, even with --force/);
    }
    expect(readFileSync(keyFile)).toEqual(before);
    const pub = await run(['keys', 'export', 'Sam', '--out', 'sam.pem']);
    expect(pub.code).toBe(0);
    const again = await run(['keys', 'export', 'Sam', '--out', 'sam.pem']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^prepub: sam\.pem: already exists; it is not overwritten\n/);
  });

  it('check --out the answers file or the article: refused, both intact', async () => {
    for (const target of [ANSWERS, ARTICLE]) {
      const before = readFileSync(path.join(dir, target), 'utf8');
      const r = await run(['check', ARTICLE, '--answers', ANSWERS, '--no-input', '--out', target]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^prepub: ${target.replace(/\./g, '\\.')}: is the `));
      expect(readFileSync(path.join(dir, target), 'utf8')).toBe(before);
    }
    writeFileSync(path.join(dir, 'other.json'), '{"not":"a record"}\n');
    const r = await run([
      'check',
      ARTICLE,
      '--answers',
      ANSWERS,
      '--no-input',
      '--out',
      'other.json',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^prepub: other\.json: already exists and is not a prepub record; it is not overwritten\n/,
    );
  });

  it('verify --extract into a folder already holding the files: refused without --force', async () => {
    for (const f of ['care-home-contracts.prepub.json', 'keyring.json', 'care-home-contracts.md'])
      copyFileSync(path.join(FIXTURES, f), path.join(dir, f));
    const args = [
      'verify',
      'care-home-contracts.prepub.json',
      '--keyring',
      'keyring.json',
      '--extract',
      'env',
    ];
    expect((await run(args)).code).toBe(0);
    const payload = path.join(dir, 'env', '1-reporter', 'payload.json');
    writeFileSync(payload, 'changed by hand');
    const again = await run(args);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(
      /^prepub: env\/1-reporter\/payload\.json: already exists; it is not overwritten\nPass --force to replace it, or give --extract another folder\.\n$/,
    );
    expect(readFileSync(payload, 'utf8')).toBe('changed by hand');
    expect((await run([...args, '--force'])).code).toBe(0);
    expect(readFileSync(payload, 'utf8')).not.toBe('changed by hand');
  });
});

describe('smaller edges', () => {
  it('keys trust through a symlinked keyring keeps the link and writes its target', async () => {
    const dir = tempDir('prepub-writes-');
    const run = (args: string[]) => runInProcess(args, { cwd: dir });
    expect((await run(['keys', 'generate', '--name', 'Ed', '--no-passphrase'])).code).toBe(0);
    expect((await run(['keys', 'export', 'Ed', '--out', 'ed.pem'])).code).toBe(0);
    mkdirSync(path.join(dir, 'shared'));
    writeFileSync(
      path.join(dir, 'shared', 'keyring.json'),
      '{ "format": "prepub/keyring@1", "keys": [] }\n',
    );
    symlinkSync(path.join('shared', 'keyring.json'), path.join(dir, 'keyring.json'));
    const r = await run([
      'keys',
      'trust',
      'ed.pem',
      '--name',
      'Ed',
      '--role',
      'editor',
      '--keyring',
      'keyring.json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(path.join(dir, 'keyring.json')).isSymbolicLink()).toBe(true);
    const shared = JSON.parse(readFileSync(path.join(dir, 'shared', 'keyring.json'), 'utf8')) as {
      keys: { name: string }[];
    };
    expect(shared.keys.map((k) => k.name)).toEqual(['Ed']);
  });

  it('the next check removes the temp copy a SIGKILLed writer left beside the record', async () => {
    const dir = await storyDir();
    // A process that leaves a temp copy of the record, named as prepub names them, and is killed.
    const child = spawn(
      process.execPath,
      [
        '-e',
        `require('fs').writeFileSync('.prepub-tmp-${RECORD}-' + process.pid + '-0badc0de', '{"half":'); process.kill(process.pid, 'SIGKILL')`,
      ],
      { cwd: dir },
    );
    await new Promise((resolve) => child.on('exit', resolve));
    expect(leftovers(dir)).toHaveLength(1);
    // One still being written by a live process is left alone.
    const live = `.prepub-tmp-${RECORD}-${process.pid}-5ca1ab1e`;
    writeFileSync(path.join(dir, live), '');
    // Through the bin: the live writer is this test process, not the one that runs the check.
    const r = await runCli(['check', ARTICLE, '--answers', ANSWERS, '--no-input'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(leftovers(dir)).toEqual([live]);
  });

  it('a record whose checklist id is a path is refused', async () => {
    const dir = await storyDir();
    const file = path.join(dir, RECORD);
    const record = JSON.parse(readFileSync(file, 'utf8')) as {
      record: { checklist: { id: string } };
    };
    record.record.checklist.id = '../../elsewhere/pack';
    writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
    const r = await runInProcess(['export', RECORD], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/record\.checklist\.id: must be lowercase words joined by hyphens/);
  });

  it('a packDirs folder that does not exist: one warning naming the config file and the folder', async () => {
    const dir = tempDir('prepub-writes-');
    writeFileSync(path.join(dir, 'prepub.config.json'), '{ "packDirs": ["./newsroom-packs"] }\n');
    const r = await runInProcess(['checklists', 'list'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `prepub: warning: prepub.config.json: packDirs folder "./newsroom-packs" does not exist (${path.join(dir, 'newsroom-packs')}); its packs are not loaded\n`,
    );
    expect(r.stdout).toContain('uk-ew');
  });
});
