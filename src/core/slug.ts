// A name as a file-name-safe slug: accents dropped, lower case, runs of anything else as one hyphen.
// Used for story slugs (from a draft's file name) and key file names (from a person's name).

/** "Amélie O'Neill" → "amelie-o-neill"; at most `max` characters; "" when nothing is left. */
export function slugify(s: string, max = Infinity): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}
