// uk-ew 2.1.0, issue #14: the false alarms a newsroom lawyer found in the round 2 rules on
// ordinary sentences (docs/uk-ew-2.md, "Round 2: a lawyer's reading"), each paired with the
// risky sentence the rule is for, so narrowing a rule cannot silently switch it off.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Rule } from '../../src/core/scan/rules-schema.js';
import { scanText } from '../../src/core/scan/scanner.js';
import { liveRules, worstOf } from '../helpers/rules.js';

let rules: Rule[] = [];
beforeAll(async () => {
  rules = await liveRules();
});

/** The severity one rule gives a text ('none' when it does not fire). */
const severity = (id: string, text: string): string => worstOf(rules, text, id);

describe("the round 2 rules after a lawyer's reading", () => {
  it.each([
    // [rule, look-alike that must stay at most low, the risky sentence it is for]
    [
      'eyewitness-account',
      'Neighbours said the family had lived there for years and loved the garden.',
      'Neighbours said they heard screams before police arrived at the scene.',
    ],
    [
      'eyewitness-account',
      'A neighbour said the new bakery had brought people back to the street.',
      'One eyewitness said the man ran off after the stabbing.',
    ],
    [
      'threatened-home',
      'The family were at home when the storm threatened to bring down the old oak.',
      'She received death threats from a man who said he knew where she lived and came to her home.',
    ],
    [
      'suicide-reported',
      'The suicide bomber struck a market in the capital, officials said.',
      'His family said he took his own life after months of online abuse.',
    ],
    [
      'bail-stage',
      'The cause of the fire remains under investigation, the fire service said.',
      'The 34-year-old was arrested and released on police bail until March.',
    ],
    [
      'trial-evidence',
      'The chief executive gave evidence to the transport committee on Tuesday.',
      'The jury heard the defendant gave evidence for two days.',
    ],
    [
      'suspicion-cast',
      'She had suspicions the cake had been eaten by the dog.',
      'The finger of suspicion fell on the club treasurer, Mark Hale.',
    ],
    [
      'care-residents',
      'Residents with dementia enjoyed the summer fete at the Oaks care home.',
      'Inspectors found residents with dementia had been left without water at the care home.',
    ],
    [
      'blame-pinned',
      'Chief executive Sarah Jones blamed the delays on failures in the supply chain.',
      'The report said the head teacher, Paul Grant, was blamed for a series of failures.',
    ],
  ])('%s: silent or low on an ordinary sentence, medium on the risk', (id, harmless, risky) => {
    expect(['none', 'low']).toContain(severity(id, harmless));
    expect(severity(id, risky)).toBe('medium');
  });

  it('a source the anonymous-source rule reads is said once, not twice', () => {
    const rulesFound = scanText('Sources said the director had been warned.', rules).map(
      (f) => f.rule,
    );
    expect(rulesFound).toContain('uk-ew.anonymous-source');
    expect(rulesFound).not.toContain('uk-ew.unnamed-sources');
    expect(
      severity('unnamed-sources', 'Several sources confirmed the director had been warned.'),
    ).toBe('medium');
  });
});
