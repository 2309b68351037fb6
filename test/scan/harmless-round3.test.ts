// Corpus round 3 (stop 19), harmless copy: what a media lawyer uses to tell a false alarm from a
// risk — the kind of story (a death report, fundraising, a history feature, a tribunal), the
// sense of a word ("a glittering affair", "exposed to the wind"), who it is about (a dinosaur,
// a charity's cause), fiction and performance. Every change with hand-written copy (none of it
// from the corpus): the look-alike it clears and the risk it must keep.
import { describe, expect, it } from 'vitest';
import { readStory } from '../../src/core/scan/reading.js';
import { findingsOf, liveRules, worstOf } from '../helpers/rules.js';

const LIVE = await liveRules();
const worst = (text: string, id: string): string => worstOf(LIVE, text, id);
const of = (text: string, id: string) => findingsOf(LIVE, text, id);

describe('reading 2: the kinds of harmless copy, read from how they are written', () => {
  it('a death report that gives the age apart from "died" is an obituary', () => {
    const text =
      'Former county councillor Margaret Hale died at home on Monday, aged 79.\n\nColleagues spoke of her work for the town, and the council sent its condolences to her family.\n';
    expect(readStory(text, 2).kind).toBe('obituary');
    expect(readStory(text, 1).kind).not.toBe('obituary');
  });
  it('a court report that says a victim died, aged 19, is still a court report', () => {
    const text =
      'A man has pleaded not guilty to murder at Leeds Crown Court.\n\nThe victim died in hospital the next day, aged 19. The jury heard he had been stabbed.\n';
    expect(readStory(text, 2).kind).toBe('court-report');
  });
  it('fundraising said in other words reads as community news', () => {
    const text =
      'Cubs and scouts in Ashby raised nearly £900 for two local charities at their summer fair.\n\nThe leaders thanked every fund-raiser who baked, and said the money would go to the hospice and the food bank.\n';
    expect(readStory(text, 2).kind).toBe('community');
  });
  it("a decade of a past century makes a history feature; one old year in today's news does not", () => {
    const history =
      'Highway robbery was rife on the heath in the 1750s, when coaches crossed it at night.\n\nLocal lore says one robber hid his takings in the church tower.\n';
    expect(readStory(history, 2).kind).toBe('history');
    const today =
      'The Red Lion, built in 1847, reopened on Friday after a six-month refit.\n\nThe landlord said regulars had been queuing outside.\n';
    expect(readStory(today, 2).kind).not.toBe('history');
  });
  it('"a tribunal was told" makes a tribunal report, though the hearing awaits a "verdict"', () => {
    const text =
      'A warehouse worker who says she was harassed by a supervisor was not believed, a tribunal was told.\n\nShe is claiming constructive dismissal. The hearing ended on Friday and a verdict is due next week.\n';
    expect(readStory(text, 2).kind).toBe('tribunal');
  });
});

describe('children in community news and in reviews: a glance, not a check', () => {
  const fete =
    'Pupils at Oakfield Primary School held a cake sale at the village fete and raised £350 for charity.\n\nEight-year-old Poppy Lane sold the most cakes, and the school thanked every volunteer.\n';
  it("a school and a pupil's age in a fundraising story are low", () => {
    expect(worst(fete, 'children-schools')).toBe('low');
    expect(worst(fete, 'child-age')).toBe('low');
  });
  it("a child in a play's plot is low", () => {
    const review =
      'The production follows a 15-year-old girl who runs away from boarding school.\n\nThe cast are strong and the staging is clever; audiences at the theatre loved it.\n';
    expect(worst(review, 'child-age')).toBe('low');
    expect(worst(review, 'children-schools')).toBe('low');
  });
  it('a school and a child in general news stay a check', () => {
    const news =
      'Parents at a secondary school in Hartley have been told a teacher has been suspended.\n\nOne mother said her son, 14, was upset by the news.\n';
    expect(worst(news, 'children-schools')).toBe('medium');
    expect(worst(news, 'child-age')).toBe('medium');
  });
});

