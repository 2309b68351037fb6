// Paths through the uk-ew 2.0.0 pack at the engine: what each answer opens and closes, the
// relevance rule (a finding never forces a follow-up its option does not open), suggestions from
// the scan, the per-proceeding group, honest answers that raise no referral, and the defamation
// blocker. Whole stories, through `prepub check --answers`, are in uk-ew-walks.test.ts.
import { describe, expect, it } from 'vitest';
import {
  activeQuestions,
  assess,
  checkAnswer,
  type FindingRef,
  nextQuestion,
  suggestions,
  findQuestion,
} from '../../src/core/checklist/engine.js';
import { SCREENING, type Script, ukEw, walk } from './uk-ew-pack.js';

const finding = (rule: string, section: FindingRef['section'], questions: string[] = []) => ({
  rule,
  section,
  questions,
});
const NONE = { otherwise: 'none' } as const;

describe('uk-ew 2.0.0 paths', () => {
  it('a harmless story is the six screening questions, with nothing to do', async () => {
    const pack = await ukEw();
    const result = walk(pack, { answers: {}, ...NONE });
    expect(result.asked).toEqual(SCREENING);
    expect(result.assessment.overall).toBe('none');
    expect(result.assessment.actions).toEqual([]);
    expect(result.assessment.flagged).toEqual([]);
  });

  it.each<[string, Script, string[]]>([
    [
      'suicide method is asked only for a suicide, not for a police story that mentions one',
      {
        findings: [finding('uk-ew.suicide-method', 'privacy', ['privacy.suicide-method'])],
        answers: { 'privacy.involves': ['death-or-injury'], 'privacy.grief': 'yes' },
        ...NONE,
      },
      [...SCREENING.slice(0, 4), 'privacy.grief', ...SCREENING.slice(4)],
    ],
    [
      'broadcast and shareholdings only when their options are ticked',
      {
        answers: {
          'privacy.involves': ['broadcast', 'financial'],
          'privacy.broadcast': 'yes',
          'privacy.financial-interest': 'no',
        },
        ...NONE,
      },
      [
        ...SCREENING.slice(0, 4),
        'privacy.broadcast',
        'privacy.financial-interest',
        ...SCREENING.slice(4),
      ],
    ],
    [
      '"not sure" about one option opens that option\'s follow-ups only',
      {
        answers: { 'safety.involves': ['unsure:reporter-risk'] },
        ...NONE,
      },
      [
        'safety.involves',
        'safety.field-risk-assessment',
        'safety.online-abuse',
        ...SCREENING.slice(1),
      ],
    ],
  ])('%s', async (_name, script, asked) => {
    const pack = await ukEw();
    expect(walk(pack, script).asked).toEqual(asked);
  });

  it('each proceeding gets its own stage; only an active one gets the contempt checklist', async () => {
    const pack = await ukEw();
    const result = walk(pack, {
      answers: {
        'restrictions.involves': ['criminal-case', 'other-proceedings'],
        'restrictions.proceedings': 2,
        'restrictions.proceeding-kind#1': 'criminal',
        'restrictions.criminal-case-stage#1': 'concluded',
        'restrictions.court-orders#1': ['none'],
        'restrictions.proceeding-kind#2': 'misconduct',
        'restrictions.proceeding-status#2': 'hearing-pending',
        'restrictions.pending-prejudice#2': 'no',
        'restrictions.court-orders#2': ['order-in-force'],
        'restrictions.order-terms-checked#2': 'yes',
        'restrictions.court-material': ['none'],
        'restrictions.jigsaw-identification': 'no',
      },
      ...NONE,
    });
    expect(result.asked.filter((k) => k.startsWith('restrictions.'))).toEqual([
      'restrictions.involves',
      'restrictions.proceeding-kind#1',
      'restrictions.criminal-case-stage#1',
      'restrictions.court-orders#1',
      'restrictions.proceeding-kind#2',
      'restrictions.proceeding-status#2',
      'restrictions.pending-prejudice#2',
      'restrictions.court-orders#2',
      'restrictions.order-terms-checked#2',
      'restrictions.court-material',
      'restrictions.jigsaw-identification',
    ]);
    // An order in force, read and checked: a note, no referral.
    expect(result.assessment.referrals).toEqual([]);
  });

  it('released under investigation is an active case (contempt checklist asked)', async () => {
    const pack = await ukEw();
    const result = walk(pack, {
      answers: {
        'restrictions.involves': ['criminal-case'],
        'restrictions.proceedings': 1,
        'restrictions.proceeding-kind#1': 'criminal',
        'restrictions.criminal-case-stage#1': 'released-under-investigation',
        'restrictions.prejudice-risks#1': ['evidence'],
        'restrictions.court-orders#1': ['none'],
        'restrictions.court-material': ['none'],
      },
      ...NONE,
    });
    expect(result.assessment.overall).toBe('blocker');
    expect(result.assessment.referrals.map((r) => r.question)).toEqual([
      'restrictions.prejudice-risks#1',
    ]);
  });

  it.each<[string, Record<string, string | string[]>]>([
    [
      'there was an order, and it has been lifted',
      {
        'safety.involves': ['protected-person'],
        'safety.protection-order': 'order-lifted',
        'safety.image-metadata': 'no-files',
        'safety.useful-to-attackers': 'no',
      },
    ],
    [
      'private details, with the public-interest reasoning recorded',
      {
        'privacy.involves': ['private-information'],
        'privacy.justification': 'public-interest',
        'privacy.private-place-images': 'no',
      },
    ],
    [
      'an allegation we can prove, put fairly, with the public interest recorded',
      {
        'defamation.involves': ['allegation'],
        'defamation.wrong-person-identified': 'no',
        'defamation.chase-level': 'grounds-to-investigate',
        'defamation.allegation-source': ['own-evidence'],
        'defamation.truth-evidence': 'yes',
        'defamation.public-interest': 'reasoning-recorded',
        'defamation.right-of-reply': 'put-in-writing',
        'defamation.legal-threat': 'none',
        'accuracy.presentation-checked': 'yes',
        'accuracy.reply-in-story': 'yes',
      },
    ],
  ])('an honest answer that is not a problem raises no referral: %s', async (_name, answers) => {
    const pack = await ukEw();
    const result = walk(pack, { answers, ...NONE });
    expect(result.assessment.referrals).toEqual([]);
    expect(result.assessment.overall).not.toBe('blocker');
  });

  it('a serious allegation with neither evidence nor a chance to reply is a blocker for a lawyer', async () => {
    const pack = await ukEw();
    const base = {
      'defamation.involves': ['allegation'],
      'defamation.wrong-person-identified': 'no',
      'defamation.chase-level': 'did-it',
      'defamation.allegation-source': ['others'],
      'defamation.public-interest': 'reasoning-recorded',
      'defamation.legal-threat': 'none',
      'accuracy.presentation-checked': 'yes',
      'accuracy.reply-in-story': 'no',
    };
    const blocked = walk(pack, {
      answers: {
        ...base,
        'defamation.truth-evidence': 'no',
        'defamation.right-of-reply': 'not-yet',
        'defamation.unsupported-allegation': 'Nothing yet beyond one source.',
      },
      ...NONE,
    });
    expect(blocked.asked).toContain('defamation.unsupported-allegation');
    expect(blocked.assessment.overall).toBe('blocker');
    // With the allegation put to them, the blocker question is not asked.
    const put = walk(pack, {
      answers: {
        ...base,
        'defamation.truth-evidence': 'no',
        'defamation.right-of-reply': 'put-in-writing',
      },
      ...NONE,
    });
    expect(put.asked).not.toContain('defamation.unsupported-allegation');
  });

  it('a follow-up answered earlier drops out when its option is unticked', async () => {
    const pack = await ukEw();
    const { answers } = walk(pack, {
      answers: {
        'safety.involves': ['threat', 'reporter-risk'],
        'safety.threats-received': 'yes',
        'safety.protection-order': 'none',
        'safety.consulted-person-at-risk': 'yes',
        'safety.locating-details': 'public-or-business',
        'safety.image-metadata': 'done',
        'safety.field-risk-assessment': 'yes',
        'safety.online-abuse': 'yes',
      },
      ...NONE,
    });
    const changed = { ...answers, 'safety.involves': { value: ['reporter-risk'] } };
    const state = { answers: changed, findings: [] };
    expect(
      activeQuestions(pack, state)
        .filter((l) => l.section === 'safety')
        .map((l) => l.key),
    ).toEqual(['safety.involves', 'safety.field-risk-assessment', 'safety.online-abuse']);
    expect(nextQuestion(pack, state)).toBeUndefined();
    expect(assess(pack, state).referrals).toEqual([]);
  });
});

