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

const OPEN = '<!--';
const KEYWORD = 'prepub-ignore';
const CLOSE = '-->';
const BLANK_LINE = /\r?\n[ \t]*\r?\n/g;
const RULE_ID = /^[a-z0-9-]+\.[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Problems listed one per line; past this many, the rest are counted. */
export const MAX_PROBLEMS = 20;

/** ASCII word character, as `\b` counts them. */
function isWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * The paragraph after each comment, found in one pass over the text: comments come in text
 * order, and the blank line that ends one paragraph is remembered for the next comment rather
 * than searched for again from each (that was quadratic in a text of comments without blank
 * lines).
 */
class Paragraphs {
  private from = -1;
  private blank = -1;

  constructor(private readonly text: string) {}

  after(at: number): { start: number; end: number } {
    const text = this.text;
    let start = at;
    while (start < text.length && /\s/.test(text.charAt(start))) start++;
    if (this.from < 0 || start < this.from || (this.blank >= 0 && start > this.blank)) {
      BLANK_LINE.lastIndex = start;
      this.from = start;
      this.blank = BLANK_LINE.exec(text)?.index ?? -1;
    }
    return { start, end: this.blank >= 0 ? this.blank : text.length };
  }
}

/**
 * The `<!-- prepub-ignore … -->` comments of a text, in order: [start, body start, body end,
 * end]. One pass: after a comment the search goes on past its end; when no "-->" follows an
 * opening, none can follow a later one either, so the search stops (a regular expression
 * looked for it again from every later opening: quadratic).
 */
function* comments(text: string): Generator<[number, number, number, number]> {
  let from = 0;
  for (;;) {
    const open = text.indexOf(OPEN, from);
    if (open < 0) return;
    let p = open + OPEN.length;
    for (let c = text.charCodeAt(p); c === 32 || c === 9 || c === 13 || c === 10;) {
      c = text.charCodeAt(++p);
    }
    if (!text.startsWith(KEYWORD, p) || isWord(text.charCodeAt(p + KEYWORD.length))) {
      from = open + 1;
      continue;
    }
    const body = p + KEYWORD.length;
    const close = text.indexOf(CLOSE, body);
    if (close < 0) return;
    yield [open, body, close, close + CLOSE.length];
    from = close + CLOSE.length;
  }
}

/**
 * Find the suppression comments of a draft's text, in one pass. Problems are listed up to
 * MAX_PROBLEMS; `moreProblems` counts the rest.
 */
export function findSuppressions(
  text: string,
  knownRules: ReadonlySet<string>,
): { suppressions: Suppression[]; problems: SuppressionProblem[]; moreProblems: number } {
  const suppressions: Suppression[] = [];
  const problems: SuppressionProblem[] = [];
  let more = 0;
  const problem = (offset: number, message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ offset, message });
    else more++;
  };
  if (!text.includes(KEYWORD)) return { suppressions, problems, moreProblems: 0 };
  const paragraphs = new Paragraphs(text);
  for (const [commentStart, bodyStart, bodyEnd, commentEnd] of comments(text)) {
    const body = text.slice(bodyStart, bodyEnd).trim();
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
      problem(commentStart, `prepub-ignore names no rule; write ${example}`);
      continue;
    }
    if (reason === '') {
      problem(commentStart, `prepub-ignore ${ruleList.join(', ')} has no reason; write ${example}`);
      continue;
    }
    const unknown = ruleList.filter((r) => !knownRules.has(r));
    if (unknown.length > 0) {
      const bad = unknown.map((r) =>
        RULE_ID.test(r) ? `"${r}" is not a rule of this pack` : `"${r}" is not a rule id`,
      );
      problem(commentStart, `prepub-ignore: ${bad.join('; ')}`);
      continue;
    }
    const { start, end } = paragraphs.after(commentEnd);
    suppressions.push({ rules: ruleList, reason, commentStart, commentEnd, start, end });
  }
  return { suppressions, problems, moreProblems: more };
}
