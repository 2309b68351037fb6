// A `when` condition in words, for `checklists show` and the walk.
import type { Condition } from '../core/checklist/schema.js';

export function describeCondition(c: Condition): string {
  if (c.answer !== undefined && c.includes !== undefined) {
    const values = Array.isArray(c.includes) ? c.includes : [c.includes];
    return `${c.answer} includes ${values.join(' or ')}`;
  }
  if (c.answer !== undefined) {
    const values = Array.isArray(c.is) ? c.is : [c.is ?? ''];
    return `${c.answer} is ${values.join(' or ')}`;
  }
  if (c.finding !== undefined) return `the scan finds ${c.finding}`;
  if (c['section-findings'] !== undefined)
    return `the scan finds anything in ${c['section-findings']}`;
  if (c.all) return c.all.map(describeCondition).join(' and ');
  if (c.any) return c.any.map(describeCondition).join(' or ');
  if (c.not) return `not (${describeCondition(c.not)})`;
  return '?';
}
