// uk-ew 2.1.0, issue #14 (recall): the rules of the "2.1.0 recall" block on newsroom phrasing
// written for this test (not copied from the corpus), each with the harmless look-alikes it must
// stay silent on, or stay low on when nothing corroborates it; and none of them on the harmless
// articles of the corpus's tuning split.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Rule } from '../../src/core/scan/rules-schema.js';
import { scanText } from '../../src/core/scan/scanner.js';
import { harmlessTuningAlarms, liveRules } from '../helpers/rules.js';

let rules: Rule[] = [];
let recallIds = new Set<string>();
beforeAll(async () => {
  rules = await liveRules();
  const first = rules.findIndex((r) => r.id === 'uk-ew.cannot-be-named');
  // The block ends where the round 2 recall block begins (test/scan/recall-round2.test.ts).
  const next = rules.findIndex((r) => r.id === 'uk-ew.reply-carried');
  recallIds = new Set(rules.slice(first, next === -1 ? undefined : next).map((r) => r.id));
});

/** The recall block's findings on a text, as "rule severity excerpt". */
const found = (text: string): string[] =>
  scanText(text, rules)
    .filter((f) => recallIds.has(f.rule))
    .map((f) => `${f.rule.slice(6)} ${f.severity} ${f.excerpt}`);

