// The mini pack and records on it, for the check's plan, session and review screen.
import { loadPackFromFiles } from '../../src/core/checklist/loader.js';
import { SECTION_IDS, type Pack } from '../../src/core/checklist/schema.js';
import { newRecord } from '../../src/core/record/build.js';
import type { RecordFile } from '../../src/core/record/schema.js';
import type { Finding } from '../../src/core/scan/finding.js';
import { MINI } from '../fixtures/packs/mini.js';

export const pack: Pack = loadPackFromFiles(
  'mini',
  Object.entries(MINI).map(([name, text]) => ({ name, display: name, text })),
).value!;

export const AT = '2026-01-02T03:04:05.000Z';
export const SHA_A = 'a'.repeat(64);
export const SHA_B = 'b'.repeat(64);

export const plate: Finding = {
  rule: 'mini.plate',
  section: 'safety',
  severity: 'high',
  line: 3,
  column: 5,
  endLine: 3,
  endColumn: 13,
  excerpt: 'LK19 XYZ',
  message: 'A vehicle registration mark.',
  questions: ['safety.plates'],
};

export const story = { slug: 'fete', headline: 'Village fete', desk: 'news', reporter: 'Jane' };

/** A draft record on the mini pack with these answers (as stored, whatever the engine says). */
export function draftWith(answers: Record<string, { value: string; note?: string }>): RecordFile {
  const r = newRecord({
    id: '00000000-0000-4000-8000-000000000001',
    pack,
    story,
    article: { path: 'fete.md', sha256: SHA_A, bytes: 10 },
    findings: [],
    by: 'Jane',
    now: AT,
  });
  const stored = Object.fromEntries(
    Object.entries(answers).map(([id, a]) => [id, { ...a, answeredAt: AT }]),
  );
  // A record names a risk for every canonical section; the mini pack has two of them.
  const sections = Object.fromEntries(
    SECTION_IDS.map((id) => [id, r.record.assessment.sections[id] ?? 'none']),
  ) as RecordFile['record']['assessment']['sections'];
  const assessment = { ...r.record.assessment, sections };
  return { ...r, record: { ...r.record, answers: stored, assessment } };
}
