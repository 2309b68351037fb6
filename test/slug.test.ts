import { describe, expect, it } from 'vitest';
import { slugify } from '../src/core/slug.js';

describe('slugify', () => {
  it('drops accents, lowers case and joins the rest with single hyphens', () => {
    expect(slugify("Amélie O'Neill")).toBe('amelie-o-neill');
    expect(slugify('  Résumé -- draft__v2.md ')).toBe('resume-draft-v2-md');
  });
  it('cuts to the longest allowed without a trailing hyphen', () => {
    expect(slugify('care home contracts', 10)).toBe('care-home');
  });
  it('is empty when nothing is left', () => {
    expect(slugify('—…—')).toBe('');
  });
});
