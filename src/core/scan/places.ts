// A finding's other places, split as people read them (scan output, the walk, the sheet). Kept
// apart from finding.ts, which loads zod: the renderers that use this must not.
import type { Finding } from './finding.js';
export type Place = NonNullable<Finding['repeats']>[number];

/**
 * A finding's other places, split as people read them: `repeats`, the same problem again (counted
 * as times in all), and `pointsAt`, where the problem lies (`context.points-at`: "the
 * complainant"), listed apart and not counted.
 */
export function placesOf(f: Finding): { repeats: Place[]; pointsAt: Place[] } {
  const repeats: Place[] = [];
  const pointsAt: Place[] = [];
  for (const r of f.repeats ?? []) (r.why === undefined ? repeats : pointsAt).push(r);
  return { repeats, pointsAt };
}
