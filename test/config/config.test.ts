// Configuration: where it is found, what it holds, and errors with positions.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, findConfigFile, loadConfig } from '../../src/adapters/config-load.js';
import { Config } from '../../src/core/config/schema.js';
import { runInProcess, tempDir } from '../helpers/run.js';

describe('config', () => {
  it('the hand-written defaults are what the schema gives', () => {
    expect(DEFAULTS).toEqual(Config.parse({}));
  });

  it('walks up from the folder, then the user folder; PREPUB_CONFIG wins', () => {
    const root = tempDir();
    const deep = path.join(root, 'a', 'b');
    mkdirSync(deep, { recursive: true });
    const env = { XDG_CONFIG_HOME: path.join(root, 'xdg') };
    expect(findConfigFile(deep, env)).toBeNull();
    mkdirSync(path.join(root, 'xdg', 'prepub'), { recursive: true });
    writeFileSync(path.join(root, 'xdg', 'prepub', 'config.json'), '{}');
    expect(findConfigFile(deep, env)).toBe(path.join(root, 'xdg', 'prepub', 'config.json'));
    writeFileSync(path.join(root, 'a', 'prepub.config.json'), '{}');
    expect(findConfigFile(deep, env)).toBe(path.join(root, 'a', 'prepub.config.json'));
    expect(findConfigFile(deep, { ...env, PREPUB_CONFIG: '../other.json' })).toBe(
      path.join(root, 'a', 'other.json'),
    );
  });

  it('a config file rewritten between two runs in one process is read again', async () => {
    const root = tempDir();
    const file = path.join(root, 'prepub.config.json');
    writeFileSync(file, JSON.stringify({ user: { name: 'Sam' } }));
    expect((await loadConfig({ cwd: root, env: {} })).config.user.name).toBe('Sam');
    writeFileSync(file, JSON.stringify({ user: { name: 'Samantha Longer' } }));
    expect((await loadConfig({ cwd: root, env: {} })).config.user.name).toBe('Samantha Longer');
    writeFileSync(file, '{"checklist": 3}');
    const r = await runInProcess(['checklists', 'list'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid configuration');
  });

  it('a missing packDirs folder is warned about in every run, once', async () => {
    const root = tempDir();
    writeFileSync(path.join(root, 'prepub.config.json'), JSON.stringify({ packDirs: ['gone'] }));
    for (let i = 0; i < 2; i++) {
      const r = await runInProcess(['checklists', 'list'], { cwd: root });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr.match(/packDirs folder "gone"/g)).toHaveLength(1);
    }
  });

  it('resolves paths against the config file', async () => {
    const root = tempDir();
    writeFileSync(
      path.join(root, 'prepub.config.json'),
      JSON.stringify({ packDirs: ['packs'], keyring: 'keys/ring.json', user: { name: 'Sam' } }),
    );
    mkdirSync(path.join(root, 'sub'));
    const c = await loadConfig({ cwd: path.join(root, 'sub'), env: {} });
    expect(c.packDirs).toEqual([path.join(root, 'packs')]);
    expect(c.keyring).toBe(path.join(root, 'keys', 'ring.json'));
    expect(c.config.user.name).toBe('Sam');
    expect(c.config.checklist).toBe('uk-ew');
  });

  it.each([
    ['{"checklist": 3}', 1, 15, /expected string/],
    ['{\n  "packdirs": []\n}', 2, 3, /unknown key "packdirs"/],
    [
      '{\n  "policy": { "approvals": ["editor"] }\n}',
      2,
      3,
      /"policy" no longer belongs in prepub\.config\.json/,
    ],
    ['{"user": {"name": ""}', 1, 22, /JSON syntax: unexpected end of input/],
  ])('a bad config %s is exit 2 at %i:%i', async (text, line, column, message) => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'prepub.config.json'), text);
    const r = await runInProcess(['checklists', 'list'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid configuration/);
    const hit = r.stderr
      .split('\n')
      .find((l) =>
        l.trim().startsWith(`${path.join(cwd, 'prepub.config.json')}:${line}:${column}: `),
      );
    expect(hit, r.stderr).toBeDefined();
    expect(hit).toMatch(message);
  });

  it('lists packs from a configured folder', async () => {
    const cwd = tempDir();
    const packs = path.join(cwd, 'packs', 'mine');
    mkdirSync(packs, { recursive: true });
    writeFileSync(
      path.join(packs, 'pack.yaml'),
      'id: mine\ntitle: Mine\njurisdiction: Testland\nversion: 0.1.0\nextends: uk-ew\nsections: [safety]\n',
    );
    writeFileSync(
      path.join(packs, 'safety.yaml'),
      'id: safety\ntitle: Safety\nwhy: Ours.\nquestions:\n  - id: safety.our-rule\n    after: safety.involves\n    ask: Did you tell the duty editor?\n    guidance: Our newsroom asks this. Tell them.\n    citations: [Newsroom policy 4.2]\n    type: yes-no\n    answers:\n      yes: { risk: none }\n      no: { risk: medium, note: true }\n',
    );
    writeFileSync(path.join(cwd, 'prepub.config.json'), JSON.stringify({ packDirs: ['packs'] }));
    const r = await runInProcess(['checklists', 'list', '--format', 'json'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      packs: { id: string; source: string; valid: boolean; questions: number }[];
    };
    const mine = out.packs.find((p) => p.id === 'mine');
    const base = out.packs.find((p) => p.id === 'uk-ew');
    expect(mine).toMatchObject({ source: 'config', valid: true });
    expect(mine!.questions).toBe(base!.questions + 1);
    const show = await runInProcess(['checklists', 'show', 'mine', '--format', 'json'], { cwd });
    const pack = JSON.parse(show.stdout) as {
      sections: { id: string; questions: { id: string }[] }[];
    };
    const safety = pack.sections.find((s) => s.id === 'safety')!.questions.map((q) => q.id);
    expect(safety.indexOf('safety.our-rule')).toBe(safety.indexOf('safety.involves') + 1);
  });

  it('reads a quoted `extends` as extends: a change to the base pack shows in the extension', async () => {
    const cwd = tempDir();
    const dir = (id: string) => path.join(cwd, 'packs', id);
    const manifest = (id: string, more = '') =>
      `id: ${id}\ntitle: ${id}\njurisdiction: Testland\nversion: 0.1.0\n${more}sections: [safety]\n`;
    const safety = (ids: readonly string[]) =>
      `id: safety\ntitle: Safety\nwhy: Ours.\nquestions:\n${ids
        .map(
          (id) =>
            `  - id: safety.${id}\n    ask: Did you ${id}?\n    guidance: Our newsroom asks this.\n    citations: [Newsroom policy 4.2]\n    type: yes-no\n    answers:\n      yes: { risk: none }\n      no: { risk: medium, note: true }\n`,
        )
        .join('')}`;
    mkdirSync(dir('ours'), { recursive: true });
    mkdirSync(dir('mine'), { recursive: true });
    writeFileSync(path.join(dir('ours'), 'pack.yaml'), manifest('ours'));
    writeFileSync(path.join(dir('ours'), 'safety.yaml'), safety(['ask-the-desk']));
    writeFileSync(path.join(dir('mine'), 'pack.yaml'), manifest('mine', 'extends: "ours"\n'));
    writeFileSync(path.join(dir('mine'), 'safety.yaml'), safety(['tell-the-editor']));
    writeFileSync(path.join(cwd, 'prepub.config.json'), JSON.stringify({ packDirs: ['packs'] }));
    const questions = async () => {
      const r = await runInProcess(['checklists', 'show', 'mine', '--format', 'json'], { cwd });
      expect(r.code, r.stderr).toBe(0);
      const pack = JSON.parse(r.stdout) as { sections: { questions: { id: string }[] }[] };
      return pack.sections.flatMap((s) => s.questions.map((q) => q.id));
    };
    expect(await questions()).toEqual(['safety.ask-the-desk', 'safety.tell-the-editor']);
    // The extension's files are unchanged, its base's are not: a cached copy would be stale.
    writeFileSync(path.join(dir('ours'), 'safety.yaml'), safety(['ask-the-desk', 'call-legal']));
    expect(await questions()).toEqual([
      'safety.ask-the-desk',
      'safety.call-legal',
      'safety.tell-the-editor',
    ]);
  });
});
