// Issue #14, precision round 3: high findings on real risky copy that pointed at the wrong place
// or said one problem twice. Hand-made controls: each change with a true positive that keeps its
// severity and a look-alike that no longer reaches high, under the live uk-ew rules; and the
// engine's `context.points-at` on a rule made here.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RulesFile, type Rule } from '../../src/core/scan/rules-schema.js';
import { scanText } from '../../src/core/scan/scanner.js';
import { findingsOf, liveRules, worstOf } from '../helpers/rules.js';
import { runInProcess, tempDir } from '../helpers/run.js';

const LIVE = await liveRules();
const rules = (): Rule[] => LIVE;
/** The highest severity of rule `id`'s findings in `text`, or 'none'. */
const worst = (text: string, id: string): string => worstOf(LIVE, text, id);
const of = (text: string, id: string) => findingsOf(rules(), text, id);

const pointing = (within: number) =>
  RulesFile.parse({
    scanner: 2,
    rules: [
      {
        id: 't.offence',
        section: 'restrictions',
        severity: 'high',
        message: 'm',
        questions: ['restrictions.q'],
        match: { terms: ['rape'] },
        context: {
          group: 'story',
          'points-at': [
            { within, 'cross-sentences': true, terms: ['the woman'], why: 'the complainant' },
          ],
        },
      },
    ],
  }).rules;

describe('context.points-at: a story-level finding also points at where its problem lies', () => {
  const text =
    'A man has been charged with rape.\nNeighbours in the quiet village said they knew the woman well.\n';
  it('lists the complainant references near the offence as places, at the same severity', () => {
    const [f, ...rest] = scanText(text, pointing(20));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 't.offence', severity: 'high', excerpt: 'rape', line: 1 });
    expect(f!.repeats).toEqual([
      {
        line: 2,
        column: 48,
        endLine: 2,
        endColumn: 57,
        excerpt: 'the woman',
        why: 'the complainant',
      },
    ]);
  });
  it('leaves out references beyond the window, and points nowhere when the rule finds nothing', () => {
    expect(scanText(text, pointing(3))[0]!.repeats).toBeUndefined();
    expect(scanText('The woman, who cannot be named, lives nearby.', pointing(20))).toEqual([]);
  });
  it('is only allowed with group: story', () => {
    const rule = pointing(20)[0]!;
    const bad = { ...rule, context: { ...rule.context, group: 'words' } };
    const parsed = RulesFile.safeParse({ scanner: 2, rules: [bad] });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('only used with group: story');
  });
});

describe('uk-ew.sexual-offence points at the complainant', () => {
  it('a rape story lists where the victim is referred to, with the offence words', () => {
    const story =
      'A brave rape victim has spoken about her ordeal.\n\nThe woman, who cannot be named for legal reasons, was 19 at the time and lived in the town.\n';
    const [f] = of(story, 'sexual-offence');
    expect(f!.severity).toBe('high');
    expect(f!.repeats?.map((r) => r.excerpt)).toEqual(['victim', 'The woman']);
  });
  it('"the woman" in a story with no sexual offence raises nothing under this rule', () => {
    expect(of('The woman, who runs the cafe, said trade was up.', 'sexual-offence')).toEqual([]);
  });
});

describe('uk-ew.jury-deliberations: the procedure is not the deliberations', () => {
  it('a juror telling what was said in the jury room is still a blocker', () => {
    expect(
      worst(
        'After the trial one juror said the deliberations were split from the start.',
        'jury-deliberations',
      ),
    ).toBe('blocker');
  });
  it('that the jury began, continued or spent hours on its deliberations is not', () => {
    for (const t of [
      'The judge summed up the case for the jury and asked them to begin their deliberations.',
      'The trial heard closing speeches; the jury’s deliberations will continue tomorrow.',
      'The jury returned its verdicts after nine hours of deliberations at the trial.',
    ])
      expect(worst(t, 'jury-deliberations')).toBe('none');
  });
});

describe('a named victim of a crime is not an accused person', () => {
  const victim =
    'Sir David Amess was murdered by an Islamist terrorist at his constituency surgery in 2021.';
  it('crime-accusation and no-reply-recorded leave a passive "X was murdered" below high', () => {
    expect(worst(victim, 'crime-accusation')).toBe('none');
    expect(worst(victim, 'no-reply-recorded')).toBe('none');
  });
  it('an agent named after "by", or an active accusation, is still high', () => {
    const named = 'Sir David Amess was murdered by Ali Harbi Ali at his constituency surgery.';
    expect(worst(named, 'crime-accusation')).toBe('high');
    const active = 'Neighbours say John Smith stabbed a man outside the pub last week.';
    expect(worst(active, 'crime-accusation')).toBe('high');
    expect(worst(active, 'no-reply-recorded')).toBe('high');
    // an unnamed victim ("the victim was stabbed") in a story about an accused is part of the case
    const unnamed = 'Prosecutor Helen Okoro said the victim was stabbed twice in the back.';
    expect(worst(unnamed, 'crime-accusation')).toBe('high');
  });
});

describe('uk-ew.child-in-crime-story: the children of one crime story are one finding', () => {
  it('a defendant and a victim, both children, are one high finding with both places', () => {
    const found = of(
      'A 16-year-old boy has appeared in court charged with raping an eight-year-old girl in a park.',
      'child-in-crime-story',
    );
    expect(found.map((f) => [f.severity, f.excerpt])).toEqual([['high', '16-year-old']]);
    expect(found[0]!.repeats?.map((r) => r.excerpt)).toEqual(['eight-year-old']);
  });
  it('a child far from any crime word stays out of it', () => {
    expect(
      of('The 16-year-old won the county chess title on Saturday.', 'child-in-crime-story'),
    ).toEqual([]);
  });
});

