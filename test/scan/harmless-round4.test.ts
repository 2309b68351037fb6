// Corpus round 4 (stop 20), harmless copy: precision that generalises. Each change follows what a
// media lawyer uses to tell a false alarm from a risk, across rules rather than for one phrase:
// an anonymity cipher needs proceedings to come from; a school is an institution until the story
// points at a child; attribution carries hearsay only when it is said of someone; a child's age
// is an anonymity question where there are proceedings, a police matter or a complaint; the sense
// of "affairs", of a wrong taught as a subject, of crime measured or suffered; a mailbox published
// to be used; a page of reviews read as reviews. Every case is hand-written (none of it from the
// corpus), with the risk it must keep beside the look-alike it clears.
import { describe, expect, it } from 'vitest';
import { readStory } from '../../src/core/scan/reading.js';
import { findingsOf, harmlessTuningAlarms, liveRules, worstOf } from '../helpers/rules.js';

const LIVE = await liveRules();
const worst = (text: string, id: string): string => worstOf(LIVE, text, id);
const of = (text: string, id: string) => findingsOf(LIVE, text, id);

describe('a letter for a name is an anonymity order only where there are proceedings', () => {
  it("a feature's shorthand for someone it has named is a glance", () => {
    const feature =
      'Our piano teacher, Mrs Pemberton, lived at the end of the lane.\n\nYears later I went back to the village with Mrs P in mind, and found her house had become a cafe.\n';
    expect(worst(feature, 'withheld-name')).toBe('low');
  });
  it('in a court report, or near court words, it stays high', () => {
    const court =
      'A woman, known only as Mrs P, gave evidence from behind a screen at Leeds Crown Court.\n\nThe defendant denies the charge.\n';
    expect(worst(court, 'withheld-name')).toBe('high');
    const hearing =
      'Witness B told the hearing that she had seen the van outside the depot that night.\n';
    expect(worst(hearing, 'withheld-name')).toBe('high');
  });
});

describe('a school is an institution until the story points at a child', () => {
  const opening =
    'Staff and pupils at Brookfield Primary School celebrated the opening of four new classrooms on Friday.\n\nThe school, which has 300 pupils, also has a new library, and the secondary school next door lent its hall for the ceremony.\n';
  it("a school's new building and its pupils as a body are one glance for the story", () => {
    expect(worst(opening, 'children-schools')).toBe('low');
    expect(of(opening, 'children-schools')).toHaveLength(1);
  });
  it('an inspection report about the school is a glance', () => {
    const inspection =
      'Inspectors rated Millbrook Academy good in every area after a two-day visit.\n\nThe report said pupils behave well and the curriculum is ambitious.\n';
    expect(worst(inspection, 'children-schools')).toBe('low');
  });
  it('a school near a child the story points at stays a check', () => {
    const boy =
      'A boy at Brookfield Primary School was taken home early after a fall in the playground.\n';
    expect(worst(boy, 'children-schools')).toBe('medium');
    const aged =
      'Ella Shaw, 11, told her classmates about the fire before the school called her parents.\n';
    expect(worst(aged, 'children-schools')).toBe('medium');
    const gates = 'Parents gathered at the school gates on Monday morning.\n';
    expect(worst(gates, 'children-schools')).toBe('medium');
  });
});

describe('attribution carries hearsay only when it is said of someone', () => {
  it('"according to" figures, an index or a company about its own plans is a glance', () => {
    expect(
      worst(
        'Prices rose 2% last month, according to the lender’s own index.\n',
        'allegation-language',
      ),
    ).toBe('low');
    expect(
      worst(
        'According to the firm, the new plant will create 40 jobs by the spring.\n',
        'allegation-language',
      ),
    ).toBe('low');
    expect(
      worst('Half of all commuters are said to prefer the earlier train.\n', 'allegation-language'),
    ).toBe('low');
  });
  it('said of a named person, a person known by role or pronoun, or a wrong, it stays a check', () => {
    expect(
      worst('According to a neighbour, he kicked the dog in the street.\n', 'allegation-language'),
    ).toBe('medium');
    expect(
      worst('John Marsh is said to have kept the takings himself.\n', 'allegation-language'),
    ).toBe('medium');
    expect(
      worst('The head teacher is believed to have ignored the warnings.\n', 'allegation-language'),
    ).toBe('medium');
    expect(
      worst('Money is believed to have been stolen from the till.\n', 'allegation-language'),
    ).toBe('medium');
  });
  it('the words of an allegation themselves stay a check with no one near', () => {
    expect(
      worst(
        'The claims were denied. It is alleged the money went missing.\n',
        'allegation-language',
      ),
    ).toBe('medium');
    expect(worst('Sources said the deal would collapse.\n', 'allegation-language')).toBe('medium');
  });
});

