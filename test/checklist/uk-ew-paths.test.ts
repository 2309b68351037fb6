// Paths through the uk-ew pack: each case is a story with a scripted set of answers. The engine is
// asked for the next question until the walk is complete (see walk() in uk-ew-pack.ts), and the
// test pins down exactly which questions were asked, in order, the overall risk and the lawyer
// referrals. A change to the pack's conditions that breaks one of these paths fails here.
import { describe, expect, it } from 'vitest';
import {
  activeQuestions,
  assess,
  checkAnswer,
  findQuestion,
  type FindingRef,
  isApplicable,
  nextQuestion,
  raisedBy,
} from '../../src/core/checklist/engine.js';
import type { Risk, SectionId } from '../../src/core/checklist/schema.js';
import { SCREENING, type Script, ukEw, walk } from './uk-ew-pack.js';

interface Story extends Script {
  readonly name: string;
  /**
   * Every question the engine must ask, in order. Without it, the script's answers are written in
   * the order they must be asked, and every one of them must be asked.
   */
  readonly asked?: readonly string[];
  readonly overall: Risk;
  /** Section risks worth pinning down (the others are not checked). */
  readonly sections: Partial<Record<SectionId, Risk>>;
  /** The questions whose answers refer the story to a lawyer, in ask order. */
  readonly referrals: readonly string[];
}

