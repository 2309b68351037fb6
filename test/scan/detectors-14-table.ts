// Table rows for the #14 detectors (input → the texts each must find; [] for the look-alikes it
// must stay silent on). Spread into the one detector table in detectors.test.ts.
import type { DetectorId } from '../../src/core/scan/detectors/registry.js';

export const TABLE_14: [DetectorId, string, string[]][] = [
  // allegation stated as fact against a named person
  [
    'allegation-as-fact',
    'Cllr Derek Malham took bribes from a builder.',
    ['Cllr Derek Malham took bribes'],
  ],
  [
    'allegation-as-fact',
    'John Smith runs the depot. He lined his pockets for years.',
    ['He lined his pockets'],
  ],
  [
    'allegation-as-fact',
    'Jane Smith, who chairs the board, was on the take.',
    ['Jane Smith, who chairs the board, was on the take'],
  ],
  ['allegation-as-fact', 'Mr Pryce is a fraudster.', ['Mr Pryce is a fraudster']],
  [
    'allegation-as-fact',
    'The club ended. Fraudster Gary Lyle fled abroad.',
    ['Fraudster Gary Lyle'],
  ],
  [
    'allegation-as-fact',
    "The council's planning chief took bribes.",
    ["council's planning chief took bribes"],
  ],
  ['allegation-as-fact', 'John Smith is accused of taking bribes.', []],
  ['allegation-as-fact', 'Police allege that John Smith took bribes.', []],
  ['allegation-as-fact', 'John Smith denies that he took bribes.', []],
  ['allegation-as-fact', 'John Smith was conned out of £4,000.', []],
  ['allegation-as-fact', 'John Smith never took bribes.', []],
  ['allegation-as-fact', 'The fraud squad said John Smith was helping them.', []],
  ['allegation-as-fact', 'In the novel, John Smith stole from his employer.', []],
  ['allegation-as-fact', 'John Smith said: "They took bribes."', []],
  ['allegation-as-fact', 'John Smith was cleared of fraud after he lied to nobody.', []],
  ['allegation-as-fact', 'Rory Marsh stole the show with a late goal.', []],
  // calls to harm naming a person, and reprisal language
  [
    'call-to-harm',
    'A post offered a £500 reward to anyone who attacks Cllr Maria Okafor.',
    ['£500 reward to anyone who attacks'],
  ],
  [
    'call-to-harm',
    'Jane Smith spoke out. One reply said she should be killed.',
    ['should be killed'],
  ],
  ['call-to-harm', 'There is a price on his head, John Smith said.', ['a price on his head']],
  ['call-to-harm', 'The striker killed off the game for Mark Jones.', []],
  ['call-to-harm', 'Jane Smith was rewarded for her patience.', []],
  [
    'reprisal-language',
    'Another user wrote: "We know where he lives."',
    ['We know where he lives'],
  ],
  ['reprisal-language', 'They said he should be dealt with.', ['should be dealt with']],
  ['reprisal-language', 'Fans fear retribution after the vote.', ['retribution']],
  ['reprisal-language', 'The committee dealt with the budget.', []],
  // legal-term errors that need context
  ['inquest-guilty', 'The inquest jury found the driver guilty.', ['found the driver guilty']],
  ['inquest-guilty', 'The coroner said the driver had been found guilty at Leeds Crown Court.', []],
  ['inquest-guilty', 'The jury found him guilty of murder.', []],
  // possessive relatives
  ['possessive-relative', "Tom Blake's daughter was at home.", ["Blake's daughter"]],
  [
    'possessive-relative',
    'Ann Lee was found dead. Her 34-year-old son called police.',
    ['Her 34-year-old son'],
  ],
  ['possessive-relative', "The council's chief executive spoke.", []],
  ['possessive-relative', 'His wife said nothing.', []],
  ['child-relative', "The boy's mother wept in court.", ["The boy's mother"]],
  ['child-relative', 'Ann Lee, 40, said her 14-year-old son was scared.', ['her 14-year-old son']],
  ['child-relative', "Tom Blake's daughter was at home.", []],
  [
    'child-relative',
    'A 15-year-old boy appeared in court. He looked over at his parents.',
    ['his parents'],
  ],
  ['child-relative', 'Ann Lee, 40, was in court. She looked over at her parents.', []],
  // streets without a number where someone lives
  ['home-street', 'She lives on Acacia Avenue with her husband.', ['Acacia Avenue']],
  ['home-street', 'in the home they shared on Rothesay Road, Shadsworth', ['Rothesay Road']],
  ['home-street', 'a surgery in a converted Victorian town house, in Cockton Hill Road', []],
  ['home-street', 'plans for a shop on Station Road were approved', []],
  ['home-street', 'He lives at 14 Elm Grove.', []],
  ['home-street', 'Police were called to a property on Fairfield Road.', ['Fairfield Road']],
  // jigsaw details around an anonymous source or complainant
  [
    'source-jigsaw',
    'A nurse on the cardiac ward, who asked not to be named, said she had worked there for 23 years.',
    ['on the cardiac ward', 'had worked there for 23 years'],
  ],
  [
    'source-jigsaw',
    'The nurse, who asked not to be named, said her team was exhausted.',
    ['her team'],
  ],
  ['source-jigsaw', 'Ann Lee, who has worked there for 23 years, retired on Friday.', []],
  [
    'complainant-jigsaw',
    "The woman, who can't be named for legal reasons, works at the Riverside Centre.",
    ['works at the Riverside Centre'],
  ],
  ['complainant-jigsaw', 'The woman works at the Riverside Centre.', []],
  // public bodies and their variant names
  [
    'public-body',
    'The Department of Health, the Department for Health and Social Care, DWP and HMRC said',
    ['Department of Health', 'Department for Health and Social Care', 'DWP', 'HMRC'],
  ],
  ['public-body', 'the CPS, the IOPC and Met Police', ['CPS', 'IOPC', 'Met Police']],
  [
    'public-body',
    'Leeds City Council and the Council of Leeds',
    ['Leeds City Council', 'Council of Leeds'],
  ],
  ['public-body', 'West Yorkshire Police said', ['West Yorkshire Police']],
  ['public-body', 'the council and the police said', []],
];
