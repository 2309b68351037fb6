// JSON Schemas for the files newsrooms write and read, generated from the zod schemas (the one
// source of truth), so editors can offer completion. test/schemas.test.ts checks that the files
// in schemas/ are current; `npm run schemas` rewrites them. (Rules: scripts/schemas-rules.ts.)
import { z } from 'zod';
import { Manifest, Section } from '../src/core/checklist/schema.js';
import { Config } from '../src/core/config/schema.js';
import { AnswersFile } from '../src/core/record/answers-file.js';
import { RecordFile } from '../src/core/record/schema.js';
import { Keyring } from '../src/core/signing/keyring.js';

const SCHEMAS: { file: string; title: string; schema: z.ZodType; io: 'input' | 'output' }[] = [
  {
    file: 'pack.schema.json',
    title: 'prepub checklist pack manifest (checklists/<id>/pack.yaml)',
    schema: Manifest,
    io: 'input',
  },
  {
    file: 'section.schema.json',
    title: 'prepub checklist section (checklists/<id>/<section>.yaml)',
    schema: Section,
    io: 'input',
  },
  {
    file: 'answers.schema.json',
    title: 'prepub answers file (prepub check --answers)',
    schema: AnswersFile,
    io: 'input',
  },
  {
    file: 'record.schema.json',
    title: 'prepub record (*.prepub.json)',
    schema: RecordFile,
    io: 'output',
  },
  {
    file: 'config.schema.json',
    title: 'prepub configuration (prepub.config.json)',
    schema: Config,
    io: 'input',
  },
  { file: 'keyring.schema.json', title: 'prepub keyring', schema: Keyring, io: 'input' },
];

export function jsonSchemas(): { path: string; text: string }[] {
  return SCHEMAS.map(({ file, title, schema, io }) => {
    const body = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
    const out = { $id: `https://prepub.invalid/schemas/${file}`, title, ...body };
    return { path: `schemas/${file}`, text: `${JSON.stringify(out, null, 2)}\n` };
  });
}
