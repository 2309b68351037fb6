// uk-ew 2.1.0, issue #14 (recall, second corpus round): the rules of the "2.1.0 round 2: recall"
// block on newsroom phrasing written for this test (not copied from the corpus), each with a
// harmless look-alike it must stay silent or low on; and none of them above low on the harmless
// articles of the corpus's tuning split.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Rule } from '../../src/core/scan/rules-schema.js';
import { scanText } from '../../src/core/scan/scanner.js';
import { harmlessTuningAlarms, liveRules } from '../helpers/rules.js';

let rules: Rule[] = [];
let blockIds = new Set<string>();
beforeAll(async () => {
  rules = await liveRules();
  const first = rules.findIndex((r) => r.id === 'uk-ew.reply-carried');
  expect(first).toBeGreaterThan(0);
  blockIds = new Set(rules.slice(first).map((r) => r.id));
});

/** The block's findings on a text, as "rule severity excerpt". */
const found = (text: string): string[] =>
  scanText(text, rules)
    .filter((f) => blockIds.has(f.rule))
    .map((f) => `${f.rule.slice(6)} ${f.severity} ${f.excerpt}`);

describe('2.1.0 round 2 recall rules on newsroom phrasing', () => {
  it.each([
    // defamation: the reply to an allegation, or its absence
    [
      'The care manager was suspended after allegations of neglect. She was not available for comment.',
      [
        'workplace-discipline medium was suspended',
        'reply-carried medium not available for comment',
      ],
    ],
    [
      'The council said the suspension was a neutral act while the complaints are investigated.',
      ['reply-carried medium a neutral act'],
    ],
    // a shop's "no comment" on its opening hours answers no allegation: a check at most
    [
      'Asked about the new opening hours, the shop owner said: "No comment, come and see."',
      ['reply-carried low No comment'],
    ],
    // restrictions: evidence heard at a trial, said once per story
    [
      'Tom Reed denies murder. Jurors were told he left the flat at midnight. The trial heard he later called his brother.',
      ['trial-evidence medium Jurors were told'],
    ],
    // sources: unnamed sources and eyewitnesses
    [
      'Various sources said the director had been warned about the accounts.',
      // "sources said" itself is the anonymous-source rule's (said once, not twice).
      ['unnamed-sources medium Various sources'],
    ],
    [
      'A neighbour, who did not want to be named, said police had been at the house all night.',
      // A bare "a neighbour" is no eyewitness (a lawyer's note): the anonymity is the flag.
      ['unnamed-sources medium who did not want to be named'],
    ],
    [
      'The closure of the bank was first reported by the Hull Daily Mail on Monday.',
      ['other-outlet-report medium first reported by the Hull Daily Mail'],
    ],
    ['The parcel was sent by Royal Mail and according to the Post Office it arrived late.', []],
    // safety: suicide wording and where someone was found
    [
      'The inquest heard she had tried to take her own life twice before.',
      ['suicide-attempt medium tried to take her own life'],
    ],
    [
      'His brother went into the garage and found him. The coroner recorded a conclusion of suicide.',
      ['found-at-scene medium went into the garage and found', 'suicide-reported medium suicide'],
    ],
    ['Her brother went into the garage and found the lawnmower still worked.', []],
    // privacy: mental health, a death not yet identified, a named child, care residents
    [
      'The woman told the jury she had a nervous breakdown after the trial began.',
      ['trial-evidence medium told the jury', 'mental-health-detail medium nervous breakdown'],
    ],
    [
      'Police said the man, who is yet to be formally identified, died at the scene. His next of kin have been told.',
      [
        'death-not-yet-named medium yet to be formally identified',
        'death-not-yet-named medium next of kin',
      ],
    ],
    [
      'Magistrates at the youth court lifted the ban on naming 15-year-old Liam Carter, who admitted criminal damage. He was sentenced to a referral order.',
      ['named-child-crime medium 15-year-old'],
    ],
    [
      'The CQC said the home was inadequate. Four people were living at the home, all with learning disabilities.',
      ['care-residents medium were living at', 'care-residents medium with learning disabilities'],
    ],
    ['Ten people were living at the farm during the harvest festival.', []],
    // restrictions: a complainant described, bail, speculation about a protected identity
    [
      'The 22-year-old student told police she was raped after a party in the city centre.',
      ['complainant-described medium The 22-year-old student'],
    ],
    ['The 22-year-old student won the county chess championship on Sunday.', []],
    [
      'A man arrested on suspicion of burglary has been released on police bail.',
      ['bail-stage medium released on police bail'],
    ],
    [
      'There has been speculation online about the identity of the footballer who won the injunction.',
      ['identity-speculation medium speculation'],
    ],
    ['There was speculation about the date of the new album.', []],
    // defamation and sources: suspicion cast, correspondence in a leak story
    [
      'The leak cast a shadow of suspicion over the finance team, the committee heard.',
      ['suspicion-cast medium shadow of suspicion'],
    ],
    [
      'The leaked email read: "Please keep this between us until the vote."',
      ['correspondence-quoted medium email read'],
    ],
    ['The email read like a poem, the teacher said.', []],
    // accuracy: a review after a death
    [
      'The coroner heard the trust had begun a serious incident review after her death.',
      ['review-after-death medium serious incident review'],
    ],
    // low: appearance in court, a photo at court
    [
      'Reed, wearing a grey suit, appeared at Leeds Magistrates Court.',
      ['defendant-appearance low wearing'],
    ],
    ['Tom Reed arriving at court on Monday.', ['photo-at-court low arriving at court']],
    // blame pinned on a named person or post; a team's failures on the pitch are not it
    [
      'The inquiry report blamed him for a series of failures at the hospital, chief executive John Hale said.',
      ['blame-pinned medium blamed him', 'blame-pinned medium series of failures'],
    ],
    // workplace discipline of someone identifiable
    [
      'Headteacher Mary Cole was suspended on full pay while governors investigate.',
      ['workplace-discipline medium was suspended on full pay'],
    ],
    [
      'The match was suspended for an hour because of fog.',
      ['workplace-discipline low was suspended'],
    ],
    // redacted material
    [
      'The council released the report, but the names of three officers were redacted.',
      ['redacted-material medium redacted'],
    ],
    // a suicide in the story (safety), said once
    [
      'The coroner said the teacher took her own life after the inspection. Her family said the suicide was preventable.',
      ['suicide-reported medium took her own life'],
    ],
    // the home of someone threatened; a home in a story with no threat is not it
    [
      'The MP has received death threats and said protesters gathered outside her house last week.',
      ['threatened-home medium her house'],
    ],
    ['The MP opened the new library and then went back to her house for lunch.', []],
    // a name next to a child's age, even one the name list does not know; no name: low
    [
      'The youth court lifted the ban on naming 16-year-old Kasim Orlov, who admitted arson. He was sentenced to a referral order.',
      ['named-child-crime medium 16-year-old'],
    ],
    [
      'The 16-year-old, from Leeds, admitted arson at the youth court. He was sentenced to a referral order.',
      ['named-child-crime low 16-year-old'],
    ],
    // where a reported sexual offence happened; the same words about a burglary are not it
    [
      'A man has been arrested on suspicion of rape. Officers were called to Market Street at 2am.',
      ['sex-offence-place medium were called to Market Street'],
    ],
    [
      'A man has been arrested on suspicion of burglary. Officers were called to Market Street at 2am.',
      [],
    ],
    // an accusation from social media; a troll in a fairy tale is not one
    [
      'The singer denied she was the woman behind the leak after a Twitter user accused her of it.',
      ['social-media-accusation medium a Twitter user'],
    ],
    [
      'The children acted out a story about trolls under a bridge.',
      ['social-media-accusation low trolls'],
    ],
  ] as const)('%j', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });
});

describe('2.1.0 round 2 recall rules on harmless copy', () => {
  it('find nothing above low on the harmless articles of the tuning split', () => {
    const alarms = harmlessTuningAlarms(rules, blockIds);
    expect(alarms).toEqual([]);
  });
});
