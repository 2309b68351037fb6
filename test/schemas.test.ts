// The committed JSON Schemas are what the zod schemas generate. UPDATE_SCHEMAS=1 rewrites them.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../scripts/schemas.js';
import { ROOT } from './helpers/cli.js';

describe('schemas/', () => {
  it.each(jsonSchemas())('$path is current', ({ path: file, text }) => {
    const at = path.join(ROOT, file);
    if (process.env.UPDATE_SCHEMAS) writeFileSync(at, text);
    expect(readFileSync(at, 'utf8')).toBe(text);
  });
});