const STORIES: Story[] = [
  {
    name: 'a harmless community story: screening only',
    otherwise: 'no',
    answers: {},
    asked: SCREENING,
    overall: 'none',
    sections: {},
    referrals: [],
  },
  {
    name: 'a youth court case: a 15-year-old sentenced for robbery',
    answers: {
      'safety.people-at-risk': 'no',
      'safety.reporter-at-risk': 'no',
      'restrictions.legal-proceedings': 'yes',
      'restrictions.sexual-offence-fgm-forced-marriage': 'no',
      'restrictions.child-involved': 'yes',
      'restrictions.arrest-or-charge': 'yes',
      'restrictions.criminal-case-stage': 'concluded',
      'restrictions.court-orders': 'no',
      'restrictions.cipher-names': 'no',
      'restrictions.court-report': 'yes',
      'restrictions.court-photos-recordings': 'no',
      'restrictions.juror-contact': 'no',
      'restrictions.civil-or-appeal': 'no',
      'restrictions.inquest': 'no',
      'restrictions.police-misconduct-hearing': 'no',
      'restrictions.employment-tribunal': 'no',
      'restrictions.family-or-private-hearing': 'no',
      'restrictions.scotland-or-northern-ireland': 'no',
      'restrictions.youth-court-case': 'yes',
      'restrictions.child-reporting-direction': 'not-applicable',
      'restrictions.under-18-suspect': 'no',
      'restrictions.teacher-allegation': 'no',
      'restrictions.jigsaw-identification': {
        value: 'no',
        note: 'Checked the agency copy and our archive: nobody names the boy or his school.',
      },
      'defamation.criticises-someone': 'no',
      'defamation.business-claims': 'no',
      'privacy.private-information': 'no',
      'privacy.sensitive-circumstances': 'yes',
      'privacy.private-place-images': 'no',
      'privacy.court-order': 'none-known',
      'privacy.suspect-not-charged': 'no',
      'privacy.relatives-of-accused': 'no',
      'privacy.grief': 'no',
      'privacy.suicide-method': 'no',
      'privacy.child-welfare': 'no',
      'privacy.sexual-offence': 'no',
      'privacy.harassment': 'no',
      'privacy.subterfuge': 'no',
      'privacy.payments': 'no',
      'privacy.discrimination': 'no',
      'privacy.personal-data': 'no',
      'privacy.broadcast': 'no',
      'sources.confidential-source': 'no',
      'sources.leaked-material': 'no',
      'accuracy.legal-proceedings': 'yes',
      'accuracy.unchecked-material': 'no',
      'accuracy.legal-terms': 'yes',
      'accuracy.names-numbers': 'yes',
      'accuracy.headline-supported': 'no',
      'accuracy.comment-as-fact': 'no',
      'accuracy.reply-in-story': 'not-applicable',
      'accuracy.corrects-earlier': 'no',
    },
    overall: 'high',
    sections: { restrictions: 'high', defamation: 'none', privacy: 'low' },
    referrals: ['restrictions.arrest-or-charge', 'restrictions.youth-court-case'],
  },
  {
    name: 'a sexual-offence trial: a Crown Court rape trial under way',
    answers: {
      'safety.people-at-risk': 'no',
      'safety.reporter-at-risk': 'no',
      'restrictions.legal-proceedings': 'yes',
      'restrictions.sexual-offence-fgm-forced-marriage': 'yes',
      'restrictions.child-involved': 'no',
      'restrictions.arrest-or-charge': 'yes',
      'restrictions.criminal-case-stage': 'charged-or-awaiting-trial',
      'restrictions.previous-convictions': 'no',
      'restrictions.guilt-or-character': 'no',
      'restrictions.evidence-and-witness-accounts': 'no',
      'restrictions.identification-in-issue': 'no',
      'restrictions.archive-and-links': 'no',
      'restrictions.court-orders': 'no',
      'restrictions.cipher-names': 'no',
      'restrictions.court-report': 'yes',
      'restrictions.jury-absent-material': 'no',
      'restrictions.early-hearing-limits': 'not-applicable',
      'restrictions.pretrial-rulings': 'no',
      'restrictions.court-photos-recordings': 'no',
      'restrictions.juror-contact': 'no',
      'restrictions.civil-or-appeal': 'no',
      'restrictions.inquest': 'no',
      'restrictions.police-misconduct-hearing': 'no',
      'restrictions.employment-tribunal': 'no',
      'restrictions.family-or-private-hearing': 'no',
      'restrictions.scotland-or-northern-ireland': 'no',
      'restrictions.complainant-identifiable': 'no',
      'restrictions.jigsaw-identification': {
        value: 'no',
        note: 'Other outlets name the defendant; none of us gives the relationship or the street.',
      },
      'defamation.criticises-someone': 'yes',
      'defamation.business-claims': 'no',
      'defamation.wrong-person-identified': 'no',
      'defamation.chase-level': 'did-it',
      'defamation.headline-goes-further': 'no',
      'defamation.serious-harm': 'yes',
      'defamation.repeats-allegation': 'no',
      'defamation.truth-evidence': 'no',
      'defamation.opinion': 'no',
      'defamation.public-interest': 'yes',
      'defamation.right-of-reply': 'yes',
      'defamation.reply-record': 'His denial and not-guilty plea, given in court, are reported.',
      'defamation.privileged-source': 'court-report',
      'defamation.court-report-fair': 'yes',
      'defamation.subject-dead': 'no',
      'defamation.public-body': 'no',
      'defamation.promotion': 'no',
      'privacy.private-information': 'no',
      'privacy.sensitive-circumstances': 'yes',
      'privacy.private-place-images': 'no',
      'privacy.court-order': 'none-known',
      'privacy.suspect-not-charged': 'no',
      'privacy.relatives-of-accused': 'no',
      'privacy.grief': 'no',
      'privacy.suicide-method': 'no',
      'privacy.child-welfare': 'no',
      'privacy.sexual-offence': 'yes',
      'privacy.harassment': 'no',
      'privacy.subterfuge': 'no',
      'privacy.payments': 'no',
      'privacy.discrimination': 'no',
      'privacy.financial-interest': 'no',
      'privacy.personal-data': 'no',
      'privacy.broadcast': 'no',
      'sources.confidential-source': 'no',
      'sources.leaked-material': 'no',
      'accuracy.legal-proceedings': 'yes',
      'accuracy.unchecked-material': 'no',
      'accuracy.legal-terms': 'yes',
      'accuracy.names-numbers': 'yes',
      'accuracy.headline-supported': 'no',
      'accuracy.comment-as-fact': 'no',
      'accuracy.reply-in-story': 'yes',
      'accuracy.corrects-earlier': 'no',
    },
    overall: 'high',
    sections: { restrictions: 'medium', defamation: 'high', privacy: 'high' },
    referrals: [
      'restrictions.sexual-offence-fgm-forced-marriage',
      'restrictions.arrest-or-charge',
      'defamation.chase-level',
      'defamation.truth-evidence',
      'privacy.sexual-offence',
    ],
  },
  {
    name: 'a crime allegation against a named councillor, from our own investigation',
    answers: {
      'safety.people-at-risk': 'no',
      'safety.reporter-at-risk': 'no',
      'restrictions.legal-proceedings': 'no',
      'restrictions.sexual-offence-fgm-forced-marriage': 'no',
      'restrictions.child-involved': 'no',
      'defamation.criticises-someone': 'yes',
      'defamation.business-claims': 'no',
      'defamation.wrong-person-identified': 'no',
      'defamation.chase-level': 'reasonable-grounds-to-suspect',
      'defamation.headline-goes-further': 'no',
      'defamation.serious-harm': 'yes',
      'defamation.repeats-allegation': 'no',
      'defamation.truth-evidence': 'yes',
      'defamation.opinion': 'no',
      'defamation.public-interest': 'yes',
      'defamation.right-of-reply': 'yes',
      'defamation.reply-record':
        'Letter emailed to Cllr X on 3 March at 10:00 with six points; deadline 10 March; replied 9 March.',
      'defamation.privileged-source': 'own-reporting',
      'defamation.subject-dead': 'no',
      'defamation.public-body': 'yes',
      'defamation.promotion': 'yes',
      'privacy.private-information': 'no',
      'privacy.sensitive-circumstances': 'no',
      'privacy.court-order': 'none-known',
      'privacy.harassment': 'no',
      'privacy.financial-interest': 'no',
      'privacy.broadcast': 'no',
      'sources.confidential-source': 'yes',
      'sources.leaked-material': 'no',
      'sources.promise-recorded': 'yes',
      'sources.who-knows': 'no',
      'sources.jigsaw': 'no',
      'sources.contact-records': 'no',
      'sources.legal-demand': 'no',
      'sources.official-secrets': 'no',
      'sources.payment': 'no',
      'sources.whistleblower': 'no',
      'accuracy.legal-proceedings': 'yes',
      'accuracy.unchecked-material': 'no',
      'accuracy.legal-terms': 'yes',
      'accuracy.names-numbers': 'yes',
      'accuracy.headline-supported': 'no',
      'accuracy.comment-as-fact': 'no',
      'accuracy.reply-in-story': 'yes',
      'accuracy.corrects-earlier': 'no',
    },
    overall: 'high',
    sections: { restrictions: 'none', defamation: 'high', privacy: 'none', sources: 'low' },
    referrals: ['defamation.chase-level'],
  },
  {
    name: 'a whistleblower story: a nurse leaks a staffing report',
    answers: {
      'safety.people-at-risk': 'yes',
      'safety.reporter-at-risk': 'no',
      'safety.threats-received': 'no',
      'safety.protection-order': 'no',
      'safety.consulted-person-at-risk': 'yes',
      'safety.police-request-to-withhold': 'no',
      'safety.locating-details': 'no',
      'safety.image-metadata': 'no-files',
      'safety.relatives-identified': 'no',
      'safety.vulnerable-people': 'no',
      'safety.protected-roles': 'yes',
      'safety.useful-to-attackers': 'no',
      'safety.defence-or-intelligence': 'no',
      'safety.digital-security': 'yes',
      'restrictions.legal-proceedings': 'no',
      'restrictions.sexual-offence-fgm-forced-marriage': 'no',
      'restrictions.child-involved': 'no',
      'defamation.criticises-someone': 'yes',
      'defamation.business-claims': 'no',
      'defamation.wrong-person-identified': 'no',
      'defamation.chase-level': 'grounds-to-investigate',
      'defamation.headline-goes-further': 'no',
      'defamation.serious-harm': 'yes',
      'defamation.repeats-allegation': 'no',
      'defamation.truth-evidence': 'yes',
      'defamation.opinion': 'no',
      'defamation.public-interest': 'yes',
      'defamation.right-of-reply': 'yes',
      'defamation.reply-record': 'Questions sent to the trust press office on 1 May; reply 6 May.',
      'defamation.privileged-source': 'own-reporting',
      'defamation.subject-dead': 'no',
      'defamation.public-body': 'no',
      'defamation.promotion': 'no',
      'privacy.private-information': 'no',
      'privacy.sensitive-circumstances': 'no',
      'privacy.court-order': 'none-known',
      'privacy.harassment': 'no',
      'privacy.financial-interest': 'no',
      'privacy.broadcast': 'no',
      'sources.confidential-source': 'yes',
      'sources.leaked-material': 'yes',
      'sources.promise-recorded': 'yes',
      'sources.who-knows': 'no',
      'sources.jigsaw': 'unsure',
      'sources.document-traces': {
        value: 'no',
        note: 'We quote no unusual wording, retyped the figures, and publish no image of the report.',
      },
      'sources.contact-records': 'no',
      'sources.legal-demand': 'no',
      'sources.official-secrets': 'no',
      'sources.payment': 'no',
      'sources.whistleblower': 'yes',
      'accuracy.legal-proceedings': 'no',
      'accuracy.unchecked-material': 'yes',
      'accuracy.quotes-backed': 'yes',
      'accuracy.quote-edits': 'no',
      'accuracy.names-numbers': 'yes',
      'accuracy.documents-authentic': 'yes',
      'accuracy.headline-supported': 'no',
      'accuracy.comment-as-fact': 'no',
      'accuracy.reply-in-story': 'yes',
      'accuracy.corrects-earlier': 'no',
    },
    overall: 'high',
    sections: { safety: 'high', defamation: 'medium', sources: 'high' },
    referrals: [],
  },
  {
    name: 'a pre-charge arrest: a man held on suspicion of murder, named by neighbours',
    answers: {
      'safety.people-at-risk': 'no',
      'safety.reporter-at-risk': 'no',
      'restrictions.legal-proceedings': 'yes',
      'restrictions.sexual-offence-fgm-forced-marriage': 'no',
      'restrictions.child-involved': 'no',
      'restrictions.arrest-or-charge': 'yes',
      'restrictions.criminal-case-stage': 'arrested-custody-or-bail',
      'restrictions.previous-convictions': 'no',
      'restrictions.guilt-or-character': 'no',
      'restrictions.evidence-and-witness-accounts': 'yes',
      'restrictions.identification-in-issue': 'unsure',
      'restrictions.archive-and-links': 'no',
      'restrictions.court-orders': 'no',
      'restrictions.cipher-names': 'no',
      'restrictions.court-report': 'no',
      'restrictions.court-photos-recordings': 'no',
      'restrictions.juror-contact': 'no',
      'restrictions.civil-or-appeal': 'no',
      'restrictions.inquest': 'no',
      'restrictions.police-misconduct-hearing': 'no',
      'restrictions.employment-tribunal': 'no',
      'restrictions.family-or-private-hearing': 'no',
      'restrictions.scotland-or-northern-ireland': 'no',
      'defamation.criticises-someone': 'yes',
      'defamation.business-claims': 'no',
      'defamation.wrong-person-identified': 'no',
      'defamation.chase-level': 'reasonable-grounds-to-suspect',
      'defamation.headline-goes-further': 'no',
      'defamation.serious-harm': 'yes',
      'defamation.repeats-allegation': 'yes',
      'defamation.truth-evidence': 'unsure',
      'defamation.opinion': 'no',
      'defamation.public-interest': 'yes',
      'defamation.right-of-reply': 'unsure',
      'defamation.reply-record': 'Door knocked on 12 June; no answer; no lawyer known.',
      'defamation.privileged-source': 'official-statement',
      'defamation.statutory-report-fair': 'yes',
      'defamation.reply-refused': 'no',
      'defamation.subject-dead': 'no',
      'defamation.public-body': 'no',
      'defamation.promotion': 'no',
      'privacy.private-information': 'no',
      'privacy.sensitive-circumstances': 'yes',
      'privacy.private-place-images': 'no',
      'privacy.court-order': 'none-known',
      'privacy.suspect-not-charged': 'yes',
      'privacy.relatives-of-accused': 'no',
      'privacy.grief': 'yes',
      'privacy.suicide-method': 'no',
      'privacy.child-welfare': 'no',
      'privacy.sexual-offence': 'no',
      'privacy.harassment': 'no',
      'privacy.subterfuge': 'no',
      'privacy.payments': 'no',
      'privacy.discrimination': 'no',
      'privacy.financial-interest': 'no',
      'privacy.personal-data': 'no',
      'privacy.broadcast': 'no',
      'sources.confidential-source': 'no',
      'sources.leaked-material': 'no',
      'accuracy.legal-proceedings': 'yes',
      'accuracy.unchecked-material': 'no',
      'accuracy.legal-terms': 'yes',
      'accuracy.names-numbers': 'yes',
      'accuracy.headline-supported': 'no',
      'accuracy.comment-as-fact': 'no',
      'accuracy.reply-in-story': 'yes',
      'accuracy.corrects-earlier': 'no',
    },
    overall: 'blocker',
    sections: { restrictions: 'blocker', defamation: 'high', privacy: 'high' },
    referrals: [
      'restrictions.arrest-or-charge',
      'restrictions.evidence-and-witness-accounts',
      'restrictions.identification-in-issue',
      'defamation.chase-level',
      'defamation.repeats-allegation',
      'defamation.truth-evidence',
      'defamation.right-of-reply',
      'privacy.suspect-not-charged',
    ],
  },
  {
    name: 'a protest with threats against a named imam outside his home',
    answers: {
      'safety.people-at-risk': 'yes',
      'safety.reporter-at-risk': 'yes',
      'safety.threats-received': 'yes',
      'safety.protection-order': 'no',
      'safety.consulted-person-at-risk': 'yes',
      'safety.police-request-to-withhold': 'no',
      'safety.locating-details': {
        value: 'yes',
        note: 'The story says "a street in Sparkhill"; pictures cropped to remove the house.',
      },
      'safety.image-metadata': 'done',
      'safety.relatives-identified': 'no',
      'safety.vulnerable-people': 'no',
      'safety.protected-roles': 'no',
      'safety.field-risk-assessment': 'yes',
      'safety.online-abuse': 'yes',
      'safety.digital-security': 'yes',
      'restrictions.legal-proceedings': 'yes',
      'restrictions.sexual-offence-fgm-forced-marriage': 'no',
      'restrictions.child-involved': 'no',
      'restrictions.arrest-or-charge': 'no',
      'restrictions.court-orders': 'no',
      'restrictions.cipher-names': 'no',
      'restrictions.court-report': 'no',
      'restrictions.court-photos-recordings': 'no',
      'restrictions.juror-contact': 'no',
      'restrictions.civil-or-appeal': 'no',
      'restrictions.inquest': 'no',
      'restrictions.police-misconduct-hearing': 'no',
      'restrictions.employment-tribunal': 'no',
      'restrictions.family-or-private-hearing': 'no',
      'restrictions.scotland-or-northern-ireland': 'no',
      'defamation.criticises-someone': 'no',
      'defamation.business-claims': 'no',
      'privacy.private-information': 'no',
      'privacy.sensitive-circumstances': 'yes',
      'privacy.private-place-images': 'no',
      'privacy.court-order': 'none-known',
      'privacy.suspect-not-charged': 'no',
      'privacy.relatives-of-accused': 'no',
      'privacy.grief': 'no',
      'privacy.suicide-method': 'no',
      'privacy.child-welfare': 'no',
      'privacy.sexual-offence': 'no',
      'privacy.harassment': 'no',
      'privacy.subterfuge': 'no',
      'privacy.payments': 'no',
      'privacy.discrimination': 'yes',
      'privacy.personal-data': 'no',
      'privacy.broadcast': 'no',
      'sources.confidential-source': 'no',
      'sources.leaked-material': 'no',
      'accuracy.legal-proceedings': 'yes',
      'accuracy.unchecked-material': 'no',
      'accuracy.legal-terms': 'yes',
      'accuracy.names-numbers': 'yes',
      'accuracy.headline-supported': 'no',
      'accuracy.comment-as-fact': 'no',
      'accuracy.reply-in-story': 'not-applicable',
      'accuracy.corrects-earlier': 'no',
    },
    overall: 'high',
    sections: { safety: 'high', restrictions: 'low', privacy: 'low' },
    referrals: ['safety.threats-received'],
  },
];