const sameProblem = (extra: Record<string, unknown> = {}) =>
  RulesFile.parse({
    scanner: 2,
    rules: [
      {
        id: 't.court',
        section: 'restrictions',
        severity: 'high',
        message: 'court',
        questions: ['restrictions.q'],
        match: { terms: ['the jury'] },
      },
      {
        id: 't.arrest',
        section: 'restrictions',
        severity: 'high',
        message: 'arrest',
        questions: ['restrictions.q'],
        match: { terms: ['charged with'] },
        context: { 'same-problem-as': ['t.court'], ...extra },
      },
    ],
  }).rules;

describe('context.same-problem-as: one problem is raised at high once', () => {
  const sev = (t: string) => scanText(t, sameProblem()).map((f) => [f.rule, f.severity]);
  it('a charge in a story whose court proceedings are raised at high is medium', () => {
    expect(sev('He is charged with theft. The jury heard he denies it.')).toEqual([
      ['t.arrest', 'medium'],
      ['t.court', 'high'],
    ]);
  });
  it('a charge alone, with no court finding, stays high', () => {
    expect(sev('He is charged with theft, police said.')).toEqual([['t.arrest', 'high']]);
  });
  it('names rules of the same file, never itself', () => {
    const [court, arrest] = sameProblem();
    for (const ids of [['t.nothing'], ['t.arrest']]) {
      const bad = { ...arrest!, context: { 'same-problem-as': ids } };
      expect(RulesFile.safeParse({ scanner: 2, rules: [court, bad] }).success).toBe(false);
    }
  });
});

describe('the live rules say a story-level problem once', () => {
  const COURT =
    'A 30-year-old man charged with murder appeared at Newcastle Crown Court, where the jury heard he denies it.';
  it('uk-ew.arrest-or-charge is medium in a court report, high in a police story', () => {
    expect(worst(COURT, 'court-proceedings')).toBe('high');
    expect(worst(COURT, 'arrest-or-charge')).toBe('medium');
    expect(
      worst(
        'A man, 30, has been arrested on suspicion of murder, police said.',
        'arrest-or-charge',
      ),
    ).toBe('high');
  });
  it('uk-ew.reprisal-language is medium when uk-ew.threats raises the same threat', () => {
    const threat =
      'A Conservative MP has revealed a man who roamed a high street threatening to kill her was let off by police. Dame Andrea Jenkyns, the former minister, said it was not a joke.';
    expect(worst(threat, 'threats')).toBe('high');
    expect(worst(threat, 'reprisal-language')).toBe('medium');
    // with no threat raised at high, reprisal talk near a name is still high
    const reprisal =
      'Online posts said Councillor John Smith should be dealt with and that they know where he lives.';
    expect(worst(reprisal, 'threats')).toBe('none');
    expect(worst(reprisal, 'reprisal-language')).toBe('high');
  });
  it('uk-ew.youth-court is one blocker with each place', () => {
    const found = of(
      'The boy appeared at the youth court. Section 49 of the Children and Young Persons Act applies.',
      'youth-court',
    );
    expect(found.map((f) => f.severity)).toEqual(['blocker']);
    // Its own two further words, and (round 3, harmless) where the child is referred to.
    expect(found[0]!.repeats?.map((r) => r.excerpt)).toEqual([
      'The boy',
      'Section 49',
      'Children and Young Persons Act',
    ]);
  });
  it('uk-ew.court-proceedings reads a lead\'s "A jury has begun" and a "plea hearing"', () => {
    expect(
      worst(
        'A JURY has begun considering whether two teenagers are guilty of murder.',
        'court-proceedings',
      ),
    ).not.toBe('none');
    expect(
      worst('The charge will be put to him at a plea hearing next month.', 'court-proceedings'),
    ).not.toBe('none');
    expect(
      worst('The first woman to sit on a panel of judges for the art prize.', 'court-proceedings'),
    ).toBe('none');
  });
});

describe('story-level findings point at the people they protect', () => {
  const places = (t: string, id: string) => of(t, id).map((f) => f.repeats?.map((r) => r.excerpt));
  it('uk-ew.child-in-crime-story points at "the teenager" and "Boy A" near the child', () => {
    expect(
      places(
        'A 16-year-old boy has appeared in court charged with robbery. The teenager, who cannot be named, spoke only to confirm his name.',
        'child-in-crime-story',
      ),
    ).toEqual([['The teenager']]);
    expect(
      places(
        'Boy A, aged 15, denies murder; the trial heard he had a knife.',
        'child-in-crime-story',
      ),
    ).toEqual([['Boy A']]);
  });
  it('"the boy" in a story with no crime word raises nothing under it', () => {
    expect(of('The boy, 12, won the spelling bee at his school.', 'child-in-crime-story')).toEqual(
      [],
    );
  });
  it('uk-ew.threats points at the people named or described near the threat', () => {
    expect(
      places(
        'She said she had received a death threat. Fellow MPs Rosie Duffield and Neale Hanvey were also named in the posts.',
        'threats',
      ),
    ).toEqual([['MPs', 'Rosie Duffield']]);
    expect(of('Rosie Duffield opened the new library on Saturday.', 'threats')).toEqual([]);
  });
});

describe('prepub scan shows the places a finding points at apart from its repeats', () => {
  it('"check …" lists them, and the counts count the finding once', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'story.md'),
      'A brave rape victim has spoken about her ordeal.\n\nThe woman, who is 19, lived in the town.\n',
    );
    const r = await runInProcess(['scan', 'story.md', '--fail-on', 'high'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'check 1:14 "victim" (the complainant), 3:1 "The woman" (the complainant)',
    );
    expect(r.stdout).not.toContain('times in all');
    expect(r.stderr).toContain('1 finding at or above high');
  });
});
