// Issue #14, precision round 2: harmless real copy full of trap words (reviews of courtroom
// plays and true-crime documentaries, nature, obituaries of detectives, business copy about
// fraud, community stories with police in passing, history) and three rule-logic faults a
// newsroom lawyer noted. Hand-made controls: a harmless look-alike next to the risky sentence it
// resembles, each with the severity a media lawyer would give it under the live uk-ew rules.
import { describe, expect, it } from 'vitest';
import { readStory } from '../../src/core/scan/reading.js';
import { RulesFile, type Rule } from '../../src/core/scan/rules-schema.js';
import { scanReport, scanText } from '../../src/core/scan/scanner.js';
import { liveRules, ORDER, worstOf } from '../helpers/rules.js';

const LIVE = await liveRules();
const rules = (): Rule[] => LIVE;
/** The highest severity of rule `id`'s findings in `text`, or 'none'. */
const worst = (text: string, id: string): string => worstOf(LIVE, text, id);
/** The highest severity of any finding in `text`. */
function worstAny(text: string): string {
  return scanText(text, rules())
    .map((f) => f.severity as string)
    .reduce((a, b) => (ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a), 'none');
}

const PLAY_REVIEW = `Murder Trial Tonight

If you like Agatha Christie and whodunnit performances, then don't fail to catch this show.

The jury, the theatre's audience, is asked to cast its votes. The set never strays from the
courtroom. The scene is set with the murder of a woman, played by Jane Allen, through a short
film. The judge, played by Karen Winter, lets the prosecuting counsel bully the man who stands
accused of killing her, played by Gavin Moll. The cast are strong, and the production keeps the
audience guessing up to the interval, when the defendant is in the dock.`;

const COURT_REPORT = `A man accused of killing his wife told the jury he was at work when she died.

John Smith, 45, of Mill Lane, Leeds, denies murder. Leeds Crown Court heard that Mrs Smith was
found dead at their home in March. Prosecuting, Ann Jones said Smith had lied to police. The
trial continues.`;

const DOCUMENTARY_REVIEW = `A woman vanishes, then her husband is sentenced to life in prison for her
murder. That is the crux of ITV's new four-part documentary series, in which a former detective
revisits the closed case. He interviews people who knew the convicted murderer, and the
to-camera interviews with her daughter are hard to watch. Unlike other true-crime series, the
investigation is sensitive, and viewers will be hooked by every episode.`;

const DETECTIVE_OBITUARY = `The retired detective who led the investigation into one of the county's
biggest ever murder cases has died at the age of 98.

Harold Wright helped bring serial killer Donald Neilson to justice after a string of violent
crimes in the 1970s. He discovered the body of Lesley Whittle, 17, who had been kidnapped.
Following a stroke, he died in hospital. His widow Kathleen, 93, paid tribute. He leaves behind
three grandchildren and was described as a true gentleman who had a long career.`;

const HISTORY = `Before 1868, public executions played a leading role in London life. Between
the 12th century and 1848, tens of thousands of prisoners were put to death at Tyburn and
Newgate, from enemies of the state to murderers and petty thieves. Historians say the Bloody Code
listed more than 200 capital crimes. A girl of 13 appeared in the dock at Southwark police court
in 1847, accused of stabbing a younger child, and was hanged for murder in the 1840s, the
archives show.`;

const NATURE = `Scientists have recorded killer whales hunting grey whales in Monterey Bay.
Marine biologist Nancy Black said the pod had killed four whales in eight days, hanging around
for their prey. The orcas attack calves and face a counterattack from their mothers. The species
is the ocean's top predator.`;

