// Where a scan rule holds its matchers, and a lint for their patterns: shared by the rules schema
// (which checks every pattern compiles) and the pack loader (which warns of case-blind ones), so
// both look in the same places.

type Loose = Record<string, unknown>;

function object(v: unknown): Loose | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : undefined;
}

/**
 * Each matcher of a rule (an object that may hold `terms`, `pattern` or `detector`) with its path
 * below the rule: the match, its near, unless and only-if, the context lists (unless-near,
 * corroborate, points-at) and the downgrade. Reads leniently: what is not an object is skipped,
 * so it serves rules not yet validated as well as validated ones.
 */
export function matcherPlaces(rule: unknown): [(string | number)[], Loose][] {
  const out: [(string | number)[], Loose][] = [];
  const add = (path: (string | number)[], v: unknown) => {
    const m = object(v);
    if (m) out.push([path, m]);
  };
  const r = object(rule);
  const match = object(r?.match);
  add(['match'], match);
  add(['match', 'near'], match?.near);
  add(['match', 'unless'], match?.unless);
  const context = object(r?.context);
  for (const key of ['unless-near', 'corroborate', 'points-at']) {
    const list = context?.[key];
    if (Array.isArray(list)) list.forEach((m, j) => add(['context', key, j], m));
  }
  add(['match', 'only-if'], match?.['only-if']);
  add(['downgrade'], r?.downgrade);
  return out;
}

/**
 * Why a pattern that ignores case does not say what it means, or undefined. Under the `i` flag
 * JavaScript lets `\p{Lu}`, `\p{Ll}` and `[A-Z]` match letters of either case, so a pattern
 * written to find a capitalised name ("at his \p{Lu}... home") finds any word. A warning, not an
 * error: released packs are frozen, and a newsroom's own pack may mean it.
 */
export function caseFoldProblem(pattern: string, caseSensitive: boolean): string | undefined {
  if (caseSensitive) return undefined;
  const m = /\\p\{(?:Lu|Ll|Lt|Uppercase_Letter|Lowercase_Letter|Titlecase_Letter)\}|\[A-Z\]/.exec(
    pattern,
  );
  if (!m) return undefined;
  return `"${m[0]}" matches letters of either case, because the pattern ignores case: add "case-sensitive: true" if it means a capital (or small) letter, or write \\p{L}`;
}
