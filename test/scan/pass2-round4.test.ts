// Corpus round 4 (stop 20), pass 2 on risky copy: recall and high+ precision by what a media
// lawyer reasons from, across rules rather than for one phrase: a problem already raised at high
// is said once (an early hearing); who an inquiry is about (an
// office-holder as much as a name); an offence named in the plural or as a label; where a
// complainant or a protected child is referred to (their own account, the places of the offending,
// their family); the inspectors' and a court's own words for a finding; a breach laid at a small
// group; the other side carried; the street of an incident. Every case is hand-written (none of it
// from the corpus), with the look-alike it must not flag beside it.
import { describe, expect, it } from 'vitest';
import { findingsOf, harmlessTuningAlarms, liveRules, worstOf } from '../helpers/rules.js';

const LIVE = await liveRules();
const worst = (text: string, id: string): string => worstOf(LIVE, text, id);
const of = (text: string, id: string) => findingsOf(LIVE, text, id);
/** The words of every place a story-level finding of the rule points at. */
const places = (text: string, id: string): string[] =>
  of(text, id).flatMap((f) => [f.excerpt, ...(f.repeats ?? []).map((r) => r.excerpt ?? '')]);

describe('a problem already raised at high is said once', () => {
  it('an early hearing is another place of the court proceedings already raised', () => {
    const text =
      'Terry Vance, 33, of Dale Street, appeared before magistrates in Carlisle charged with wounding.\n\nThe case was sent to Carlisle Crown Court, where he will enter a plea next month. Prosecuting, Amy Lowe told the court the victim needed stitches.\n';
    expect(worst(text, 'court-proceedings')).toBe('high');
    expect(worst(text, 'early-hearing')).toBe('medium');
  });
  it('an early hearing stays high where no court proceedings are raised at high', () => {
    const text =
      'Ms Hale, 41, was sent for trial after a brief hearing on Monday. She is accused of stealing from the charity she ran.\n';
    expect(worst(text, 'court-proceedings')).not.toBe('high');
    expect(worst(text, 'early-hearing')).toBe('high');
  });
});

describe('who an inquiry is about: an office-holder as much as a name', () => {
  it('a police inquiry into complaints about a named office is high', () => {
    const text =
      'Police have confirmed they are investigating complaints about the chairman of Westbury Town Council.\n';
    expect(worst(text, 'investigating-office-holder')).toBe('high');
  });
  it("a council's own inquiry is a check, and complaints about a road name no one", () => {
    const own =
      'The council is looking into complaints about the manager of Eastgate Leisure Centre after a row over opening hours.\n';
    expect(worst(own, 'investigating-office-holder')).toBe('medium');
    const plain =
      'Detectives are looking into allegations against the head of a village primary school.\n';
    expect(worst(plain, 'investigating-office-holder')).toBe('high');
    const road =
      'Highways officers are investigating complaints about the state of Mill Road after the floods.\n';
    expect(worst(road, 'investigating-office-holder')).toBe('none');
  });
});

describe('an offence in the plural, or as a label, is the same accusation', () => {
  it('"committed three burglaries" and "a burglar" are accusations', () => {
    const plural =
      'While on licence Darren Pike committed three burglaries in the town, the Gazette has found.\n';
    expect(worst(plural, 'crime-accusation')).not.toBe('none');
    const label = 'Residents say Lee Haskins is the burglar who has been targeting sheds.\n';
    expect(worst(label, 'crime-accusation')).toBe('high');
  });
  it('a burglar alarm or burglar bars accuse no one', () => {
    const alarm =
      'Jane Cooper said the burglar alarm at her shop went off twice on Friday, and she has now fitted burglar bars.\n';
    expect(worst(alarm, 'crime-accusation')).toBe('none');
    expect(worst(alarm, 'no-reply-recorded')).toBe('none');
  });
});

describe('where a complainant or a protected child is referred to, the finding points there', () => {
  it("the complainant's own account and the places of the offending are places to check", () => {
    const text =
      'A retired caretaker has been found guilty of indecent assault on a girl in the 1980s.\n\nShe described the smell of his van and the tune he whistled. He would wait for her behind the garages near the rec.\n';
    const at = places(text, 'sexual-offence');
    expect(at).toContain('She described');
    expect(at.some((p) => /behind the garages/.test(p))).toBe(true);
    expect(worst(text, 'sexual-offence')).toBe('high');
  });
  it('"coming forward" is the complainant however late in the story it comes', () => {
    const filler =
      'The hearing lasted three days and the judge adjourned twice for legal argument. '.repeat(6);
    const text = `A man has been jailed for the rape of a woman in Hull.\n\n${filler}\n\nA detective said: "I thank her for coming forward."\n`;
    expect(places(text, 'sexual-offence')).toContain('coming forward');
  });
  it('the points never raise a story without a sexual offence', () => {
    const text = 'She described the garden behind the garages as her favourite place.\n';
    expect(of(text, 'sexual-offence')).toHaveLength(0);
  });
  it("an anonymity order points at the child and the child's family, at the same severity", () => {
    const text =
      'A 15-year-old boy, who cannot be named for legal reasons, admitted affray at Leeds Youth Court.\n\nThe boy’s mother sat behind him throughout.\n';
    const f = of(text, 'child-reporting-direction');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('blocker');
    expect(places(text, 'child-reporting-direction')).toContain('The boy’s');
  });
});