describe('reading 2 reads harmless copy as what it is', () => {
  it('a review of a courtroom play reads as a review (reading 1 took it for a trial)', () => {
    expect(readStory(PLAY_REVIEW, 1).kind).toBe('court-report');
    expect(readStory(PLAY_REVIEW, 2).kind).toBe('review');
  });
  it('a review of a true-crime documentary reads as a review', () => {
    expect(readStory(DOCUMENTARY_REVIEW, 2).kind).toBe('review');
  });
  it('a real court report still reads as a court report, at its stage', () => {
    const r = readStory(COURT_REPORT, 2);
    expect(r.kind).toBe('court-report');
    expect(r.stage).toBe('trial');
  });
  it('a detective obituary reads as an obituary; history and nature have their own readings', () => {
    expect(readStory(DETECTIVE_OBITUARY, 2).kind).toBe('obituary');
    expect(readStory(HISTORY, 2).kind).toBe('history');
    expect(readStory(HISTORY, 1).kind).not.toBe('history');
    expect(readStory(NATURE, 2).kind).toBe('health-science');
  });
  it('a sports report still needs half as much again to outweigh a court case', () => {
    const text =
      'The striker was convicted of assault at Leeds Crown Court and jailed. The club captain, ' +
      'the manager and the squad said the season goes on; the midfielder scored two goals.';
    expect(readStory(text, 2).kind).toBe('court-report');
  });
  it('is opt-in: a rules file without `reading: 2` reads with reading 1', () => {
    const base = {
      id: 't.proceedings',
      section: 'restrictions',
      severity: 'high',
      message: 'm',
      questions: ['restrictions.q'],
      match: { terms: ['the jury'] },
      context: { 'unless-reading': ['review'] },
    };
    const one = RulesFile.parse({ scanner: 2, rules: [base] }).rules;
    const two = RulesFile.parse({ scanner: 2, reading: 2, rules: [base] }).rules;
    expect(two[0]!.context?.reading).toBe(2);
    expect(scanReport(PLAY_REVIEW, one).reading?.kind).toBe('court-report');
    expect(scanText(PLAY_REVIEW, one).map((f) => f.rule)).toEqual(['t.proceedings']);
    expect(scanReport(PLAY_REVIEW, two).reading?.kind).toBe('review');
    expect(scanText(PLAY_REVIEW, two)).toEqual([]);
    expect(RulesFile.safeParse({ reading: 2, rules: [base] }).success).toBe(false);
  });
  it('reading-cap may be a list: each cap whose kinds include the reading applies', () => {
    const capped = RulesFile.parse({
      scanner: 2,
      reading: 2,
      rules: [
        {
          id: 't.crime',
          section: 'defamation',
          severity: 'high',
          message: 'm',
          questions: ['defamation.q'],
          match: { terms: ['murder'] },
          context: {
            'reading-cap': [
              { to: 'medium', kinds: ['court-report'] },
              { to: 'low', kinds: ['obituary', 'history'] },
            ],
          },
        },
      ],
    }).rules;
    const sev = (t: string) => scanText(t, capped).map((f) => f.severity);
    expect(sev(COURT_REPORT)).toEqual(['medium']);
    expect(sev(DETECTIVE_OBITUARY)).toEqual(['low']);
    expect(sev('Police say the murder was planned.')).toEqual(['high']);
  });
});

describe('harmless look-alikes stay below high under the live rules', () => {
  it.each([PLAY_REVIEW, DOCUMENTARY_REVIEW, DETECTIVE_OBITUARY, HISTORY, NATURE])(
    'no high or blocker in: %s',
    (text) => expect(ORDER.indexOf(worstAny(text))).toBeLessThan(ORDER.indexOf('high')),
  );
  it('the court report next to them is still high', () => {
    expect(worstAny(COURT_REPORT)).toMatch(/high|blocker/);
  });
});

describe('rules read the sense of the words', () => {
  it.each([
    ['suicide-method', 'Volunteers replanted the hanging baskets outside the library.', 'none'],
    ['suicide-method', 'The orcas were hanging around waiting for their prey.', 'none'],
    [
      'suicide-method',
      'He was found hanging at his home; his death is not being treated as suspicious.',
      'high',
    ],
    [
      'crime-accusation',
      'James Baston-Pitt said fraud prevention spending is rising across the sector.',
      'none',
    ],
    [
      'crime-accusation',
      'James Baston-Pitt said his partner had committed fraud at the firm.',
      'high',
    ],
    [
      'no-reply-recorded',
      'Alloy boss James Baston-Pitt said anti-fraud rules are among the strictest.',
      'none',
    ],
    ['allegation-language', 'According to new figures from the AA, premiums fell by 10%.', 'none'],
    [
      'allegation-language',
      'According to a source, councillor Jim Hill took cash from developers.',
      'medium',
    ],
    [
      'civil-or-appeal',
      'The FA will not appeal against the regulatory commission; the striker scored twice this season and the manager, captain and squad accepted the ban on appeal.',
      'none',
    ],
    [
      'civil-or-appeal',
      'Smith has lodged an appeal against his conviction at the Court of Appeal.',
      'medium',
    ],
  ])('%s on "%s": %s', (id, text, want) => expect(worst(text, id)).toBe(want));

  it('an obituary of a detective: crimes of his career are a glance, relatives are not flagged', () => {
    expect(worst(DETECTIVE_OBITUARY, 'crime-accusation')).toBe('low');
    expect(worst(DETECTIVE_OBITUARY, 'no-reply-recorded')).toBe('none');
    expect(worst(DETECTIVE_OBITUARY, 'guilt-assertion')).toMatch(/none|low/);
    expect(worst(DETECTIVE_OBITUARY, 'possessive-relative')).toBe('none');
  });
  it('a review names no real suspect: "arrested on suspicion" in a plot is not a privacy risk', () => {
    const review =
      'The play follows Leonard Vole, who is arrested on suspicion of murder. The cast are ' +
      'superb, the production is immersive and the audience acts as the jury; the audience ' +
      'cheered the performances at the interval.';
    expect(worst(review, 'suspect-not-charged')).toBe('none');
    expect(
      worst('John Smith, 45, was arrested on suspicion of fraud on Monday.', 'suspect-not-charged'),
    ).toBe('high');
  });
});