describe('uk-ew 2.0.0: what the scan suggests', () => {
  const postcode = finding('uk-ew.postcode', 'safety', ['safety.locating-details']);

  it('a postcode suggests the location option; ticking it opens the locating-details question', async () => {
    const pack = await ukEw();
    const involves = findQuestion(pack, 'safety.involves')!.question;
    expect(suggestions(involves, [postcode]).map((s) => s.value)).toEqual(['location']);
    const result = walk(pack, {
      findings: [postcode],
      answers: {
        'safety.involves': ['location'],
        'safety.locating-details': 'public-or-business',
      },
      ...NONE,
    });
    expect(result.asked.slice(0, 2)).toEqual(['safety.involves', 'safety.locating-details']);
    expect(result.assessment.overall).toBe('low');
    expect(result.assessment.referrals).toEqual([]);
  });

  it('"none of these" against a suggestion needs a note', async () => {
    const pack = await ukEw();
    const involves = findQuestion(pack, 'safety.involves')!.question;
    expect(checkAnswer(involves, { value: ['none'] }, [postcode])).toMatch(/note is required/);
    expect(
      checkAnswer(involves, { value: ['none'], note: 'The postcode is the fete venue.' }, [
        postcode,
      ]),
    ).toBeUndefined();
    expect(checkAnswer(involves, { value: ['none'] }, [])).toBeUndefined();
  });
});