describe("a child's age is an anonymity question where there are proceedings or a complaint", () => {
  it('a child performing at a public event is a glance', () => {
    const opening =
      'The new library opened on Saturday with readings and music.\n\nNine-year-old Amelia Hart played the cello, and the mayor cut the ribbon.\n';
    expect(worst(opening, 'child-age')).toBe('low');
  });
  it('"stole the show" is not a crime near the child', () => {
    const show =
      'Ten-year-old Sam Price stole the show with his magic tricks at the summer fair.\n';
    expect(worst(show, 'child-age')).toBe('low');
  });
  it('near an arrest, a crime, a court or a complaint it stays a check', () => {
    expect(
      worst('A 15-year-old boy has been arrested after a shop window was smashed.\n', 'child-age'),
    ).not.toMatch(/none|low/);
    expect(
      worst('Police said a 13-year-old girl was assaulted on the way home.\n', 'child-age'),
    ).not.toMatch(/none|low/);
    expect(
      worst(
        'A teacher has been suspended after a complaint by a 12-year-old pupil.\n',
        'child-age',
      ),
    ).not.toMatch(/none|low/);
  });
});

describe('the sense of a word', () => {
  it('"affairs" as a field of business is not private life; an affair with someone is', () => {
    expect(
      worst(
        'Ruth Dale, director of public affairs at the trust, thanked donors.\n',
        'private-life',
      ),
    ).toBe('none');
    expect(
      worst('She presents a current affairs programme on local radio.\n', 'private-life'),
    ).toBe('none');
    expect(worst('The secretary had been conducting affairs of the heart.\n', 'private-life')).toBe(
      'medium',
    );
    expect(worst('The MP had an affair with a researcher.\n', 'private-life')).toBe('medium');
  });
  it('a wrong taught or talked about as a subject is said of no one', () => {
    expect(
      worst(
        'Pupils learn about racism, exclusion and bullying in weekly assemblies.\n',
        'dishonesty-accusation',
      ),
    ).toBe('none');
    expect(
      worst('The nurse gave a talk on neglect of older people.\n', 'dishonesty-accusation'),
    ).toBe('none');
    expect(
      worst('Three staff said they were bullied by the head teacher.\n', 'dishonesty-accusation'),
    ).toBe('medium');
  });
  it('crime suffered or measured accuses no one; a crime said of a named person does', () => {
    expect(
      worst('Small firms lost £2m to fraud last year, a trade body said.\n', 'crime-accusation'),
    ).toBe('none');
    expect(
      worst('Banks are worried by rising levels of fraud on mobile apps.\n', 'crime-accusation'),
    ).toBe('none');
    expect(
      worst('Many pensioners fell victim to scams during the winter.\n', 'crime-accusation'),
    ).toBe('none');
    expect(
      worst('Customers lost £5,000 to fraud by Kevin Blake, the trader.\n', 'crime-accusation'),
    ).not.toMatch(/none|low/);
    expect(worst('John Smith stole £2,000 from the bowls club.\n', 'crime-accusation')).toBe(
      'high',
    );
  });
  it("a published mailbox or a byline's address is a glance; a person's own address is a check", () => {
    expect(
      worst('Tickets are available from boxoffice@riverside-hall.org.uk.\n', 'email-address'),
    ).toBe('none');
    const byline =
      'Library reopens after refit\nby Tom Baker\ntbaker@westgazette.co.uk\nThe library reopened on Monday.\n';
    expect(worst(byline, 'email-address')).toBe('none');
    expect(
      worst('Her address, jane.shaw77@gmail.com, was in the leaked file.\n', 'email-address'),
    ).toBe('medium');
  });
});