describe("a newsroom lawyer's three notes", () => {
  it.each([
    // formal-warning: "inappropriate behaviour" alone is a description, not a sanction.
    [
      'formal-warning',
      'The headteacher said pupils were spoken to about inappropriate behaviour on the bus.',
      'low',
    ],
    [
      'formal-warning',
      'Councillor John Smith was given a formal warning for inappropriate behaviour towards staff.',
      'medium',
    ],
    [
      'formal-warning',
      'The officer faces a misconduct hearing over inappropriate behaviour towards a colleague.',
      'medium',
    ],
    // legal-advice: the lawyer merely near "leaked" is a check; the leaked advice is high.
    [
      'legal-advice',
      "A leaked email shows the council's lawyer was at the meeting where the plans were discussed.",
      'medium',
    ],
    [
      'legal-advice',
      "Legal advice from the council's lawyer, leaked to the Echo, warned the scheme was unlawful.",
      'high',
    ],
    [
      'legal-advice',
      'But leaked emails between the council and its lawyer show it delayed the request.',
      'high',
    ],
    // identity-protected: a plain "identity of the man" is not a protected identity.
    [
      'identity-protected',
      'Police have not released the identity of the man who died in the crash.',
      'low',
    ],
    [
      'identity-protected',
      'No further information was provided about the identity of the man, police said after the arrest.',
      'low',
    ],
    [
      'identity-protected',
      'The identity of the man cannot be revealed for legal reasons after the judge made an anonymity order.',
      'high',
    ],
    [
      'identity-protected',
      'Naming the school could create an information jigsaw identifying the boy.',
      'high',
    ],
  ])('%s on "%s": %s', (id, text, want) => expect(worst(text, id)).toBe(want));
});

describe('the round-2 rules (the "2.1.0 round 2: precision" block), with look-alikes', () => {
  it.each([
    [
      'probe-or-complaint',
      'David Poole faces a probe into whether he properly declared his interest in a firm.',
      'medium',
    ],
    [
      'probe-or-complaint',
      'Police launched an investigation following a formal complaint about Cllr David Hughes.',
      'medium',
    ],
    [
      'probe-or-complaint',
      'The council has launched an investigation into why the bins were not collected.',
      'low',
    ],
    [
      'probe-or-complaint',
      'The striker faces a probe by the FA after the match; the club, the manager, the captain and the squad said the season goes on and he scored two goals.',
      'none',
    ],
    [
      'counter-accusation',
      'He said the residents group had been distributing unfounded and damaging falsehoods.',
      'medium',
    ],
    [
      'counter-accusation',
      'The police should consider the time wasted by the people behind this farce.',
      'medium',
    ],
    [
      'counter-accusation',
      'The report found the claim about the bridge was among several falsehoods in the leaflet.',
      'low',
    ],
    [
      'source-within',
      'However, a source within the Labour Party said that was not the view of the group.',
      'medium',
    ],
    ['source-within', 'BBC Wales has learned that it concerns his holding of shares.', 'medium'],
    ['source-within', 'The library is a valuable source of information within the town.', 'none'],
  ])('%s on "%s": %s', (id, text, want) => expect(worst(text, id)).toBe(want));
});