describe('fiction, venues and history', () => {
  it('a killer in a novel, named next to its author, is low; in news it is high', () => {
    const review =
      'In her debut thriller, Anna Reid sends a weary detective after a killer who leaves chalk marks.\n\nThe novel is gripping, and the plot twists to the last page.\n';
    expect(worst(review, 'guilt-assertion')).toBe('low');
    const news =
      'Neighbours said the killer, Mark Dunn, had lived quietly on the estate for years.\n';
    expect(worst(news, 'guilt-assertion')).toBe('high');
  });
  it("a theatre's postcode and box-office number in a review are low; in news they are a check", () => {
    const review =
      'The new production of the courtroom drama is at the Playhouse, Bridge Street, Exeter EX1 2AB, until Saturday; the cast are superb. Box office 01392 555123.\n';
    expect(worst(review, 'postcode')).toBe('low');
    expect(worst(review, 'phone-number')).toBe('low');
    const news =
      'The family, who live near Exeter EX1 2AB, asked to be left alone. Call 01392 555123.\n';
    expect(worst(news, 'postcode')).toBe('medium');
    expect(worst(news, 'phone-number')).toBe('medium');
  });
  it('the informants and homes of a history feature raise nothing; today they still do', () => {
    const history =
      'Smuggling gangs ruled this coast in the 1780s, and the customs service paid informants for every cargo seized.\n\nOne ringleader lived in a cottage by the harbour.\n';
    expect(worst(history, 'protected-roles')).toBe('none');
    expect(worst(history, 'locating-details')).toBe('none');
    const today =
      'Police informants helped officers find the gang, the court heard.\n\nThe ringleader lived in a flat above the shop.\n';
    expect(worst(today, 'protected-roles')).toBe('high');
    expect(worst(today, 'locating-details')).toBe('medium');
  });
});

describe('the sense of a word', () => {
  it('"as yet unnamed" is a death\'s wording only about a person or a death', () => {
    expect(
      worst('The as yet unnamed beetle was found in a quarry near Bath.\n', 'death-not-yet-named'),
    ).toBe('low');
    expect(worst('An as yet unnamed buyer has bought the old mill.\n', 'death-not-yet-named')).toBe(
      'low',
    );
    expect(
      worst('A man, as yet unnamed, died at the scene of the crash.\n', 'death-not-yet-named'),
    ).toBe('medium');
    expect(worst('His next of kin have been told.\n', 'death-not-yet-named')).toBe('medium');
  });
  it('"a glittering affair" is an occasion; an affair with someone is private life', () => {
    expect(worst('The awards night was a glittering affair.\n', 'private-life')).toBe('none');
    expect(worst('The derby was a one-sided affair.\n', 'private-life')).toBe('none');
    expect(worst('The minister had an affair with an aide.\n', 'private-life')).toBe('medium');
    expect(worst('She ended a brief affair last year.\n', 'private-life')).toBe('medium');
  });
  it('exposure to the weather is not a revelation; the outlet\'s "we can reveal" is', () => {
    expect(
      worst('Gusts of 70mph are likely on exposed roads and bridges.\n', 'strong-claims'),
    ).toBe('none');
    expect(worst('Hilltops exposed to the wind will see the worst of it.\n', 'strong-claims')).toBe(
      'none',
    );
    expect(worst('The most exposed coasts may see large waves.\n', 'strong-claims')).toBe('none');
    expect(worst('We can reveal the council paid £2m for the land.\n', 'strong-claims')).toBe(
      'medium',
    );
    expect(worst('A former officer exposed the scheme to the press.\n', 'strong-claims')).toBe(
      'medium',
    );
  });
  it('a speaker who "can reveal" their own plans, in quotation marks, is a glance', () => {
    const text = 'The organiser said: “I can reveal that the parade will start at the castle.”\n';
    expect(worst(text, 'strong-claims')).toBe('low');
  });
  it('bullying as a cause is said of no one; bullying by someone is an accusation', () => {
    expect(
      worst('The charity works to tackle bullying in schools.\n', 'dishonesty-accusation'),
    ).toBe('none');
    expect(
      worst(
        'The group discussed issues such as loneliness, bullying and debt.\n',
        'dishonesty-accusation',
      ),
    ).toBe('none');
    expect(worst('Staff accused the manager of bullying.\n', 'dishonesty-accusation')).toBe(
      'medium',
    );
    expect(
      worst('She said she experienced bullying by her line manager.\n', 'dishonesty-accusation'),
    ).toBe('medium');
  });
  it("science's hedging about animals and things is not hearsay; about a person it is", () => {
    expect(
      worst('The fossils are thought to be 120 million years old.\n', 'allegation-language'),
    ).toBe('none');
    expect(
      worst(
        'The councillor is thought to have sold the land to a friend.\n',
        'allegation-language',
      ),
    ).toBe('medium');
  });
});

describe('one problem said once, with its places (precision)', () => {
  it("a youth court story's anonymity points at where the child is referred to", () => {
    const text =
      'A 15-year-old boy appeared at Bristol youth court on Monday charged with robbery.\n\nThe boy, who cannot be named, spoke only to confirm his age.\n';
    const [f, ...rest] = of(text, 'youth-court');
    expect(rest).toEqual([]);
    expect(f!.severity).toBe('blocker');
    expect(f!.repeats?.map((r) => r.excerpt)).toContain('The boy');
  });
  it('an injunction named twice is one finding with two places', () => {
    const text =
      'A footballer has won an injunction banning a newspaper from naming him.\n\nThe gagging order was granted in the High Court on Tuesday.\n';
    const found = of(text, 'injunction');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('high');
    expect(found[0]!.repeats).toHaveLength(1);
  });
});
