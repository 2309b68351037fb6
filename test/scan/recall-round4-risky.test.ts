// uk-ew 2.1.0, corpus round 4 (risky copy): what the new real risky articles showed the rules
// missed, grouped by the reasoning a lawyer uses, judged on newsroom phrasing written for this
// test (not copied from the corpus). Each case names what a lawyer would flag, and a look-alike
// the rule must stay silent or low on; and none of the "2.1.0 round 4: risky recall" block is
// above low on the harmless articles of the corpus's tuning split.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Rule } from '../../src/core/scan/rules-schema.js';
import { scanText } from '../../src/core/scan/scanner.js';
import { harmlessTuningAlarms, liveRules, worstOf } from '../helpers/rules.js';

let rules: Rule[] = [];
beforeAll(async () => {
  rules = await liveRules();
});

/** The rules of the "2.1.0 round 4: risky recall" block. */
const BLOCK = [
  'disciplinary-finding',
  'criminal-label',
  'reported-accusation',
  'injury-detail',
  'vulnerability-detail',
  'suspect-appeal',
  'named-person-street',
  'victim-trauma',
  'defendant-demeanour',
];

describe('2.1.0 round 4 risky recall: new rules, by the reasoning a lawyer uses', () => {
  it.each([
    // a disciplinary panel's finding, or the evidence it heard, about someone identifiable:
    // privileged only as a fair and accurate report of the public hearing
    [
      'disciplinary-finding',
      'At a misconduct hearing in Taunton, PC Amy Rowe was found to have breached the standards of professional behaviour.',
      'medium',
    ],
    [
      'disciplinary-finding',
      'The gross misconduct hearing was told the sergeant had shared a colleague\u2019s address.',
      'medium',
    ],
    [
      'disciplinary-finding',
      'The panel found the allegations against Cllr Dev Shah were proven and he breached the code of conduct.',
      'medium',
    ],
    // the same words with no disciplinary body in the story: a court's or a coroner's business
    [
      'disciplinary-finding',
      'The inquest heard he was found to have had a heart condition that nobody had diagnosed.',
      'none',
    ],
    // a sports disciplinary panel is the game's own business
    [
      'disciplinary-finding',
      "The Rovers striker, who scored twice in Saturday's league win, was found to have breached FA rules by an independent disciplinary panel. He will miss three matches, the club said, and the manager will appeal before the cup tie against United.",
      'none',
    ],

    // a criminal label or a count of convictions said of someone
    [
      'criminal-label',
      'Prolific burglar Wayne Tolley, 41, was back in the dock this week.',
      'medium',
    ],
    [
      'criminal-label',
      'Lee Marsh, who has 23 previous convictions, was jailed for a year.',
      'medium',
    ],
    [
      'criminal-label',
      'Carl Dunn, who has almost 90 convictions, was caught again in March.',
      'medium',
    ],
    // a job described, not a criminal label; a conviction said of nobody in particular
    [
      'criminal-label',
      'The professional photographer Ann Wills opened her exhibition on Friday.',
      'none',
    ],
    [
      'criminal-label',
      'Magistrates heard that the number of people with convictions for drink-driving has fallen.',
      'none',
    ],

    // an accusation the copy reports someone else making: the repetition rule
    [
      'reported-accusation',
      'Residents claim their landlord has left the flats to rot for years.',
      'medium',
    ],
    [
      'reported-accusation',
      'Two members told the Herald that the chairman had been banned from the club\u2019s forum for abusive posts.',
      'medium',
    ],
    [
      'reported-accusation',
      'She said the treasurer lied to the committee about the accounts.',
      'medium',
    ],
    // the words with nobody reported as saying them, or in another sense
    [
      'reported-accusation',
      'The school runs a week of lessons on bullying and online safety each spring.',
      'none',
    ],
    [
      'reported-accusation',
      'The head teacher said two pupils were singled out for praise by the inspectors.',
      'none',
    ],

    // a victim's injuries and treatment
    [
      'injury-detail',
      'The victim, a man in his 40s, was taken to hospital with a fractured skull and remains under sedation.',
      'medium',
    ],
    [
      'injury-detail',
      'Sarah Pike suffered a broken jaw and facial injuries in the attack.',
      'medium',
    ],
    // a player's injury in a match report
    [
      'injury-detail',
      'Rovers midfielder Sam Cole has a broken leg and will miss the rest of the season after the 2-1 league defeat at United, the manager said. The club hope he will be fit for pre-season training.',
      'none',
    ],
    // nobody identifiable: a glance at most
    [
      'injury-detail',
      'Ambulance crews said one person was taken to hospital for treatment after the crash.',
      'low',
    ],

    // a person's vulnerability or private difficulties, said in proceedings
    [
      'vulnerability-detail',
      'The hearing was told the officer targeted a vulnerable woman he met at a call-out.',
      'medium',
    ],
    [
      'vulnerability-detail',
      'Defending, Ruth Kaye said Tom Ince had drug problems and difficulties at home.',
      'medium',
    ],
    // a service for vulnerable people, no one identified: nothing here
    [
      'vulnerability-detail',
      'The charity offers lunches to older people in the town every Tuesday.',
      'none',
    ],

    // a police appeal that points at a suspect
    [
      'suspect-appeal',
      'Detectives want to trace a man seen acting suspiciously near the shop before the robbery.',
      'medium',
    ],
    [
      'suspect-appeal',
      'Police have named Dale Ross as a wanted man after the stabbing and told the public not to approach him.',
      'medium',
    ],
    // the same words about a dog, a tattoo parlour, a football club
    [
      'suspect-appeal',
      'The tattooed bride and her husband were known to each other from school, the vicar said.',
      'low',
    ],

    // a named person's home street, as court and police reports give it
    [
      'named-person-street',
      'Mark Tully, of Beech Grove, Hexham, denies causing death by dangerous driving and will stand trial at Newcastle Crown Court.',
      'medium',
    ],
    // an obituary's courtesy address
    [
      'named-person-street',
      'Mrs Edna Hart, of Mill Lane, Wolsingham, who died aged 92 last week, leaves behind three children and seven grandchildren. Her funeral is at St Mary\u2019s on Friday.',
      'none',
    ],
    // s7-fix: the "of" follows a person's name (with an age, a house number, a compass word)...
    [
      'named-person-street',
      'Dean Ross, 29, of 14 Castle Hill Road, Barnsley, was charged with burglary by police on Monday.',
      'medium',
    ],
    [
      'named-person-street',
      'Amy Cole, of Mill Lane North, Ripon, admitted theft when she appeared before magistrates.',
      'medium',
    ],
    // ...and is where they live: a school, a court or a business park is where they work
    [
      'named-person-street',
      'Headteacher Sara Lomas, of Hillside Park Primary School, said the inspectors who visited after police were called had been fair.',
      'none',
    ],
    [
      'named-person-street',
      'Judge Alan Wood, of Leeds Crown Court, sentenced the man to two years after he was convicted.',
      'none',
    ],
    [
      'named-person-street',
      'Police said Kim Lowe, of Riverside Business Park, had reported the theft of two vans.',
      'none',
    ],
    // an institution's own address is not a person's home
    [
      'named-person-street',
      'The club, of Victoria Park, was fined after police were called to the ground.',
      'none',
    ],

    // a victim's trauma in their own words
    [
      'victim-trauma',
      'Speaking after the trial, the victim said: "I relive it every night and I will never be the same."',
      'medium',
    ],
    // a holiday's or a tour's "nightmare" is no one's trauma
    [
      'victim-trauma',
      'The singer said the first week of the tour had been a nightmare because of the rain.',
      'none',
    ],

    // a defendant's demeanour in court: colour that can hint at guilt before the verdict
    [
      'defendant-demeanour',
      'Flanked by two dock officers, Neil Gregg, 52, showed no emotion as the charges were read to magistrates.',
      'medium',
    ],
    // the same words outside a court: a groom's nerves
    [
      'defendant-demeanour',
      'The groom showed no emotion until the vows, then wept as the choir sang.',
      'low',
    ],
  ])('%s on "%s" is %s', (id, text, severity) => {
    expect(worstOf(rules, text, id)).toBe(severity);
  });
});

