// A lint for scan-rule patterns, shared by the pack loader (warnings) and its tests.

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
