import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildSheet, displayTime, type SheetInput } from '../../src/render/sheet-model.js';
import { signoffChain } from '../../src/render/signoff-chain.js';
import { fixture, smallPack } from './helpers.js';

async function input(overrides: Partial<SheetInput> = {}): Promise<SheetInput> {
  const record = overrides.record ?? fixture('care-home-contracts');
  return {
    record,
    pack: smallPack(record.record.checklist.sha256),
    signoffs: await signoffChain(record.attestations),
    keyring: null,
    ...overrides,
  };
}

const answer = (sheet: ReturnType<typeof buildSheet>, id: string) =>
  sheet.sections.flatMap((s) => s.answers).find((a) => a.question === id);

describe('buildSheet', () => {
  afterEach(() => vi.useRealTimers());

  it('takes question texts, labels and citations from the pack the record was made with', async () => {
    const sheet = buildSheet(await input());
    expect(sheet.checklist.citations.source).toBe('pack');
    expect(sheet.checklist.citations.text).toMatch(/the checklist this record was made with/);
    const chase = answer(sheet, 'defamation.chase-level');
    expect(chase).toMatchObject({
      ask: 'What does the piece say about them?',
      answer: 'Grounds to suspect (pack label)',
      risk: 'high',
      lawyer: true,
      flagged: true,
      raisedBy: ['uk-ew.wrongdoing-words'],
      citations: ['Chase v News Group Newspapers Ltd [2002] EWCA Civ 1772'],
    });
    expect(chase?.note).toMatch(/^Cllr Marsh chaired/);
    // A text question's answer is the text itself.
    expect(answer(sheet, 'defamation.reply-record')?.answer).toMatch(/^Emailed every point/);
  });

  it('orders sections as the pack does, then the canonical sections the record mentions', async () => {
    const sheet = buildSheet(await input());
    expect(sheet.sections.map((s) => s.id)).toEqual([
      'defamation',
      'safety',
      'restrictions',
      'privacy',
      'sources',
      'accuracy',
    ]);
    expect(sheet.sections[0]?.title).toBe('Defamation (test)');
    expect(sheet.sections[2]?.title).toBe('Reporting restrictions and contempt');
    // Pack questions first in pack order, then the rest by id.
    expect(sheet.sections[0]?.answers.slice(0, 3).map((a) => a.question)).toEqual([
      'defamation.chase-level',
      'defamation.criticises-someone',
      'defamation.reply-record',
    ]);
    const rest = sheet.sections[0]?.answers.slice(3).map((a) => a.question) ?? [];
    expect(rest).toEqual([...rest].sort());
    expect(sheet.sections.flatMap((s) => s.answers)).toHaveLength(
      Object.keys(fixture('care-home-contracts').record.answers).length,
    );
  });

  it('says when the citations come from a different version of the pack', async () => {
    const sheet = buildSheet(await input({ pack: smallPack('0'.repeat(64)) }));
    expect(sheet.checklist.citations.source).toBe('current-pack');
    expect(sheet.checklist.citations.text).toMatch(/current version of the uk-ew checklist/);
    expect(answer(sheet, 'defamation.chase-level')?.citations).toHaveLength(1);
  });

  it('still makes the sheet from the record alone when the pack is unavailable', async () => {
    const sheet = buildSheet(await input({ pack: null, packProblem: 'no checklist pack "uk-ew"' }));
    expect(sheet.checklist.citations).toMatchObject({ source: 'unavailable', packVersion: null });
    expect(sheet.checklist.citations.text).toMatch(
      /^Citations unavailable: .*no checklist pack "uk-ew"/,
    );
    const chase = answer(sheet, 'defamation.chase-level');
    expect(chase).toMatchObject({
      ask: expect.stringMatching(/^Reading the whole piece/) as unknown,
      answer: 'There are reasonable grounds to suspect them',
      risk: 'high',
      lawyer: true,
      citations: [],
    });
    expect(answer(sheet, 'safety.people-at-risk')).toMatchObject({
      ask: null,
      answer: 'No',
      risk: null,
      citations: [],
    });
    expect(sheet.sections.map((s) => s.id)).toEqual([
      'safety',
      'restrictions',
      'defamation',
      'privacy',
      'sources',
      'accuracy',
    ]);
  });

  it('puts answers to questions outside the canonical sections under "Other questions"', async () => {
    const record = fixture('care-home-contracts');
    record.record.answers['newsroom.house-style'] = {
      value: 'yes',
      answeredAt: '2025-03-12T15:00:00Z',
    };
    const sheet = buildSheet(await input({ record, pack: null }));
    expect(sheet.sections.at(-1)).toMatchObject({
      id: 'other',
      title: 'Other questions',
      risk: null,
    });
    expect(sheet.sections.at(-1)?.answers.map((a) => a.answer)).toEqual(['Yes']);
  });

  it('lists findings by position, suppressed ones with their reason', async () => {
    const sheet = buildSheet(await input());
    expect(sheet.findings.map((f) => [f.line, f.rule, f.suppressed?.reason ?? null])).toEqual([
      [3, 'uk-ew.wrongdoing-words', null],
      [9, 'uk-ew.confidential-source', null],
      [16, 'uk-ew.phone-number', "The council press office's published number"],
    ]);
    expect(sheet.findings[0]?.sectionTitle).toBe('Defamation (test)');
  });

  it('carries the assessment, actions with their questions, and lawyer referrals', async () => {
    const sheet = buildSheet(await input());
    expect(sheet.assessment.overall).toBe('high');
    expect(sheet.assessment.sections.find((s) => s.id === 'sources')?.risk).toBe('medium');
    expect(sheet.assessment.actions).toEqual([
      expect.objectContaining({
        question: 'defamation.promotion',
        ask: expect.stringMatching(/^Will the story be promoted/) as unknown,
        text: expect.stringMatching(/^Check every headline/) as unknown,
      }),
    ]);
    expect(sheet.assessment.referrals.map((r) => r.question)).toEqual(['defamation.chase-level']);
  });

  it('summarises the sign-offs with and without a keyring', async () => {
    expect(buildSheet(await input()).signoffs.summary).toBe(
      '3 sign-offs; signatures not checked (no keyring).',
    );
    const record = fixture('care-home-contracts');
    const rows = await signoffChain(record.attestations, (_e, i) =>
      i === 2 ? { status: 'failed', detail: 'altered' } : { status: 'verified', detail: 'ok' },
    );
    const sheet = buildSheet(
      await input({
        signoffs: rows,
        keyring: 'keyring.json',
        integrity: [{ name: 'chain', ok: true, detail: 'fine' }],
      }),
    );
    expect(sheet.signoffs.summary).toBe(
      '2 of 3 signatures verified against the keyring keyring.json when this sheet was made.',
    );
    expect(sheet.signoffs.integrity).toEqual([{ name: 'chain', ok: true, detail: 'fine' }]);
    const unsigned = fixture('care-home-contracts');
    unsigned.attestations = [];
    expect(buildSheet(await input({ record: unsigned, signoffs: [] })).signoffs.summary).toMatch(
      /^No sign-offs/,
    );
  });

  it('is deterministic: the same record gives the same sheet whatever the clock says', async () => {
    const data = await input();
    vi.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
    const a = JSON.stringify(buildSheet(data));
    vi.setSystemTime(new Date('1999-06-01T12:00:00Z'));
    const b = JSON.stringify(buildSheet(data));
    expect(a).toBe(b);
    expect(buildSheet(data).record.asOf).toBe('2025-03-13T09:31:20Z');
  });
});

describe('displayTime', () => {
  it.each([
    ['2025-03-12T16:45:03Z', '12 Mar 2025, 16:45 UTC'],
    ['2025-03-12T16:45:03+01:00', '12 Mar 2025, 15:45 UTC'],
    ['2025-01-01T00:05:00.123Z', '1 Jan 2025, 00:05 UTC'],
    ['not a time', 'not a time'],
  ])('%s → %s', (iso, shown) => expect(displayTime(iso)).toBe(shown));
});