describe('2.1.0 recall rules on newsroom phrasing', () => {
  it.each([
    // restrictions: anonymity said in other words
    [
      'The driver, who cannot be named, appeared before magistrates in Leeds.',
      ['cannot-be-named medium cannot be named'],
    ],
    [
      'The band, who cannot be named until the festival line-up is out, will headline.',
      ['cannot-be-named low cannot be named'],
    ],
    [
      'The judge said naming the school would create a jigsaw that could lead to the girl being identified.',
      ['identity-protected high jigsaw'],
    ],
    ['The puzzle club finished a 5,000-piece jigsaw on Sunday.', ['identity-protected low jigsaw']],
    [
      'Sentencing him at Hull Crown Court, the judge imposed a youth rehabilitation order.',
      ['youth-sentence high youth rehabilitation order'],
    ],
    // detention in a young offender institution is a sentence for 18- to 20-year-olds, and a
    // youth offending team can be in an adult's story: neither says the defendant was a child
    [
      'Sentencing him at Hull Crown Court, the judge ordered four years in a young offender institution. The youth offending team had supported his brother.',
      [],
    ],
    // a complainant in a sexual-offence story, away from the offence words
    [
      'Tom Reed was jailed for rape. The complainant had moved to Leeds with her mother after the trial.',
      ['complainant-mentioned medium The complainant'],
    ],
    ['The complainant said the bin collections had been missed for a month.', []],
    // relatives in a police or court story (not in a village fete report)
    [
      'Police were called to the flat. A relative said she had not been seen for days.',
      ['family-member medium A relative'],
    ],
    ['A relative of the founder opened the summer fete.', []],
    // intimate life of named people
    [
      'Sarah Blake told the tribunal that Mark Hill had slept with her after the Christmas party.',
      ['sexual-life medium slept with'],
    ],
    ['The couple slept with the windows open all summer.', ['sexual-life low slept with']],
    ['Jane Smith has built a relationship with local suppliers.', []],
    // denials need the allegation or a name to matter
    [
      'Councillor Jane Holt denied claims that she had leaked the report.',
      ['denial medium denied'],
    ],
    ['He was denied bail and remanded in custody.', []],
    ['Access to the beach was denied by the tide.', []],
    ['There is no denying the fete was a success, said Jane Smith.', []],
    ['“That is not true,” laughed Jane Smith, asked if she was retiring.', []],
    // motive imputed
    [
      'The council deliberately withheld the report from residents.',
      ['imputed-motive medium deliberately'],
    ],
    ['The garden was deliberately left wild for the bees.', ['imputed-motive low deliberately']],
    [
      'Jane Smith deliberately planted the border with bee-friendly flowers.',
      ['imputed-motive low deliberately'],
    ],
    // parties to a claim
    [
      'Two directors are named as respondents to the claim.',
      ['named-as-party medium named as respondents'],
    ],
    ['She was named in the England squad for the tour.', []],
    [
      'Libel: the firm says it will sue for defamation.',
      ['defamation-claim medium Libel', 'defamation-claim medium defamation'],
    ],
    // a warning is not a conviction; weather warnings are not sanctions
    ['The man was given a formal warning by police.', ['formal-warning medium formal warning']],
    ['A yellow weather warning for rain is in place until Monday.', []],
    // a quoted epithet from someone who called it so
    [
      'A councillor called the water company’s failure “criminal” at the meeting.',
      ['called-criminal medium “criminal'],
    ],
    ['The novel is about a “criminal” mastermind.', []],
    // sources
    [
      'A senior police source said the gang had been under watch for months.',
      ['unnamed-source medium police source'],
    ],
    ['Police sourced the van from a hire firm.', []],
    [
      'The Guardian reported that the memo had been circulated to ministers.',
      ['second-hand-report medium The Guardian reported'],
    ],
    [
      'The leaked memo, sent to staff on Friday, warned of cuts.',
      ['document-trail medium memo, sent to'],
    ],
    ['The letter, sent to all residents, explains the bin changes.', []],
    [
      'Leaked emails show the council ignored legal advice on the sale.',
      ['legal-advice high legal advice'],
    ],
    // an open investigation, speculation, an appeal
    [
      'Officers are investigating possible offences under the Malicious Communications Act.',
      [
        'criminal-investigation medium possible offences under',
        'criminal-investigation medium Malicious Communications Act',
      ],
    ],
    [
      'Police urged people to stop speculation about the investigation on social media.',
      ['speculation-live-case medium speculation'],
    ],
    ['Speculation grew about the new shopping centre.', []],
    [
      'The trust said it would appeal the decision of the tribunal.',
      ['appeal-pending medium appeal the decision'],
    ],
    // a child in a sexual-offence story: high when the child is named
    [
      'He was cleared of the rape of 14-year-old Sarah Carter.',
      ['child-in-sex-case high 14-year-old'],
    ],
    [
      'A 15-year-old girl was the victim of a sexual assault in the park.',
      ['child-in-sex-case medium 15-year-old'],
    ],
    // suicide: method and place, cause, scene; a plain mention is another rule's
    [
      'The inquest heard he hanged himself in the garage of his home.',
      ['suicide-method-detail high hanged himself in'],
    ],
    [
      'He hanged himself in a scene from the play.',
      ['suicide-method-detail medium hanged himself in'],
    ],
    [
      'His family believe his suicide was caused by years of bullying.',
      ['suicide-cause medium suicide was caused by'],
    ],
    [
      'The coroner recorded suicide. His mother found him in the garage that morning.',
      ['suicide-scene medium found him in the garage'],
    ],
    ['The keeper found her in the garage with the lost kittens.', []],
    // grief, drink, medical events, crime scenes
    [
      'Vandals damaged the headstone on the child’s grave for a second time.',
      ['grief-detail medium headstone'],
    ],
    [
      'The inquest heard Tom Price had been drinking and had alcohol in his blood.',
      ['drink-or-drugs medium had been drinking', 'drink-or-drugs medium alcohol'],
    ],
    ['The bar sells alcohol-free beer on Sundays.', ['drink-or-drugs low alcohol']],
    [
      'Peter Hale, 71, was taken home after suffering a mild stroke.',
      ['medical-event medium suffering a mild stroke'],
    ],
    [
      'A forensic tent stood outside the house as a police cordon stayed in place.',
      ['crime-scene-home medium forensic tent', 'crime-scene-home medium police cordon'],
    ],
    ['A police cordon closed the road after the parade.', []],
    // defamation in other words
    [
      'Mr Lowe accused the club’s treasurer of taking cash from the tin.',
      ['accused-of medium accused the club’s treasurer of'],
    ],
    [
      'The allegation was reported to police, but no further action was taken.',
      ['uncharged-allegation medium no further action'],
    ],
    [
      'Witnesses said Sarah Cole was driving at about 70mph when she lost control.',
      ['driver-speed medium driving at about 70mph'],
    ],
    ['Wind gusts of 70mph are expected along the coast.', []],
    [
      'An investigation will decide whether the delays contributed to the deaths.',
      ['cause-of-death-claim medium contributed to the deaths'],
    ],
    [
      'The paper named drug baron Lee Marsh as the man behind the shipments.',
      ['crime-epithet medium drug baron'],
    ],
    [
      'Messages posted under the pseudonym ‘redfox’ included death threats.',
      ['abuser-account medium pseudonym'],
    ],
    ['The novelist writes under a pseudonym.', []],
  ])('%j → %j', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });
});

describe('2.1.0 recall rules on harmless copy', () => {
  it('find nothing at any severity on the harmless articles of the tuning split', () => {
    expect(harmlessTuningAlarms(rules, recallIds, 'low')).toEqual([]);
  });
});
