// uk-ew 2.1.0, corpus round 3 (risky copy): the rules the new real risky articles showed were
// missing or too loose, judged on newsroom phrasing written for this test (not copied from the
// corpus). Each case names what a lawyer would flag and a look-alike it must stay silent or low
// on; and none of the "2.1.0 round 3: risky recall" block is above low on the harmless articles
// of the corpus's tuning split.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Rule } from '../../src/core/scan/rules-schema.js';
import { scanText } from '../../src/core/scan/scanner.js';
import { harmlessTuningAlarms, liveRules, worstOf } from '../helpers/rules.js';

let rules: Rule[] = [];
beforeAll(async () => {
  rules = await liveRules();
});

/** The rules of the "2.1.0 round 3: risky recall" block. */
const BLOCK = [
  'jury-out',
  'anonymity-granted',
  'withheld-by-court',
  'investigating-complaints-about',
  'address-sought',
  'treatment-of-person',
  'regulator-finding',
  'not-proven',
  'personal-care-detail',
  'child-health',
  'overheard-evidence',
  'home-searched',
  'photographed-at-home',
  'unnamed-insider',
];

describe('2.1.0 round 3 risky recall: new rules, by the reasoning a lawyer uses', () => {
  it.each([
    // the stage of proceedings: the jury is out
    [
      'jury-out',
      'The jury retired to consider its verdicts on Tuesday afternoon and will return tomorrow.',
      'blocker',
    ],
    [
      'jury-out',
      'Jurors were sent out to consider their verdict after a week of evidence.',
      'blocker',
    ],
    // once the verdict is in the copy, the deliberations are history
    [
      'jury-out',
      'The jury retired to consider its verdict at noon. Owen Hart was found guilty of theft two hours later.',
      'none',
    ],
    // a show's judges are no jury
    [
      'jury-out',
      'The judges retired to consider their verdict on the best pie at the village show.',
      'low',
    ],
    // an order that someone is not to be identified
    [
      'anonymity-granted',
      'The chair of the misconduct hearing granted the sergeant anonymity.',
      'high',
    ],
    [
      'anonymity-granted',
      'The coroner decided not to identify the teenager who found the body.',
      'high',
    ],
    ['anonymity-granted', 'The lottery winner was granted anonymity by the organisers.', 'medium'],
    ['anonymity-granted', 'The charity offers every donor anonymity if they ask.', 'none'],
    // what the judgment withheld, supplied by the copy
    [
      'withheld-by-court',
      'The judgment did not name the council, but the Echo has learned it was Eastshire. The family court judge made a care order.',
      'high',
    ],
    ['withheld-by-court', 'Police did not name the driver.', 'none'],
    // an inquiry into complaints about a named person who is not charged
    [
      'investigating-complaints-about',
      'Detectives are investigating complaints about Jane Smith, the club treasurer.',
      'high',
    ],
    [
      'investigating-complaints-about',
      'The parish council is looking into complaints about Jane Smith and her dog.',
      'medium',
    ],
    [
      'investigating-complaints-about',
      'Police are investigating complaints about speeding on Mill Lane.',
      'none',
    ],
    // where people live, sought or shared
    ['address-sought', 'Trolls tried to find out their home addresses after the vote.', 'high'],
    ['address-sought', 'Voters must give their home address on the form.', 'none'],
    ['address-sought', 'Police stressed that nobody had shared his home address.', 'low'],
    // health, about a person carried by a name or a pronoun
    [
      'treatment-of-person',
      'Tom Baxter underwent two operations on his knee last spring.',
      'medium',
    ],
    ['treatment-of-person', 'She was later detained under the Mental Health Act.', 'medium'],
    ['treatment-of-person', 'The hospital says 40 patients underwent surgery last week.', 'low'],
    // a regulator's adverse finding about a provider
    [
      'regulator-finding',
      'Inspectors found residents were at risk of harm at Oakfield House, the CQC report says.',
      'medium',
    ],
    ['regulator-finding', 'Ticket inspectors found errors in the new bus timetable.', 'low'],
    // allegations found not proven
    [
      'not-proven',
      'The panel found four of the allegations against Dr Amy Cole not proven.',
      'medium',
    ],
    ['not-proven', 'It is not proven that the new fertiliser helps tomatoes grow.', 'low'],
    // residents' intimate care from an inspection; a hotel's laundry is nobody's care
    [
      'personal-care-detail',
      'Inspectors found one resident had been left in wet bedding overnight at Elm Lodge care home.',
      'medium',
    ],
    ['personal-care-detail', 'The hotel laundry handles soiled linen from three sites.', 'none'],
    // a child's health in a named family; a school's talk is about no child in particular
    [
      'child-health',
      "Amy Doyle said their son's asthma got worse after the damp spread to his bedroom.",
      'medium',
    ],
    ['child-health', "The school hosts a talk on children's mental health next week.", 'low'],
    // what was overheard, as evidence for an allegation; a chat on a bus is not
    [
      'overheard-evidence',
      'A colleague told the tribunal he overheard the manager promising the contract to a friend.',
      'medium',
    ],
    [
      'overheard-evidence',
      'She overheard a lovely conversation on the bus, she told the book club.',
      'low',
    ],
    // a police search of a named person's home (Richard v BBC); a cat hunt is no search
    [
      'home-searched',
      "Police officers with a warrant searched Cllr Dan Hale's house and took away two laptops.",
      'high',
    ],
    ['home-searched', 'Detectives raided the home of Mark Rudd on Tuesday morning.', 'high'],
    ['home-searched', "Volunteers searched Sally's garden shed for the missing cat.", 'none'],
    // pictures taken at someone's home; the family's own photos are not "taken outside"
    [
      'photographed-at-home',
      'Pictures taken outside his Surrey home show the singer in a dressing gown.',
      'medium',
    ],
    [
      'photographed-at-home',
      'The photos at their home show the couple with the new kitten, which they shared on Instagram.',
      'none',
    ],
    // an unnamed insider against the organisation; praise of the canteen is not
    [
      'unnamed-insider',
      'One member of staff said managers ignored the concerns for months.',
      'medium',
    ],
    ['unnamed-insider', 'One worker said the new canteen was a big improvement.', 'low'],
  ])('%s on "%s" is %s', (id, text, severity) => {
    expect(worstOf(rules, text, id)).toBe(severity);
  });
});

