// Shared test data for the sign-off sheet: the fixture records and a small pack built in code.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Question, type Pack } from '../../src/core/checklist/schema.js';
import { RecordFile } from '../../src/core/record/schema.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/records');

export function fixture(name: 'care-home-contracts' | 'hostile'): RecordFile {
  return RecordFile.parse(
    JSON.parse(readFileSync(path.join(FIXTURES, `${name}.prepub.json`), 'utf8')),
  );
}

const q = (data: Record<string, unknown>) => Question.parse(data);

/** A pack holding a few of the questions the care-home record answers, in a known order. */
export function smallPack(sha256: string): Pack {
  const yesNo = { yes: { risk: 'low' }, no: { risk: 'none' }, unsure: { risk: 'low' } };
  return {
    id: 'uk-ew',
    title: 'Test pack',
    jurisdiction: 'England & Wales',
    version: '1.0.0',
    sha256,
    dir: '/nonexistent',
    sections: [
      {
        id: 'defamation',
        title: 'Defamation (test)',
        why: 'Reputation.',
        questions: [
          q({
            id: 'defamation.chase-level',
            ask: 'What does the piece say about them?',
            guidance: 'Chase levels.',
            citations: ['Chase v News Group Newspapers Ltd [2002] EWCA Civ 1772'],
            type: 'choice',
            answers: {
              'did-it': { label: 'They did it', risk: 'high', lawyer: true },
              'reasonable-grounds-to-suspect': {
                label: 'Grounds to suspect (pack label)',
                risk: 'high',
                lawyer: true,
              },
            },
          }),
          q({
            id: 'defamation.criticises-someone',
            ask: 'Does the story criticise someone?',
            guidance: 'Defamation basics.',
            citations: ['Defamation Act 2013 s1', 'Lachaux v Independent Print Ltd [2019] UKSC 27'],
            type: 'yes-no',
            answers: yesNo,
          }),
          q({
            id: 'defamation.reply-record',
            ask: 'What did you put to the subject?',
            guidance: 'Record it.',
            citations: ['Defamation Act 2013 s4'],
            type: 'text',
            outcome: { risk: 'none' },
          }),
        ],
      },
      {
        id: 'safety',
        title: 'Safety (test)',
        why: 'Harm.',
        questions: [
          q({
            id: 'safety.people-at-risk',
            ask: 'Could anyone be put at risk?',
            guidance: 'Think.',
            citations: ['ECHR Art 2'],
            type: 'yes-no',
            answers: { yes: { risk: 'high' }, no: { risk: 'none' } },
          }),
        ],
      },
    ],
  };
}
