// One-line table tests per detector: input → the texts it must find ([] for near misses).
import { describe, expect, it } from 'vitest';
import { DETECTORS, type DetectorId } from '../../src/core/scan/detectors/registry.js';
import type { Span } from '../../src/core/scan/detectors/types.js';
import { tokenize } from '../../src/core/scan/tokens.js';
import { TABLE_14 } from './detectors-14-table.js';

function run(name: DetectorId, text: string): string[] {
  const tokens = tokenize(text);
  const memo = new Map<string, readonly Span[]>();
  const detect = (n: string): readonly Span[] => {
    let spans = memo.get(n);
    if (!spans) {
      spans = DETECTORS[n as DetectorId]({ text, tokens, detect });
      memo.set(n, spans);
    }
    return spans;
  };
  return detect(name).map((s) => text.slice(s.start, s.end));
}

const table: [DetectorId, string, string[]][] = [
  // vehicle registration marks
  ['vehicle-registration', 'a silver Audi, registration HF19 KRW, was sold', ['HF19 KRW']],
  ['vehicle-registration', 'the van (LK19XYZ) was seen', ['LK19XYZ']],
  ['vehicle-registration', 'an old Escort, A123 BCD', ['A123 BCD']],
  ['vehicle-registration', 'a 1978 Mini, ABC 123D', ['ABC 123D']],
  ['vehicle-registration', 'an MP3 player', []],
  ['vehicle-registration', 'COVID19 rules', []],
  ['vehicle-registration', 'a B52 bomber', []],
  ['vehicle-registration', 'in 2024 the', []],
  ['vehicle-registration', 'the M25 and A1 roads', []],
  ['vehicle-registration', 'PLANE B52 HIT TOWN', []],
  ['vehicle-registration', 'lowercase ab12 cde is prose', []],
  // postcodes
  ['postcode', 'a postcode, HF3 8LP, and', ['HF3 8LP']],
  ['postcode', 'SW1A 1AA and M1 1AE and LS62QT', ['SW1A 1AA', 'M1 1AE', 'LS62QT']],
  ['postcode', 'an MP3 player', []],
  ['postcode', 'COVID19 and B52 and 2024', []],
  ['postcode', 'flight BA2 490', []],
  // phone numbers
  ['phone-number', 'call 07700 900123 now', ['07700 900123']],
  ['phone-number', 'ring 0113 496 0000.', ['0113 496 0000']],
  ['phone-number', 'on (01632) 960123 or', ['(01632) 960123']],
  ['phone-number', 'dial +44 7700 900123', ['+44 7700 900123']],
  ['phone-number', 'tel +44 (0)20 7946 0018', ['+44 (0)20 7946 0018']],
  ['phone-number', 'free on 0800 40 50 40', ['0800 40 50 40']],
  ['phone-number', 'call 101 or 999 or 116 123', []],
  ['phone-number', 'in 2024 it cost £1,250,000', []],
  ['phone-number', 'account 01234567890123', []],
  // email
  [
    'email',
    'write to newsdesk@hallowford-gazette.example.',
    ['newsdesk@hallowford-gazette.example'],
  ],
  ['email', 'jo.bloggs+tips@mail.example.co.uk', ['jo.bloggs+tips@mail.example.co.uk']],
  ['email', 'meet @ 3pm, or tweet @gazette', []],
  ['email', 'a@b', []],
  // street addresses
  ['street-address', 'of 14 Elm Grove, Hallowford', ['14 Elm Grove']],
  [
    'street-address',
    'at 3a Mill Lane and 221B Baker Street',
    ['3a Mill Lane', '221B Baker Street'],
  ],
  ['street-address', 'Flat 4, 12 Station Road', ['Flat 4, 12 Station Road']],
  ['street-address', 'on Church Lane', []],
  ['street-address', 'in 2019 parties were held', []],
  // person names
  ['person-name', 'Cllr Derek Malham said Malham & Sons', ['Cllr Derek Malham', 'Malham']],
  ['person-name', 'Organiser Margaret Ellis, 78, said', ['Margaret Ellis']],
  ['person-name', 'Mr Tanner and Mrs A', ['Mr Tanner', 'Mrs A']],
  ['person-name', 'Tom Blake, 19, of Leeds', ['Tom Blake']],
  ['person-name', 'Darren\nVoss, 44, who runs', ['Darren\nVoss']],
  ['person-name', 'Hallowford Borough Council said', []],
  ['person-name', 'Marston Crown Court heard', []],
  // ages next to names
  ['age-next-to-name', 'Gregory Tanner, 52, of 14 Elm Grove', ['Gregory Tanner, 52']],
  ['age-next-to-name', 'Pensioner Joan Wells,\n81, said', ['Joan Wells,\n81']],
  ['age-next-to-name', 'Mr Patel (52) said', ['Mr Patel (52)']],
  ['age-next-to-name', 'Jane Smith, 2024 was', []],
  ['age-next-to-name', 'Jane Smith said 40 people came', []],
  // ages under 18
  ['minor-age', 'A 15-year-old boy', ['15-year-old']],
  ['minor-age', 'a second boy, aged 16, denies', ['aged 16']],
  ['minor-age', 'a girl, 14, was', ['girl, 14,']],
  ['minor-age', 'a fourteen-year-old', ['fourteen-year-old']],
  ['minor-age', 'aged 18 or a 47-year-old man', []],
  ['minor-age', 'a twelve-year-old spaniel', []],
  // quotes
  ['bracketed-insertion', '"He [Mr Tanner] used that trust"', ['[Mr Tanner]']],
  ['bracketed-insertion', '“We will review [the issues] carefully”', ['[the issues]']],
  ['bracketed-insertion', 'outside quotes [note] is fine', []],
  ['bracketed-insertion', '"see [the report](https://x.example)"', []],
  ['quote-ellipsis', '"I did not ... touch her"', ['...']],
  ['quote-ellipsis', '“Wait… no”', ['…']],
  ['quote-ellipsis', 'and so on... outside', []],
  ...TABLE_14,
];

describe('detectors', () => {
  it.each(table)('%s: %j → %j', (name, input, expected) => {
    expect(run(name, input)).toEqual(expected);
  });

  it('every detector has a table entry', () => {
    const covered = new Set(table.map(([name]) => name));
    expect([...covered].sort()).toEqual(Object.keys(DETECTORS).sort());
  });
});
