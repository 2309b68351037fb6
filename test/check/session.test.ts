// The check's session, called directly on records in a temporary folder: the lock, the saves
// (compare-and-swap through updateRecord), Ctrl-C, and which existing files a check may continue.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckSession, recordToContinue } from '../../src/adapters/check-session.js';
import { addHistory } from '../../src/core/record/build.js';
import { serializeRecord } from '../../src/core/record/parse.js';
import { Cancelled, UserError } from '../../src/errors.js';
import { AT, draftWith } from './fixtures.js';

let dir: string;
let file: string;
const open = (continues = false) =>
  CheckSession.open({ file, shown: 'fete.prepub.json', continues, by: 'Jane', now: () => AT });

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'prepub-session-'));
  file = path.join(dir, 'fete.prepub.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a check session', () => {
  it('saves a new record 0600, and holds the lock until it is closed', async () => {
    const session = await open();
    const record = draftWith({ 'safety.at-risk': { value: 'no' } });
    await session.persist(record);
    expect(await readFile(file, 'utf8')).toBe(serializeRecord(record));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await expect(open(true)).rejects.toMatchObject({ code: 'RECORD_LOCKED' });
    await session.close();
    const again = await open(true);
    expect(again.before).toEqual(record);
    await again.close();
  });

  it('never overwrites a record another process changed meanwhile', async () => {
    const session = await open();
    await session.persist(draftWith({}));
    const theirs = serializeRecord(draftWith({ 'accuracy.quotes': { value: 'none' } }));
    await writeFile(file, theirs);
    const error = await session
      .persist(draftWith({ 'safety.at-risk': { value: 'no' } }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain('changed on disk by another prepub');
    expect(await readFile(file, 'utf8')).toBe(theirs);
    await session.close();
  });

  it('a change to a signed record returns it to draft; an unchanged one is left as it is', async () => {
    const filed = { ...draftWith({ 'safety.at-risk': { value: 'no' } }), status: 'filed' as const };
    await writeFile(file, serializeRecord(filed));
    const session = await open(true);
    expect(session.changed(filed)).toBe(false);
    await session.persist(filed);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ status: 'filed' });
    const changed = addHistory(filed, { at: AT, event: 'completed', by: 'Jane' });
    expect(session.changed(changed)).toBe(true);
    const saved = await session.persist(changed);
    expect(saved.status).toBe('draft');
    expect(saved.record.history.at(-1)).toMatchObject({ event: 'reopened', by: 'Jane' });
    await session.close();
  });

  it('Ctrl-C stops the walk once the answer in hand is saved, and is noted only while open', async () => {
    const listeners = process.listeners('SIGINT').length;
    const session = await open();
    expect(process.listeners('SIGINT').length).toBe(listeners + 1);
    const record = draftWith({ 'safety.at-risk': { value: 'no' } });
    await session.save(record);
    process.listeners('SIGINT').at(-1)!('SIGINT');
    const next = draftWith({ 'safety.at-risk': { value: 'yes', note: 'Threats made' } });
    await expect(session.save(next)).rejects.toBeInstanceOf(Cancelled);
    expect(await readFile(file, 'utf8')).toBe(serializeRecord(next));
    await session.close();
    expect(process.listeners('SIGINT').length).toBe(listeners);
  });
});

describe('the record a check continues', () => {
  it('is none when there is no file, and the draft when there is one', async () => {
    await expect(recordToContinue(file, dir, [])).resolves.toBeUndefined();
    const draft = draftWith({ 'safety.at-risk': { value: 'no' } });
    await writeFile(file, serializeRecord(draft));
    await expect(recordToContinue(file, dir, [])).resolves.toEqual(draft);
  });

  it('is refused when the file is signed, not a record, or the draft itself', async () => {
    const filed = { ...draftWith({}), status: 'filed' as const };
    await writeFile(file, serializeRecord(filed));
    await expect(recordToContinue(file, dir, [])).rejects.toMatchObject({ code: 'RECORD_SIGNED' });
    await writeFile(file, '{"hello": "world"}');
    await expect(recordToContinue(file, dir, [])).rejects.toThrow(/is not a prepub record/);
    const draft = path.join(dir, 'fete.md');
    await writeFile(draft, '# Fete\n');
    await expect(
      recordToContinue(draft, dir, [{ file: draft, what: 'article being checked' }]),
    ).rejects.toBeInstanceOf(UserError);
    expect(await readFile(draft, 'utf8')).toBe('# Fete\n');
  });
});