describe('uk-ew paths', () => {
  it.each(STORIES.map((s) => [s.name, s] as const))('%s', async (_name, story) => {
    const pack = await ukEw();
    const result = walk(pack, story);
    expect(result.asked).toEqual(story.asked ?? Object.keys(story.answers));
    expect(result.assessment.pending).toBe(0);
    expect(result.assessment.overall).toBe(story.overall);
    expect(result.assessment.sections).toMatchObject(story.sections);
    expect(result.assessment.referrals.map((r) => r.question)).toEqual(story.referrals);
  });

  it('the harmless story is done in at most 15 answers, all of them screening questions', async () => {
    const pack = await ukEw();
    const result = walk(pack, { answers: {}, otherwise: 'no' });
    expect(result.asked.length).toBeLessThanOrEqual(15);
    for (const id of result.asked) expect(findQuestion(pack, id)?.question.when).toBeUndefined();
    expect(result.assessment.actions).toEqual([]);
    expect(result.assessment.flagged).toEqual([]);
  });

  it('a follow-up answered earlier drops out when its screening answer changes', async () => {
    const pack = await ukEw();
    const protest = STORIES.find((s) => s.name.startsWith('a protest'))!;
    const { answers } = walk(pack, protest);
    const changed = { ...answers, 'safety.people-at-risk': { value: 'no' } };
    const state = { answers: changed, findings: [] };
    const safety = activeQuestions(pack, state)
      .filter((l) => l.section === 'safety')
      .map((l) => l.question.id);
    // The reporter is still at risk, so the reporter's questions (and metadata, digital security) stay.
    expect(safety).toEqual([
      'safety.people-at-risk',
      'safety.reporter-at-risk',
      'safety.image-metadata',
      'safety.field-risk-assessment',
      'safety.online-abuse',
      'safety.digital-security',
    ]);
    expect(nextQuestion(pack, state)).toBeUndefined();
    expect(assess(pack, state).referrals.map((r) => r.question)).toEqual([]);
  });
});

