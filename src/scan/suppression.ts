// Suppressions are never silent. In a draft, `<!-- prepub-ignore <rule>[, <rule>…]: <reason> -->`
// suppresses those rules in the paragraph that follows the comment: the rest of the comment's
// own line if it has text, else the next paragraph (up to a blank line; in HTML, up to the end
// of the next block element such as a <p>). On the command line, `--ignore <rule>=<reason>` suppresses a rule
// everywhere. A suppression without a reason, or naming no known rule, is an input error.

export interface Suppression {
  readonly rules: readonly string[];
  readonly reason: string;
  /** The comment itself. */
  readonly commentStart: number;
  readonly commentEnd: number;
  /** The text it applies to. */
  readonly start: number;
  readonly end: number;
}

export interface SuppressionProblem {
  readonly offset: number;
  readonly message: string;
}

const COMMENT = /<!--[ \t\r\n]*prepub-ignore\b([\s\S]*?)-->/g;
const BLANK_LINE = /\r?\n[ \t]*\r?\n/g;
const RULE_ID = /^[a-z0-9-]+\.[a-z0-9]+(?:-[a-z0-9]+)*$/;

function paragraphAfter(text: string, from: number): { start: number; end: number } {
  let start = from;
  while (start < text.length && /\s/.test(text.charAt(start))) start++;
  BLANK_LINE.lastIndex = start;
  const blank = BLANK_LINE.exec(text);
  return { start, end: blank ? blank.index : text.length };
}

/** Find the suppression comments of a draft's text. */
export function findSuppressions(
  text: string,
  knownRules: ReadonlySet<string>,
): { suppressions: Suppression[]; problems: SuppressionProblem[] } {
  const suppressions: Suppression[] = [];
  const problems: SuppressionProblem[] = [];
  if (!text.includes('prepub-ignore')) return { suppressions, problems };
  COMMENT.lastIndex = 0;
  for (let m = COMMENT.exec(text); m !== null; m = COMMENT.exec(text)) {
    const body = (m[1] ?? '').trim();
    const colon = body.indexOf(':');
    const ruleList = (colon >= 0 ? body.slice(0, colon) : body)
      .split(/[\s,]+/)
      .filter((r) => r.length > 0);
    const reason =
      colon >= 0
        ? body
            .slice(colon + 1)
            .trim()
            .replace(/\s+/g, ' ')
        : '';
    const example = `<!-- prepub-ignore ${ruleList[0] ?? '<rule>'}: <reason> -->`;
    if (ruleList.length === 0) {
      problems.push({ offset: m.index, message: `prepub-ignore names no rule; write ${example}` });
      continue;
    }
    if (reason === '') {
      problems.push({
        offset: m.index,
        message: `prepub-ignore ${ruleList.join(', ')} has no reason; write ${example}`,
      });
      continue;
    }
    const unknown = ruleList.filter((r) => !knownRules.has(r));
    if (unknown.length > 0) {
      const bad = unknown.map((r) =>
        RULE_ID.test(r) ? `"${r}" is not a rule of this pack` : `"${r}" is not a rule id`,
      );
      problems.push({ offset: m.index, message: `prepub-ignore: ${bad.join('; ')}` });
      continue;
    }
    const commentEnd = m.index + m[0].length;
    const { start, end } = paragraphAfter(text, commentEnd);
    suppressions.push({ rules: ruleList, reason, commentStart: m.index, commentEnd, start, end });
  }
  return { suppressions, problems };
}