describe("an address locates a person when it is someone's home", () => {
  it('a house for sale is published by its agent', () => {
    const sale =
      'Property of the week: a four-bedroom Edwardian semi at 22 Orchard Road, Frome, on the market for £650,000.\n';
    expect(worst(sale, 'street-address')).toBe('none');
  });
  it("an address with no one living there named is a check; a named person's home is high", () => {
    expect(
      worst('The new bakery at 3 Market Street opens on Saturday morning.\n', 'street-address'),
    ).toBe('medium');
    expect(
      worst(
        'Police were called to the home of Mary Walsh at 9 Ash Grove on Sunday.\n',
        'street-address',
      ),
    ).toBe('high');
    expect(
      worst('The couple have lived at 41 Kings Road for thirty years.\n', 'street-address'),
    ).toBe('high');
  });
});

describe('a genre is not a crime', () => {
  it('"murder mystery" is a genre; a murder said of someone is not', () => {
    const genre =
      'The hotel hosts a murder mystery dinner every Friday, with actors from the town.\n';
    expect(worst(genre, 'crime-accusation')).toBe('none');
    expect(worst(genre, 'legal-terms')).toBe('none');
    expect(
      worst('Detectives said Alan Pike committed the murder in 1998.\n', 'crime-accusation'),
    ).toBe('high');
  });
});

describe('reading 2: a work of fiction that "follows" its story', () => {
  it('a short film review full of courtroom words reads as a review', () => {
    const review =
      'The film follows a detective who is accused of murder and must clear his name before the trial. The jury scenes are tense and the verdict is a shock.\n\nIt opens in cinemas on Friday.\n';
    expect(readStory(review, 2).kind).toBe('review');
    expect(worst(review, 'court-proceedings')).not.toBe('high');
  });
  it('news of a real trial is still a court report', () => {
    const court =
      'A detective accused of murder told the jury he was at home that night.\n\nThe trial at Bristol Crown Court continues.\n';
    expect(readStory(court, 2).kind).toBe('court-report');
  });
});

describe('anonymity protects a complainant: high needs a case', () => {
  it("a charity's cause is a check, a conference on tackling it names no one", () => {
    expect(
      worst(
        'The charity, which supports women affected by FGM and forced marriage, opened a new centre on Monday.\n',
        'sexual-offence',
      ),
    ).toBe('medium');
    expect(
      worst(
        'A conference on tackling human trafficking was held at the university, with speakers from the police.\n',
        'sexual-offence',
      ),
    ).toBe('none');
  });
  it("a dog's grooming is another sense; a novel's plot is a glance", () => {
    expect(
      worst(
        'The new dog grooming parlour on King Street offers baths and trims.\n',
        'sexual-offence',
      ),
    ).toBe('none');
    expect(
      worst(
        'The novel follows a girl who is groomed by her teacher; the author handles it with great care.\n',
        'sexual-offence',
      ),
    ).toBe('low');
  });
  it('a case, with a victim, an accused or the police, stays high', () => {
    expect(
      worst(
        'A man has been charged after a woman was raped in a park in Leeds, police said.\n',
        'sexual-offence',
      ),
    ).toBe('high');
    expect(
      worst(
        'The girl was groomed online for months before she told her mother.\n',
        'sexual-offence',
      ),
    ).toBe('high');
  });
});

