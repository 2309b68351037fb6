// JSON Schema for checklists/<id>/rules.yaml, generated from the zod schema (the one source of
// truth). test/scan/rules-schema.test.ts checks that schemas/rules.schema.json is current and
// rewrites it with UPDATE_SCHEMAS=1:  UPDATE_SCHEMAS=1 npx vitest run test/scan/rules-schema.test.ts
import { z } from 'zod';
import { RulesFile } from '../src/core/scan/rules-schema.js';

export const RULES_SCHEMA_PATH = 'schemas/rules.schema.json';

export function rulesJsonSchema(): string {
  const schema = z.toJSONSchema(RulesFile, { io: 'input', unrepresentable: 'any' });
  const out = {
    $id: 'https://prepub.invalid/schemas/rules.schema.json',
    title: 'prepub scan rules (checklists/<id>/rules.yaml)',
    ...schema,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