describe('2.1.0 round 4 risky recall: existing rules widened or narrowed in place', () => {
  it.each([
    // an officer or a child anonymised by rank or role and a letter
    ['withheld-name', 'Sergeant B told the panel she had warned PC D about the messages.', 'high'],
    ['withheld-name', 'The court heard Boy A had messaged Girl C that night.', 'high'],
    // s7-fix: a misconduct panel, a tribunal, an inquest or an inquiry is proceedings too; its
    // anonymity direction is a real restriction
    [
      'withheld-name',
      'The misconduct panel was told DC F had looked up the woman\u2019s records eleven times.',
      'high',
    ],
    ['withheld-name', 'Officer C gave evidence from behind a screen on the third day.', 'high'],
    ['withheld-name', 'Nurse K told the tribunal that the ward had been short of staff.', 'high'],
    // a travel piece's or a village show's "Mrs M" is the writer's shorthand: a solar panel or a
    // panel of judges is no hearing
    [
      'withheld-name',
      'We stayed with Mrs M, who has lived by the harbour all her life and showed us the solar panel on her roof.',
      'low',
    ],
    [
      'withheld-name',
      'Mrs K sat on the panel of judges at the village show and gave the lemon drizzle first prize.',
      'low',
    ],
    // an initial before a surname is a name; a football club is not a cipher
    ['withheld-name', 'PC A Jones and Dr R Patel gave evidence.', 'none'],
    ['withheld-name', 'Fans of Man U travelled to the away game.', 'none'],
    // a reply declined, said otherwise
    [
      'reply-carried',
      'Cllr Joe Platt, accused of bullying staff, said he was unable to comment while the complaint is investigated.',
      'medium',
    ],
    [
      'reply-carried',
      'Police arrested the director on suspicion of fraud. He made no further comment when contacted.',
      'medium',
    ],
    // a trial fixed for a date is the stage of the case
    [
      'court-proceedings',
      'Gary Lyle, 30, denies wounding. His trial will take place during a warned list starting on May 9 at Ipswich Crown Court.',
      'high',
    ],
    // a drug trial set for next year is another sense of trial
    ['court-proceedings', 'The drug trial is set to begin next spring with 400 patients.', 'none'],
    // evidence reported as if it were a finding while a trial runs; a study's evidence is not
    [
      'trial-evidence',
      'Ann Reed denies causing death by careless driving. Evidence showed she was travelling at 58mph.',
      'medium',
    ],
    [
      'trial-evidence',
      'The study of 4,000 patients found the drug cut the risk of stroke, and evidence showed the effect lasted for years, researchers said in the journal.',
      'none',
    ],
    // police misconduct: high where the copy shows an anonymity direction or a criminal case,
    // medium where an officer is named at a public hearing
    [
      'police-misconduct',
      'An officer who cannot be named for legal reasons was dismissed at a gross misconduct hearing.',
      'high',
    ],
    [
      'police-misconduct',
      'PC Joe Wren was given a final written warning at a misconduct hearing in Exeter.',
      'medium',
    ],
  ])('%s on "%s" is %s', (id, text, severity) => {
    expect(worstOf(rules, text, id)).toBe(severity);
  });

  it('sexual-offence also points at a complainant described by age ("a woman in her 60s")', () => {
    const text =
      'A man has been charged with sexual assault after a woman in her 60s was attacked on a towpath in Bath.';
    const found = scanText(text, rules).filter((f) => f.rule === 'uk-ew.sexual-offence');
    expect(found).toHaveLength(1);
    expect(found[0]!.repeats?.map((r) => r.excerpt)).toContain('a woman in her');
  });

  it('a regulator\u2019s finding also points at each adverse statement it quotes', () => {
    const text =
      'Inspectors found the home was unsafe. The report reads: "Residents are at risk because staff do not know the fire procedure." The CQC rated it inadequate.';
    const found = scanText(text, rules).filter((f) => f.rule === 'uk-ew.regulator-finding');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('medium');
    expect(found[0]!.repeats?.map((r) => r.excerpt)).toEqual(
      expect.arrayContaining(['The report reads', 'at risk']),
    );
  });

  it('health information about one person is said once, with its other places', () => {
    const text =
      'Alan Pryce, 52, has been in rehab since May. Alan Pryce has spoken of his addiction and of alcoholism in the family.';
    const found = scanText(text, rules).filter((f) => f.rule === 'uk-ew.health-information');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('high');
    expect(found[0]!.repeats?.length).toBeGreaterThanOrEqual(2);
  });
});

describe('2.1.0 round 4 risky recall on harmless real copy', () => {
  it('the block is silent above low on the tuning split\u2019s harmless articles', () => {
    const ids = new Set(BLOCK.map((id) => `uk-ew.${id}`));
    expect(rules.filter((r) => ids.has(r.id))).toHaveLength(BLOCK.length);
    expect(harmlessTuningAlarms(rules, ids, 'low')).toEqual([]);
  });
});
