import { describe, expect, it } from 'vitest';
import { filingBlockers, reopenIfSigned, reviewItems } from '../../src/core/record/lifecycle.js';
import type { FlaggedItem } from '../../src/core/checklist/assessment.js';
import { draftRecord, fileRecord, makeKey } from './helpers.js';

const reporter = makeKey('Jane Reporter', 'reporter');

describe('reopenIfSigned', () => {
  it('leaves a draft alone', () => {
    const draft = draftRecord();
    expect(reopenIfSigned(draft, 'Jane', new Date())).toBe(draft);
  });
  it.each(['filed', 'returned', 'approved'] as const)(
    'turns a %s record into a draft, keeping history and signatures',
    (status) => {
      const filed = { ...fileRecord(draftRecord(), reporter), status };
      const reopened = reopenIfSigned(filed, 'Jane', '2026-11-22T10:00:00.000Z');
      expect(reopened.status).toBe('draft');
      expect(reopened.attestations).toEqual(filed.attestations);
      expect(reopened.record.history.slice(0, -1)).toEqual(filed.record.history);
      expect(reopened.record.history.at(-1)).toMatchObject({
        event: 'reopened',
        by: 'Jane',
        at: '2026-11-22T10:00:00.000Z',
      });
      expect(filed.status).toBe(status);
    },
  );
});

describe('filingBlockers', () => {
  it('none for a complete walk', () => expect(filingBlockers(draftRecord().record)).toEqual([]));
  it('pending questions', () => {
    const r = draftRecord().record;
    expect(filingBlockers({ ...r, assessment: { ...r.assessment, pending: 2 } })).toEqual([
      expect.stringMatching(/2 questions still to answer/),
    ]);
  });
  it('a blocker with neither a referral nor a note, but not one with either', () => {
    const r = draftRecord().record;
    const item: FlaggedItem = { ...r.assessment.flagged[0]!, risk: 'blocker' };
    delete item.note;
    const withItem = (f: FlaggedItem) => ({ ...r, assessment: { ...r.assessment, flagged: [f] } });
    expect(filingBlockers(withItem(item))).toEqual([
      expect.stringMatching(/blocker answer needs a lawyer referral or a mitigation note/),
    ]);
    expect(filingBlockers(withItem({ ...item, note: '  ' }))).toHaveLength(1);
    expect(filingBlockers(withItem({ ...item, note: 'Agreed with legal' }))).toEqual([]);
    expect(filingBlockers(withItem({ ...item, lawyer: true }))).toEqual([]);
  });
});

describe('reviewItems', () => {
  it('an editor sees flagged answers and suppressed findings; a lawyer the referred items', () => {
    const r = draftRecord({ referred: true }).record;
    expect(reviewItems(r, 'editor').map((i) => i.id)).toEqual([
      'safety.identifying-details',
      'defamation.allegation',
      'finding:uk-ew.phone-number@1:1',
    ]);
    expect(reviewItems(r, 'lawyer').map((i) => i.id)).toEqual(['defamation.allegation']);
    expect(reviewItems(r, 'editor')[2]).toMatchObject({
      kind: 'finding',
      note: 'the police appeal line',
    });
  });
});
