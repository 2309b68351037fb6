import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SECTION_IDS } from '../../src/core/checklist/schema.js';
import { SECTION_ORDER } from '../../src/render/scan-text.js';
import { parseRules } from '../../src/adapters/read-rules.js';
import { RULES_SCHEMA_PATH, rulesJsonSchema } from '../../scripts/schemas-rules.js';

describe('rules schema', () => {
  it('schemas/rules.schema.json is current', () => {
    const fresh = rulesJsonSchema();
    if (process.env.UPDATE_SCHEMAS) writeFileSync(RULES_SCHEMA_PATH, fresh);
    expect(readFileSync(RULES_SCHEMA_PATH, 'utf8')).toBe(fresh);
  });

  it('keeps the renderer constants equal to the schemas', () => {
    expect(SECTION_ORDER).toEqual(SECTION_IDS);
  });

  it('loads the uk-ew rules, covering every section', async () => {
    const { rules, errors } = await parseRules(
      'rules.yaml',
      readFileSync('checklists/uk-ew/rules.yaml', 'utf8'),
    );
    expect(errors).toEqual([]);
    const sections = new Set(rules?.map((r) => r.section));
    expect([...sections].sort()).toEqual([...SECTION_IDS].sort());
  });

  const bad: [string, string, RegExp][] = [
    [
      'unknown key',
      'rules:\n  - id: uk-ew.x\n    section: safety\n    severity: low\n    message: m\n    questions: [safety.a]\n    match: { terms: [a] }\n    colour: red\n',
      /^rules\.yaml:8:5: rules\[0\]\.colour: unknown key "colour"$/,
    ],
    [
      'bad section',
      'rules:\n  - id: uk-ew.x\n    section: safty\n    severity: low\n    message: m\n    questions: [safety.a]\n    match: { terms: [a] }\n',
      /^rules\.yaml:3:14: rules\[0\]\.section: must be one of/,
    ],
    [
      'bad regex',
      'rules:\n  - id: uk-ew.x\n    section: safety\n    severity: low\n    message: m\n    questions: [safety.a]\n    match: { pattern: "(a" }\n',
      /^rules\.yaml:7:23: rules\[0\]\.match\.pattern: not a valid regular expression/,
    ],
    [
      'two matchers',
      'rules:\n  - id: uk-ew.x\n    section: safety\n    severity: low\n    message: m\n    questions: [safety.a]\n    match: { terms: [a], detector: postcode }\n',
      /^rules\.yaml:7:12: rules\[0\]\.match: a matcher has exactly one of/,
    ],
    [
      'unknown detector',
      'rules:\n  - id: uk-ew.x\n    section: safety\n    severity: low\n    message: m\n    questions: [safety.a]\n    match: { detector: zipcode }\n',
      /^rules\.yaml:7:24: rules\[0\]\.match\.detector: must be one of/,
    ],
    [
      'duplicate id',
      'rules:\n  - { id: uk-ew.x, section: safety, severity: low, message: m, questions: [safety.a], match: { terms: [a] } }\n  - { id: uk-ew.x, section: safety, severity: low, message: m, questions: [safety.a], match: { terms: [b] } }\n',
      /^rules\.yaml:3:11: rules\[1\]\.id: duplicate rule id "uk-ew\.x"$/,
    ],
    [
      'empty-matching regex',
      'rules:\n  - { id: uk-ew.x, section: safety, severity: low, message: m, questions: [safety.a], match: { pattern: "a*" } }\n',
      /matches empty text/,
    ],
    ['YAML syntax', 'rules:\n  - id: [unclosed\n', /^rules\.yaml:\d+:\d+: YAML syntax/],
  ];
  it.each(bad)('reports %s with file:line:column', async (_name, text, expected) => {
    const { rules, errors } = await parseRules('rules.yaml', text);
    expect(rules).toBeUndefined();
    expect(errors[0]).toMatch(expected);
  });
});