describe('uk-ew: a finding raises a follow-up the screening answers skip', () => {
  const postcode: FindingRef = {
    rule: 'uk-ew.postcode',
    section: 'safety',
    questions: ['safety.locating-details'],
  };

  it('a postcode raises the locating-details question although nobody is at risk', async () => {
    const pack = await ukEw();
    const locating = findQuestion(pack, 'safety.locating-details')!.question;
    const noRisk = { answers: { 'safety.people-at-risk': { value: 'no' } }, findings: [] };
    expect(isApplicable(locating, noRisk)).toBe(false);
    expect(isApplicable(locating, { ...noRisk, findings: [postcode] })).toBe(true);
    expect(raisedBy(locating, [postcode])).toEqual(['uk-ew.postcode']);
    // A suppressed finding raises nothing.
    expect(
      isApplicable(locating, { ...noRisk, findings: [{ ...postcode, suppressed: true }] }),
    ).toBe(false);

    const result = walk(pack, {
      findings: [postcode],
      otherwise: 'no',
      answers: {
        'safety.locating-details': {
          value: 'no',
          note: 'The postcode is the community centre where the fete is held, not a home.',
        },
      },
    });
    expect(result.asked).toEqual([
      'safety.people-at-risk',
      'safety.reporter-at-risk',
      'safety.locating-details',
      ...SCREENING.slice(2),
    ]);
    expect(result.assessment.overall).toBe('none');
    expect(result.assessment.flagged).toMatchObject([
      {
        question: 'safety.locating-details',
        value: 'no',
        raisedBy: ['uk-ew.postcode'],
        reasons: ['finding'],
      },
    ]);
  });

  it('answering "no" (or "not applicable") to the raised question needs a note', async () => {
    const pack = await ukEw();
    const locating = findQuestion(pack, 'safety.locating-details')!.question;
    expect(checkAnswer(locating, { value: 'no' }, [postcode])).toBe(
      'a note is required: the draft triggered uk-ew.postcode',
    );
    expect(checkAnswer(locating, { value: 'no', note: '  ' }, [postcode])).toBeDefined();
    expect(
      checkAnswer(locating, { value: 'no', note: 'The fete venue.' }, [postcode]),
    ).toBeUndefined();
    // Without the finding, "no" needs no note.
    expect(checkAnswer(locating, { value: 'no' }, [])).toBeUndefined();
  });
});