describe('2.1.0 round 3 risky recall: existing rules widened or narrowed in place', () => {
  it.each([
    // a leak in other grammatical forms
    ['leaked-material', 'A councillor has been leaking confidential papers to residents.', 'high'],
    // paid sex and sexual acts are intimate life; a charity's clients are nobody identified
    ['sexual-life', 'The officer paid for sex while off duty, the panel found.', 'medium'],
    ['sexual-life', 'A charity supporting sex workers opened a drop-in centre in the city.', 'low'],
    // collusion is dishonesty said of someone
    ['dishonesty-accusation', 'The firm says Ms Price colluded with a supplier.', 'medium'],
    // a whistleblower is one wherever the copy names them; "speaking out" needs a workplace
    ['whistleblower', 'Inspectors spoke to nine whistleblowers during the visit.', 'high'],
    ['whistleblower', 'He won praise after speaking out about the bus timetable.', 'low'],
    // a bereaved family's own words are a glance for grief
    ['grief', 'His family said they were devastated.', 'low'],
    // orders that place a child are family proceedings, near a court
    [
      'family-court',
      'The judge made a special guardianship order in favour of the girl\u2019s aunt.',
      'high',
    ],
    ['family-court', 'The charity is recruiting foster carers across the county.', 'low'],
    // a cardio-respiratory arrest and a Mental Health Act detention are not arrests
    ['arrest-or-charge', 'He died of a cardio-respiratory arrest, the inquest heard.', 'none'],
    ['arrest-or-charge', 'She was later detained under the Mental Health Act.', 'none'],
    ['arrest-or-charge', 'Jon Hale was arrested at his home on Tuesday.', 'high'],
    // in a court report the reply is the plea and the defence: a check, not a missing reply
    [
      'no-reply-recorded',
      'Dean Cole, 30, stabbed his neighbour in a row over parking, Durham Crown Court heard. Cole was jailed for six years after he pleaded guilty.',
      'medium',
    ],
    [
      'no-reply-recorded',
      'Dean Cole stabbed his neighbour in a row over parking last year, residents say.',
      'high',
    ],
  ])('%s on "%s" is %s', (id, text, severity) => {
    expect(worstOf(rules, text, id)).toBe(severity);
  });

  it('sexual-offence also points at the complainant carried by a pronoun', () => {
    const text =
      'The court heard he raped the woman in 2019. Police praised her courage in coming forward.';
    const found = scanText(text, rules).filter((f) => f.rule === 'uk-ew.sexual-offence');
    expect(found).toHaveLength(1);
    expect(found[0]!.repeats?.map((r) => r.excerpt)).toContain('coming forward');
  });

  it.each([
    [
      'police-misconduct',
      'A misconduct hearing found PC Dan Reed committed gross misconduct. The force\u2019s professional standards department said the panel\u2019s decision was final.',
    ],
    [
      'withheld-name',
      'Witness A and Witness B gave evidence from behind a screen. The officer, referred to as Officer C, denies the claims.',
    ],
  ])('%s is said once per story, with its other places', (id, text) => {
    const found = scanText(text, rules).filter((f) => f.rule === `uk-ew.${id}`);
    expect(found).toHaveLength(1);
    expect(found[0]!.repeats?.length).toBeGreaterThanOrEqual(2);
  });
});

describe('2.1.0 round 3 risky recall on harmless real copy', () => {
  it('the block is silent above low on the tuning split\u2019s harmless articles', () => {
    const ids = new Set(BLOCK.map((id) => `uk-ew.${id}`));
    expect(rules.filter((r) => ids.has(r.id))).toHaveLength(BLOCK.length);
    expect(harmlessTuningAlarms(rules, ids, 'medium')).toEqual([]);
  });
});