describe("the inspectors' and a court's own words for a finding", () => {
  it('"inspectors claim" and "the inspectors\' concerns" open a regulator\'s finding', () => {
    const text =
      'Ofsted inspectors claim that checks on staff at Little Acorns Nursery are poor and children are at risk.\n';
    expect(worst(text, 'regulator-finding')).not.toBe('none');
    const concerns =
      "The CQC inspectors' concerns were that residents at Elm Lodge were not safe at night.\n";
    expect(worst(concerns, 'regulator-finding')).not.toBe('none');
    const praise = 'Ofsted inspectors claim the nursery is a warm and happy place.\n';
    expect(worst(praise, 'regulator-finding')).toBe('none');
  });
  it('"severely criticised" pins blame like "strongly criticised"', () => {
    const text = 'The review severely criticised the chief executive, Dawn Hale, for the delays.\n';
    expect(worst(text, 'blame-pinned')).toBe('medium');
  });
  it("a court's finding that evidence was not credible is a check; a film's plot is not", () => {
    const court =
      'The judge found the landlord an unreliable witness whose account of the repairs was implausible.\n';
    expect(worst(court, 'credibility-finding')).toBe('medium');
    const review =
      'Film review: the plot of this heist caper is implausible and the ending contrived, but the cast are a joy.\n';
    expect(['none', 'low']).toContain(worst(review, 'credibility-finding'));
  });
});

describe('a breach laid at a small group, the other side carried, the street of an incident', () => {
  it("saying a council's members broke the code of conduct defames them as a group", () => {
    const text =
      'The mayor told the meeting that whichever councillor leaked the report had breached the code of conduct.\n';
    expect(worst(text, 'group-accused-of-breach')).toBe('medium');
    const neutral =
      'Members agreed a new code of conduct for the allotment society at the annual meeting.\n';
    expect(worst(neutral, 'group-accused-of-breach')).toBe('none');
    const negated =
      'No councillor has breached the code of conduct, the monitoring officer said.\n';
    expect(['none', 'low']).toContain(worst(negated, 'group-accused-of-breach'));
  });
  it('"no one was available" after something to answer is a check on the reply', () => {
    const text =
      'Inspectors rated Sunnybank Care Home inadequate after finding failures in medication.\n\nNo one from Sunnybank was available when the Gazette called on Tuesday.\n';
    expect(worst(text, 'reply-not-obtained')).toBe('medium');
    const prize = 'No one from the winning team was available to collect the cup on the night.\n';
    expect(['none', 'low']).toContain(worst(prize, 'reply-not-obtained'));
  });
  it('the reply and mitigation are a glance, never more', () => {
    const text =
      'Defending, Ruth Ames said her client had been drinking heavily after losing his job. Mr Doyle has always denied the charge.\n';
    expect(worst(text, 'response-carried')).toBe('low');
    expect(of(text, 'response-carried').length).toBeGreaterThan(0);
  });
  it('the street where police were called is a glance; police called to a match is not', () => {
    const street = 'Police were called to Larch Way in Hollins at about 2am on Sunday.\n';
    expect(worst(street, 'incident-street')).toBe('low');
    const estate = 'Officers forced entry to an address on the Meadowbank Estate.\n';
    expect(worst(estate, 'incident-street')).toBe('low');
    const match = 'Police were called to the match after fans threw flares.\n';
    expect(worst(match, 'incident-street')).toBe('none');
  });
  it('a voluntary interview under caution is a suspect interview', () => {
    const text =
      'Councillor Ian Platt attended a voluntary interview at a police station last week.\n';
    expect(worst(text, 'arrest-or-charge')).not.toBe('none');
    const work = 'Ian Platt does voluntary work at the food bank every week.\n';
    expect(worst(work, 'arrest-or-charge')).toBe('none');
  });
});

describe('the pass 2 rules on the harmless copy of the tuning split', () => {
  it('raise nothing at medium or above', () => {
    const ids = new Set([
      'uk-ew.investigating-office-holder',
      'uk-ew.group-accused-of-breach',
      'uk-ew.response-carried',
      'uk-ew.incident-street',
      'uk-ew.credibility-finding',
      'uk-ew.reply-not-obtained',
    ]);
    expect(harmlessTuningAlarms(LIVE, ids)).toEqual([]);
  });
});
