// The uk-ew pack on ordinary newsroom language: each phrase raises the rule a media lawyer would
// expect, and everyday sentences from harmless stories raise nothing. Phrases here are general
// wording, not lines from the fixture articles.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRules } from '../../src/adapters/read-rules.js';
import type { Rule } from '../../src/core/scan/rules-schema.js';
import { scanText } from '../../src/core/scan/scanner.js';

let rules: Rule[] = [];
beforeAll(async () => {
  const parsed = await parseRules(
    'rules.yaml',
    readFileSync('checklists/uk-ew/rules.yaml', 'utf8'),
  );
  if (!parsed.rules) throw new Error(parsed.errors.join('\n'));
  rules = parsed.rules;
});

const rulesIn = (text: string) => new Set(scanText(text, rules).map((f) => f.rule));

describe('uk-ew rules on newsroom language', () => {
  it.each([
    ['The Gazette understands the deal collapsed.', 'uk-ew.allegation-language'],
    ['Two carers have been suspended pending an investigation.', 'uk-ew.allegation-language'],
    ['He faces disciplinary action.', 'uk-ew.allegation-language'],
    ['The man was treated in hospital for a hand injury.', 'uk-ew.health-information'],
    ['She was left with pressure sores.', 'uk-ew.health-information'],
    ['Police confirmed a man had been arrested.', 'uk-ew.privileged-report'],
    ['The jury heard that the van was stolen.', 'uk-ew.privileged-report'],
    ['Two of his companies were struck off last year.', 'uk-ew.business-harm'],
    ['The firm has gone into administration.', 'uk-ew.business-harm'],
    ['The shop ceased trading on Friday.', 'uk-ew.business-harm'],
    ['Inspectors rated the nursery inadequate.', 'uk-ew.business-harm'],
    ['The nurse was struck off the register.', 'uk-ew.dishonesty-accusation'],
    ['He was sacked for gross misconduct.', 'uk-ew.dishonesty-accusation'],
    ['A man was arrested on suspicion of burglary.', 'uk-ew.arrest-or-charge'],
    ['He appeared before magistrates on Monday.', 'uk-ew.court-proceedings'],
    ["He appeared at Leeds Magistrates' Court.", 'uk-ew.court-proceedings'],
    ['The case was sent for trial.', 'uk-ew.early-hearing'],
    ['Magistrates sent him to Leeds Crown Court.', 'uk-ew.early-hearing'],
    ['District Judge Ann Lee refused bail.', 'uk-ew.early-hearing'],
    ['The prosecutor told magistrates the victim was punched.', 'uk-ew.early-hearing'],
    ['She is accused of wilful neglect.', 'uk-ew.crime-accusation'],
    ['He is charged with grievous bodily harm.', 'uk-ew.crime-accusation'],
    ['He was a whistleblower at the trust.', 'uk-ew.whistleblower'],
    ['She was dismissed after raising concerns.', 'uk-ew.whistleblower'],
    [
      'A nurse, who asked not to be identified, said the ward was short-staffed.',
      'uk-ew.anonymous-source',
    ],
    ['She spoke on condition that she was not named.', 'uk-ew.anonymous-source'],
    ['Her son put a camera hidden in a clock in the room.', 'uk-ew.subterfuge'],
    ['He was previously jailed for theft.', 'uk-ew.previous-convictions'],
    ['Neighbours said the man kept to himself.', 'uk-ew.witness-accounts'],
    ['CCTV footage showed a man running away.', 'uk-ew.witness-accounts'],
    ['Police have released an e-fit of the man.', 'uk-ew.identification-in-issue'],
    ['He appeared at Glasgow Sheriff Court.', 'uk-ew.other-jurisdiction'],
  ])('%j raises %s', (text, id) => {
    expect([...rulesIn(text)]).toContain(id);
  });

  it('treats a person named in the sentence before as near ("he" in the next)', () => {
    const text = 'Darren Voss runs a car wash in the town. Police raided his home on Thursday.';
    expect(rulesIn(text)).toContain('uk-ew.suspect-not-charged');
    expect(rulesIn('Police raided a home on Thursday.')).not.toContain('uk-ew.suspect-not-charged');
  });

  it('counts "could not be reached for comment" as a recorded approach', () => {
    const text = 'Graham Stott ran a scam, customers say. He could not be reached for comment.';
    expect(rulesIn(text)).not.toContain('uk-ew.no-reply-recorded');
    expect(rulesIn('Graham Stott ran a scam, customers say.')).toContain('uk-ew.no-reply-recorded');
  });

  it('does not take "admitted to hospital" for an admission of guilt', () => {
    expect(rulesIn('She was admitted to hospital last week.')).not.toContain('uk-ew.legal-terms');
    expect(rulesIn('He has admitted theft.')).toContain('uk-ew.legal-terms');
  });

  it.each([
    'The stalls were cleared away by six, owing to the rain.',
    'A care home in the village held an open day.',
    'The bus service was shut down for the day.',
    'Residents raised concerns about parking at the meeting.',
    'Text messages of support poured in.',
  ])('%j raises nothing above low severity', (text) => {
    const serious = scanText(text, rules).filter((f) => f.severity !== 'low');
    expect(serious.map((f) => `${f.rule} ${f.excerpt}`)).toEqual([]);
  });
});

describe('uk-ew patterns', () => {
  // Each pattern makes one pass over the draft; none may backtrack on long runs of the words and
  // spaces it is built from (a run of "sent to " with no court at the end, say).
  it.each([
    'sent to '.repeat(20_000),
    'sent it to the '.repeat(10_000) + 'Crown',
    `${'Leeds '.repeat(20_000)}Crown`,
    `section 4${' '.repeat(50_000)}`,
    `Mr ${'A'.repeat(50_000)}`,
  ])('stays linear on adversarial input %#', (text) => {
    for (const rule of rules.filter((r) => r.match.pattern !== undefined)) {
      const started = performance.now();
      scanText(text, [rule]);
      expect(performance.now() - started, rule.id).toBeLessThan(500);
    }
  });
});