describe('subterfuge, a number plate and a spy agency, by who and what they are about', () => {
  it('filming wildlife undercover is not subterfuge on people; a reporter posing as a buyer is', () => {
    expect(
      worst(
        'The film crew went undercover, hiding a camera in a log beside the badger sett.\n',
        'subterfuge',
      ),
    ).toBe('none');
    expect(
      worst('Our reporter posed as a buyer and secretly filmed the dealer.\n', 'subterfuge'),
    ).toBe('high');
  });
  it('a car at auction is listed by its seller; a car outside a home locates someone', () => {
    expect(
      worst(
        'The 1967 Mini Cooper, registration GRX 311D, sold at auction for £42,000.\n',
        'vehicle-registration',
      ),
    ).toBe('none');
    expect(
      worst(
        'His blue van, registration KP19 XZT, is parked outside every night.\n',
        'vehicle-registration',
      ),
    ).toBe('high');
  });
  it("a museum's gallery on MI5 is history; an operation today is a check", () => {
    expect(
      worst(
        'The museum has opened a new gallery on wartime codebreakers and MI5.\n',
        'defence-intelligence',
      ),
    ).toBe('none');
    expect(
      worst(
        'MI5 officers were watching the flat in the weeks before the arrests.\n',
        'defence-intelligence',
      ),
    ).toBe('high');
  });
  it("the judge of a county show is no court near a child's age", () => {
    expect(
      worst(
        'The judge at the county show awarded the rosette to a six-year-old and her pony.\n',
        'child-age',
      ),
    ).toBe('low');
    expect(
      worst('The judge told the court the 14-year-old could not be named.\n', 'child-age'),
    ).not.toMatch(/none|low/);
  });
});

describe('the one a crime happened to, and a death that names a court once', () => {
  it('a victim introduced by "who was", or an attack by an unnamed agent, accuses no one', () => {
    expect(
      worst(
        'A teenager who was stabbed in the town centre last year has finished the London Marathon.\n',
        'crime-accusation',
      ),
    ).toBe('none');
    expect(
      worst(
        'Farmer Jill Owen, whose flock was attacked by a dog last spring, won a prize at the show.\n',
        'crime-accusation',
      ),
    ).toBe('none');
    expect(
      worst('Their assault on the title began with a 3-0 win at home.\n', 'crime-accusation'),
    ).toBe('none');
  });
  it('an attack by a named person, or in the active voice, is still an accusation', () => {
    expect(
      worst(
        'A teenager who was stabbed by Liam Cox in the town centre has left hospital.\n',
        'crime-accusation',
      ),
    ).toBe('high');
    expect(
      worst('Gary Holt attacked the farmer with a spade, neighbours said.\n', 'crime-accusation'),
    ).toBe('high');
  });
  it("a judge's obituary that names the court once reads as an obituary", () => {
    const obituary =
      'Judge Mary Holt, who sat at Bristol Crown Court for 20 years, has died aged 79.\n\nLawyers said she was fair and kind, and her funeral will be at the cathedral.\n';
    expect(readStory(obituary, 2).kind).toBe('obituary');
    expect(readStory(obituary, 1).kind).toBe('court-report');
    expect(worst(obituary, 'court-proceedings')).not.toBe('high');
  });
  it('a court report that mentions a death is still a court report', () => {
    const court =
      'A man has died aged 58, days after he was jailed at Bristol Crown Court.\n\nThe jury had found him guilty of fraud and he was sentenced to four years.\n';
    expect(readStory(court, 2).kind).toBe('court-report');
  });
});

describe('reading 2: a page of reviews reads as reviews', () => {
  const page =
    'Quiet Harbour review - a patient, moving debut\n\nThe first feature film from the writer-director is a study of grief in a fishing town; it opens in cinemas on Friday.\n\nNight Shift review - tense and clever\n\nThe filmmaker keeps the camera close to the nurses and never looks away.\n';
  it('review headlines and filmmaking words make a review (reading 2 only)', () => {
    expect(readStory(page, 2).kind).toBe('review');
    expect(readStory(page, 1).kind).not.toBe('review');
  });
  it('a review headline in a court story does not outweigh the court', () => {
    const court =
      'Case review - council criticised\n\nThe mother was jailed at Leeds Crown Court last year after the jury heard the boy had been neglected.\n';
    expect(readStory(court, 2).kind).toBe('court-report');
  });
});

describe('the round 4 changes on the harmless tuning copy', () => {
  it('raise no medium finding of the rules they narrowed', () => {
    const ids = new Set(
      [
        'withheld-name',
        'children-schools',
        'allegation-language',
        'child-age',
        'private-life',
        'dishonesty-accusation',
        'email-address',
        'street-address',
        'legal-terms',
        'sexual-offence',
        'subterfuge',
        'vehicle-registration',
        'defence-intelligence',
      ].map((id) => `uk-ew.${id}`),
    );
    expect(harmlessTuningAlarms(LIVE, ids)).toEqual([]);
  });
});
