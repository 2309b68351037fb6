// The scanner: text and rules in, findings out. Pure: no files, no process, no terminal.
//
// One pass over the words serves every word-list rule (a map from word form to the terms it
// starts); regular expressions and detectors each make one linear pass; positions come from a
// line-start table with binary search. So the cost grows linearly with the text.
import { UserError } from '../../errors.js';
import type { SectionId } from '../checklist/schema.js';
import type { Finding } from './finding.js';
import { SEVERITIES, type Severity } from './severity.js';
import { DETECTORS, isDetectorId } from './detectors/registry.js';
import { regexSpans, type Span } from './detectors/types.js';
import { floorIndex, LineTable } from './positions.js';
import type { ContextMatcher, Rule } from './rules-schema.js';
import { ScanContext } from './context.js';
import { readStory, type CourtStage, type ReadingKind } from './reading.js';
import { htmlToText } from './html-text.js';
import { findSuppressions, type Suppression } from './suppression.js';
import { TermIndex } from './term-index.js';
import { tokenize, type Tokens } from './tokens.js';
import { sentenceIds } from './sentences.js';
import { overlapping } from './overlap.js';

export interface ScanOptions {
  /** Only rules of these sections. */
  readonly sections?: readonly SectionId[] | undefined;
  /** Suppress rules everywhere (from `--ignore rule=reason`): rule id → reason. */
  readonly ignore?: ReadonlyMap<string, string> | undefined;
  /** Honour `<!-- prepub-ignore … -->` comments in the text (default true). */
  readonly comments?: boolean | undefined;
  /** The source the text came from (HTML): lines and columns are counted in it. */
  readonly source?: string | undefined;
  /** Maps a text offset to a source offset (`end` for an exclusive end); needed with `source`. */
  readonly toSource?: ((offset: number, end?: boolean) => number) | undefined;
  /** The file name used in error messages. */
  readonly file?: string | undefined;
  /** Findings listed per rule, open and suppressed each (default MAX_FINDINGS_PER_RULE). */
  readonly maxFindingsPerRule?: number | undefined;
}

/**
 * Findings listed per rule, open and suppressed each; the rest are counted, not listed. A rule
 * that fires a hundred times has made its point, and a hostile text of nothing but triggers
 * (5 MB: half a million findings, 1 GB of objects and JSON) stays small. Counting open and
 * suppressed separately keeps `--fail-on` exact.
 */
export const MAX_FINDINGS_PER_RULE = 100;

/** The findings of one rule that were counted but not listed. */
export interface OmittedFindings {
  readonly rule: string;
  readonly section: SectionId;
  readonly severity: Severity;
  /** Not suppressed. */
  readonly open: number;
  readonly suppressed: number;
}

/**
 * The story-level reading as prepub shows it (scanner 2): stable, consumed by `scan` and, later,
 * by `check` for screening defaults. Positions are 1-based line and column, like findings'.
 */
export interface StoryReading {
  readonly kind: ReadingKind;
  readonly stage?: CourtStage;
  readonly also: readonly ReadingKind[];
  readonly label: string;
  readonly evidence: readonly {
    readonly line: number;
    readonly column: number;
    readonly excerpt: string;
    readonly why: string;
  }[];
}

export interface ScanReport {
  readonly findings: Finding[];
  /** Per rule, in the pack's order; empty unless a rule went over the limit. */
  readonly omitted: OmittedFindings[];
  /** The story reading: only for rules that use scanner 2 (a `context` or `title`). */
  readonly reading?: StoryReading;
}

type MatcherSpec = {
  terms?: string[] | undefined;
  pattern?: string | undefined;
  detector?: string | undefined;
  'case-sensitive'?: boolean | undefined;
  inflect?: boolean | undefined;
  gap?: number | undefined;
};

type Compiled =
  | { readonly kind: 'terms'; readonly slot: number }
  | { readonly kind: 'pattern'; readonly re: RegExp }
  | { readonly kind: 'detector'; readonly name: string };

interface CompiledContextMatcher {
  readonly matcher: Compiled;
  readonly within: number;
  readonly sameSentence: boolean;
  readonly why: string;
  /** `overlap: true`: the match's own words, not words near it. */
  readonly overlap: boolean;
}

interface CompiledRule {
  readonly rule: Rule;
  readonly primary: Compiled;
  readonly near?: { readonly matcher: Compiled; readonly within: number };
  readonly unless?: Compiled;
  readonly unlessNear?: readonly CompiledContextMatcher[];
  readonly corroborate?: readonly CompiledContextMatcher[];
  /** `context.points-at` (uk-ew 2.1.0 round 3): further places of a story-level finding. */
  readonly pointsAt?: readonly CompiledContextMatcher[];
  /** #14: keep findings only when this matches somewhere; lower the severity when that matches. */
  readonly onlyIf?: Compiled;
  readonly downgrade?: { readonly matcher: Compiled; readonly to: Severity };
}

interface Plan {
  readonly index: TermIndex;
  readonly rules: readonly CompiledRule[];
  readonly ids: ReadonlySet<string>;
  /** Scanner 2: some rule has a `context` or a `title` (allowed only under `scanner: 2`). */
  readonly v2: boolean;
  /** The story-reading version: 2 when some rule's context asks for it (`reading: 2`). */
  readonly readingVersion: 1 | 2;
}

function compileContextMatcher(
  m: ContextMatcher,
  index: TermIndex,
  patterns: Map<string, RegExp>,
  ruleId: string,
): CompiledContextMatcher {
  const matcher = compileMatcher(m, index, patterns, ruleId);
  const isName = matcher.kind === 'detector' && matcher.name === 'person-name';
  return {
    matcher,
    within: m.within ?? 12,
    sameSentence: !(m['cross-sentences'] === true || isName),
    why: m.why ?? (isName ? 'a named person' : 'nearby'),
    overlap: m.overlap === true,
  };
}

const plans = new WeakMap<readonly Rule[], Plan>();

function compileMatcher(
  m: MatcherSpec,
  index: TermIndex,
  patterns: Map<string, RegExp>,
  ruleId: string,
): Compiled {
  if (m.terms !== undefined) {
    return {
      kind: 'terms',
      slot: index.add(m.terms, {
        caseSensitive: m['case-sensitive'],
        inflect: m.inflect,
        ...(m.gap !== undefined ? { gap: m.gap } : {}),
      }),
    };
  }
  if (m.pattern !== undefined) {
    // Rules that share an expression share one RegExp, so its spans are found once per scan.
    const flags = m['case-sensitive'] === true ? 'gu' : 'giu';
    const key = `${flags}/${m.pattern}`;
    let re = patterns.get(key);
    if (re === undefined) patterns.set(key, (re = new RegExp(m.pattern, flags)));
    return { kind: 'pattern', re };
  }
  if (m.detector !== undefined && isDetectorId(m.detector))
    return { kind: 'detector', name: m.detector };
  throw new Error(`rule ${ruleId}: matcher has no terms, pattern or known detector`);
}

/** Compile rules once; the result is cached for the same array. */
export function compileRules(rules: readonly Rule[]): Plan {
  const cached = plans.get(rules);
  if (cached) return cached;
  const index = new TermIndex();
  const patterns = new Map<string, RegExp>();
  const compiled = rules.map((rule): CompiledRule => {
    const primary = compileMatcher(rule.match, index, patterns, rule.id);
    const near = rule.match.near;
    const unless = rule.match.unless;
    const onlyIf = rule.match['only-if'];
    const downgrade = rule.downgrade;
    return {
      rule,
      primary,
      ...(near
        ? { near: { matcher: compileMatcher(near, index, patterns, rule.id), within: near.within } }
        : {}),
      ...(unless ? { unless: compileMatcher(unless, index, patterns, rule.id) } : {}),
      ...(rule.context?.['unless-near']
        ? {
            unlessNear: rule.context['unless-near'].map((m) =>
              compileContextMatcher(m, index, patterns, rule.id),
            ),
          }
        : {}),
      ...(rule.context?.corroborate
        ? {
            corroborate: rule.context.corroborate.map((m) =>
              compileContextMatcher(m, index, patterns, rule.id),
            ),
          }
        : {}),
      ...(rule.context?.['points-at']
        ? {
            pointsAt: rule.context['points-at'].map((m) =>
              compileContextMatcher(m, index, patterns, rule.id),
            ),
          }
        : {}),
      ...(onlyIf ? { onlyIf: compileMatcher(onlyIf, index, patterns, rule.id) } : {}),
      ...(downgrade
        ? {
            downgrade: {
              matcher: compileMatcher(downgrade, index, patterns, rule.id),
              to: downgrade.to,
            },
          }
        : {}),
    };
  });
  const plan: Plan = {
    index,
    rules: compiled,
    ids: new Set(rules.map((r) => r.id)),
    v2: rules.some((r) => r.context !== undefined || r.title !== undefined),
    readingVersion: rules.some((r) => r.context?.reading === 2) ? 2 : 1,
  };
  plans.set(rules, plan);
  return plan;
}

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** Merge overlapping spans ("her home" + "home address" → "her home address"); sort by start. */
function dedupe(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last !== undefined && s.start < last.end) {
      if (s.end > last.end) out[out.length - 1] = { start: last.start, end: s.end };
      continue;
    }
    out.push(s);
  }
  return out;
}

/**
 * Which suppression applies where, by binary search rather than a scan of every comment for
 * every finding (quadratic in a text of both). Comments do not overlap and come in text order;
 * the paragraph a comment applies to ends at the first blank line after it, so for any one rule
 * the ends never decrease either.
 */
class SuppressionIndex {
  private readonly commentStarts: number[];
  private readonly byRule = new Map<string, { ends: number[]; list: Suppression[] }>();

  constructor(private readonly list: readonly Suppression[]) {
    this.commentStarts = list.map((s) => s.commentStart);
    for (const s of list) {
      for (const rule of new Set(s.rules)) {
        let entry = this.byRule.get(rule);
        if (entry === undefined) this.byRule.set(rule, (entry = { ends: [], list: [] }));
        entry.ends.push(s.end);
        entry.list.push(s);
      }
    }
  }

  /** True when the span overlaps a comment (the words of the comment itself). */
  inComment(span: Span): boolean {
    const k = floorIndex(this.commentStarts, span.end - 1);
    return k >= 0 && (this.list[k] as Suppression).commentEnd > span.start;
  }

  /** The first suppression of `rule` whose paragraph holds `offset`. */
  find(rule: string, offset: number): Suppression | undefined {
    const entry = this.byRule.get(rule);
    if (entry === undefined) return undefined;
    const s = entry.list[floorIndex(entry.ends, offset) + 1];
    return s !== undefined && s.start <= offset ? s : undefined;
  }
}

/** First token index whose start is >= offset. */
function tokenAtOrAfter(tokens: Tokens, offset: number): number {
  const i = floorIndex(tokens.starts, offset - 1);
  return i + 1;
}

function tokenRange(tokens: Tokens, s: Span): [number, number] {
  const a = Math.min(tokenAtOrAfter(tokens, s.start), Math.max(0, tokens.count - 1));
  const b = Math.max(a, floorIndex(tokens.starts, s.end - 1));
  return [a, b];
}

/** Word ranges of a matcher's spans, sorted by first word; shared by the rules near the same. */
const rangesMemo = new WeakMap<
  readonly Span[],
  { readonly tokens: Tokens; readonly ranges: [number, number][]; readonly starts: number[] }
>();

function nearRanges(
  tokens: Tokens,
  near: readonly Span[],
): { readonly ranges: [number, number][]; readonly starts: number[] } {
  const memo = rangesMemo.get(near);
  if (memo !== undefined && memo.tokens === tokens) return memo;
  const ranges = near.map((s) => tokenRange(tokens, s)).sort((x, y) => x[0] - y[0]);
  const out = { tokens, ranges, starts: ranges.map((r) => r[0]) };
  rangesMemo.set(near, out);
  return out;
}

/**
 * The primary spans with a near span within `within` words. The near span must be in the same
 * sentence, unless `crossSentences`: a person named in one sentence is "he" or "she" in the
 * next ("Darren Voss, 44, runs a car wash. He was arrested on suspicion of…"), so a name counts
 * wherever it is within the window.
 */
function nearFilter(
  tokens: Tokens,
  sentences: Int32Array,
  primary: readonly Span[],
  near: readonly Span[],
  within: number,
  crossSentences: boolean,
): Span[] {
  if (near.length === 0) return [];
  const { ranges, starts } = nearRanges(tokens, near);
  return primary.filter((p) => {
    const [a, b] = tokenRange(tokens, p);
    let k = floorIndex(starts, b + within);
    for (; k >= 0; k--) {
      const [na, nb] = ranges[k] as [number, number];
      if (na < a - within - 16) break;
      if (
        nb >= a - within &&
        (crossSentences ||
          sentences[na] === sentences[a] ||
          sentences[nb] === sentences[b] ||
          sentences[na] === sentences[b])
      )
        return true;
    }
    return false;
  });
}

/** How much of a span an excerpt looks at: merged spans can be long, excerpts are not. */
const EXCERPT_SOURCE = 1000;

function excerptOf(text: string, s: Span): string {
  const cut = s.end - s.start > EXCERPT_SOURCE;
  const raw = text
    .slice(s.start, cut ? s.start + EXCERPT_SOURCE : s.end)
    .replace(/\s+/g, ' ')
    .trim();
  return raw.length > 120 || cut ? `${raw.slice(0, 119)}…` : raw;
}

function describeProblemAt(
  lines: LineTable,
  file: string,
  offset: number,
  message: string,
): string {
  const p = lines.at(offset);
  return `${file}:${p.line}:${p.column}: ${message}`;
}

/** How to map text offsets to the source: given, derived from HTML source, or the identity. */
function sourceMap(text: string, opts: ScanOptions): (offset: number, end?: boolean) => number {
  const identity = (offset: number) => offset;
  if (opts.source === undefined || opts.source === text) return identity;
  if (opts.toSource) return opts.toSource;
  // A caller that passed an HTML source without its map: rebuild it.
  const html = htmlToText(opts.source);
  return html.text === text ? html.toSource : identity;
}

/**
 * Scan a text. Findings come in text order (line, column, then rule id); suppressed findings
 * stay in the list, marked `suppressed` with their reason. Throws UserError for a suppression
 * without a reason or naming an unknown rule.
 */
export function scanText(text: string, rules: readonly Rule[], opts: ScanOptions = {}): Finding[] {
  return scanReport(text, rules, opts).findings;
}

/** scanText, with the count of findings past the per-rule limit. */
export function scanReport(
  text: string,
  rules: readonly Rule[],
  opts: ScanOptions = {},
): ScanReport {
  const plan = compileRules(rules);
  const file = opts.file ?? '<text>';
  const source = opts.source ?? text;
  const toSource = sourceMap(text, opts);

  let lines: LineTable | undefined;
  const lineTable = () => (lines ??= new LineTable(source));

  for (const rule of opts.ignore?.keys() ?? []) {
    if (!plan.ids.has(rule))
      throw new UserError(`--ignore ${rule}: no rule with that id in this pack`, { code: 'USAGE' });
  }
  let suppressions: Suppression[] = [];
  if (opts.comments !== false) {
    const found = findSuppressions(text, plan.ids);
    if (found.problems.length > 0) {
      const [first, ...rest] = found.problems.map((p) =>
        describeProblemAt(lineTable(), file, toSource(p.offset), p.message),
      );
      if (found.moreProblems > 0) rest.push(`and ${found.moreProblems} more like these`);
      throw new UserError(first as string, { code: 'INPUT_INVALID', lines: rest });
    }
    suppressions = found.suppressions;
  }

  const wanted = opts.sections ? new Set<string>(opts.sections) : undefined;
  const active = plan.rules.filter((r) => wanted === undefined || wanted.has(r.rule.section));
  if (active.length === 0) return { findings: [], omitted: [] };
  const suppressedBy = new SuppressionIndex(suppressions);
  const limit = opts.maxFindingsPerRule ?? MAX_FINDINGS_PER_RULE;
  const omitted: OmittedFindings[] = [];

  const tokens = tokenize(text);
  const termSpans = plan.index.run(text, tokens);
  const memo = new Map<string, readonly Span[]>();
  const detect = (name: string): readonly Span[] => {
    let spans = memo.get(name);
    if (spans === undefined) {
      if (!isDetectorId(name)) throw new Error(`unknown detector ${name}`);
      spans = DETECTORS[name]({ text, tokens, detect });
      memo.set(name, spans);
    }
    return spans;
  };
  // A pattern's spans, found once per scan: judge asks for a context matcher's spans per match.
  const patternMemo = new Map<RegExp, readonly Span[]>();
  const spansOf = (m: Compiled): readonly Span[] => {
    switch (m.kind) {
      case 'terms':
        return termSpans[m.slot] ?? [];
      case 'pattern': {
        let spans = patternMemo.get(m.re);
        if (spans === undefined) patternMemo.set(m.re, (spans = regexSpans(text, m.re)));
        return spans;
      }
      case 'detector':
        return detect(m.name);
    }
  };

  let sentences: Int32Array | undefined;
  const findings: { finding: Finding; start: number }[] = [];
  // Scanner 2: the story reading, the context of each match, grouped repeats.
  const context = plan.v2 ? new ScanContext(text, tokens) : undefined;
  const story = plan.v2 ? readStory(text, plan.readingVersion) : undefined;
  const place = (offset: number) => lineTable().at(toSource(offset));
  const reading: StoryReading | undefined = story && {
    kind: story.kind,
    ...(story.stage !== undefined ? { stage: story.stage } : {}),
    also: story.also,
    label: story.label,
    evidence: story.evidence.map((e) => ({ ...place(e.start), excerpt: e.excerpt, why: e.why })),
  };
  for (const c of active) {
    if (c.unless && spansOf(c.unless).length > 0) continue;
    const cx = c.rule.context;
    if (story && cx?.['unless-reading']?.includes(story.kind)) continue;
    if (c.onlyIf && spansOf(c.onlyIf).length === 0) continue;
    let spans = spansOf(c.primary);
    if (spans.length === 0) continue;
    if (c.near)
      spans = nearFilter(
        tokens,
        (sentences ??= sentenceIds(text, tokens)),
        spans,
        spansOf(c.near.matcher),
        c.near.within,
        c.near.matcher.kind === 'detector' && c.near.matcher.name === 'person-name',
      );
    const { rule } = c;
    // A rule's downgrade (its matcher found in the draft) caps whatever severity the context gives.
    const cap = c.downgrade && spansOf(c.downgrade.matcher).length > 0 ? c.downgrade.to : undefined;
    const byFlag = opts.ignore?.get(rule.id);
    let listedOpen = 0;
    let listedSuppressed = 0;
    let omittedOpen = 0;
    let omittedSuppressed = 0;
    const groups = plan.v2 ? new Map<string, Finding>() : undefined;
    const kept: Span[] = [];
    for (const span of dedupe(spans)) {
      if (suppressedBy.inComment(span)) continue;
      const verdict = context && cx ? judge(c, span, context, spansOf, story, reading) : undefined;
      if (verdict === null) continue;
      if (c.pointsAt) kept.push(span);
      const byComment = suppressedBy.find(rule.id, span.start);
      const suppressed = byComment !== undefined || byFlag !== undefined;
      if (suppressed ? listedSuppressed >= limit : listedOpen >= limit) {
        if (suppressed) omittedSuppressed++;
        else omittedOpen++;
        continue;
      }
      if (suppressed) listedSuppressed++;
      else listedOpen++;
      const startPos = place(span.start);
      const excerpt = excerptOf(text, span);
      const judged = verdict?.severity ?? rule.severity;
      const severity =
        cap !== undefined && SEVERITIES.indexOf(cap) < SEVERITIES.indexOf(judged) ? cap : judged;
      const message = verdict?.message ?? rule.message;
      // A story-level rule (`group: story`) says its problem once, whatever the words.
      const words = cx?.group === 'story' ? '' : excerpt.toLowerCase();
      const key = groups
        ? `${severity}\u0000${message}\u0000${words}\u0000${byComment?.reason ?? byFlag ?? ''}`
        : '';
      const first = groups?.get(key);
      if (first) {
        const repeat =
          words === ''
            ? (() => {
                const endPos = lineTable().at(toSource(span.end, true));
                return {
                  line: startPos.line,
                  column: startPos.column,
                  endLine: endPos.line,
                  endColumn: endPos.column,
                  excerpt,
                };
              })()
            : { line: startPos.line, column: startPos.column };
        (first.repeats ??= []).push(repeat);
        continue;
      }
      const endPos = lineTable().at(toSource(span.end, true));
      const finding: Finding = {
        rule: rule.id,
        section: rule.section,
        severity,
        line: startPos.line,
        column: startPos.column,
        endLine: endPos.line,
        endColumn: endPos.column,
        excerpt,
        message,
        questions: [...rule.questions],
      };
      if (rule.title !== undefined) finding.title = rule.title;
      if (verdict?.because) {
        finding.because = verdict.because.map((b) => ({
          ...place(b.start),
          excerpt: excerptOf(text, b),
          why: b.why,
        }));
      }
      if (byComment) finding.suppressed = { reason: byComment.reason, by: 'comment' };
      else if (byFlag !== undefined) finding.suppressed = { reason: byFlag, by: 'flag' };
      groups?.set(key, finding);
      findings.push({ finding, start: span.start });
    }
    // A story-level finding also points at where its problem lies (`context.points-at`).
    if (c.pointsAt && context && groups) {
      const open = [...groups.values()].filter((f) => f.suppressed === undefined);
      const target = open.reduce<Finding | undefined>(
        (a, f) => (a === undefined || severityRank(f.severity) > severityRank(a.severity) ? f : a),
        undefined,
      );
      if (target) pointAt(target, c.pointsAt, kept, context, spansOf, text, lineTable, toSource);
    }
    if (omittedOpen + omittedSuppressed > 0) {
      omitted.push({
        rule: rule.id,
        section: rule.section,
        severity:
          cap !== undefined && SEVERITIES.indexOf(cap) < SEVERITIES.indexOf(rule.severity)
            ? cap
            : rule.severity,
        open: omittedOpen,
        suppressed: omittedSuppressed,
      });
    }
  }
  // A problem raised at high by one rule is not raised again by another (`same-problem-as`).
  if (plan.v2)
    sameProblemOnce(
      findings.map((f) => f.finding),
      plan.rules,
    );
  findings.sort(
    (x, y) =>
      x.start - y.start ||
      (x.finding.rule < y.finding.rule ? -1 : x.finding.rule > y.finding.rule ? 1 : 0),
  );
  return {
    findings: findings.map((f) => f.finding),
    omitted,
    ...(reading ? { reading } : {}),
  };
}

/**
 * Lower to medium the findings of a rule with `context.same-problem-as` when one of the rules it
 * names has an unsuppressed high or blocker finding (judged on the findings as the rules gave them).
 */
function sameProblemOnce(findings: readonly Finding[], rules: readonly CompiledRule[]): void {
  const high = new Set(
    findings
      .filter((f) => f.suppressed === undefined && severityRank(f.severity) >= severityRank('high'))
      .map((f) => f.rule),
  );
  const lowered = new Set(
    rules
      .filter((c) => c.rule.context?.['same-problem-as']?.some((id) => high.has(id)))
      .map((c) => c.rule.id),
  );
  if (lowered.size === 0) return;
  for (const f of findings)
    if (lowered.has(f.rule) && severityRank(f.severity) > severityRank('medium'))
      f.severity = 'medium';
}

/**
 * Add to a story-level finding, as further places, the matches of `pointsAt` near one of the
 * rule's own matches (`own`), in text order, skipping any that overlap a place it already has.
 */
function pointAt(
  finding: Finding,
  pointsAt: readonly CompiledContextMatcher[],
  own: readonly Span[],
  context: ScanContext,
  spansOf: (m: Compiled) => readonly Span[],
  text: string,
  lineTable: () => LineTable,
  toSource: (offset: number, end?: boolean) => number,
): void {
  const extra: (Span & { why: string })[] = [];
  for (const k of pointsAt)
    for (const s of spansOf(k.matcher))
      if (!overlapping(s, own) && !extra.some((e) => e.start < s.end && e.end > s.start))
        if (context.nearest(s, own, k.within, k.sameSentence)) extra.push({ ...s, why: k.why });
  if (extra.length === 0) return;
  extra.sort((a, b) => a.start - b.start);
  const repeats = (finding.repeats ??= []);
  for (const s of extra) {
    const a = lineTable().at(toSource(s.start));
    const b = lineTable().at(toSource(s.end, true));
    repeats.push({
      line: a.line,
      column: a.column,
      endLine: b.line,
      endColumn: b.column,
      excerpt: excerptOf(text, s),
      why: s.why,
    });
  }
  repeats.sort((x, y) => x.line - y.line || x.column - y.column);
}

interface Verdict {
  readonly severity: Severity;
  readonly message: string;
  readonly because?: readonly (Span & { readonly why: string })[];
}

function lowerOf(a: Severity, b: Severity): Severity {
  return severityRank(a) <= severityRank(b) ? a : b;
}

/**
 * A scanner-2 rule's judgement of one match: null drops it; otherwise its severity (capped
 * without corroboration, lowered under negation or in a quote), message and the spans that
 * corroborate it.
 */
function judge(
  c: CompiledRule,
  span: Span,
  context: ScanContext,
  spansOf: (m: Compiled) => readonly Span[],
  story: ReturnType<typeof readStory> | undefined,
  reading: StoryReading | undefined,
): Verdict | null {
  const { rule } = c;
  const cx = rule.context;
  if (!cx) return { severity: rule.severity, message: rule.message };
  const near = (k: CompiledContextMatcher) =>
    k.overlap
      ? overlapping(span, spansOf(k.matcher))
      : context.nearest(span, spansOf(k.matcher), k.within, k.sameSentence);
  for (const u of c.unlessNear ?? []) {
    if (near(u)) return null;
  }
  let severity = rule.severity;
  let message = rule.message;
  let because: (Span & { why: string })[] | undefined;
  if (c.corroborate || cx['corroborated-by-reading']) {
    const found: (Span & { why: string })[] = [];
    for (const k of c.corroborate ?? []) {
      const s = near(k);
      if (s) found.push({ start: s.start, end: s.end, why: k.why });
    }
    if (
      found.length === 0 &&
      story &&
      reading &&
      cx['corroborated-by-reading']?.includes(story.kind)
    ) {
      const e = story.evidence[0];
      if (e) found.push({ start: e.start, end: e.end, why: `the story reads as ${reading.label}` });
    }
    if (found.length > 0) because = found;
    else severity = lowerOf(severity, cx.alone ?? 'low');
  }
  const readingCap = cx['reading-cap'];
  for (const cap of readingCap === undefined ? [] : [readingCap].flat())
    if (story && cap.kinds.includes(story.kind)) severity = lowerOf(severity, cap.to);
  if (cx.negation && context.scope(span) !== undefined) {
    if (cx.negation === 'drop') return null;
    if (cx.negation === 'flip') {
      severity = lowerOf(severity, 'medium');
      message = cx['negated-message'] ?? message;
    } else severity = 'low';
  }
  if (cx.quoted && context.inQuote(span)) {
    if (cx.quoted === 'drop') return null;
    severity = 'low';
  }
  return because ? { severity, message, because } : { severity, message };
}

/** True when an unsuppressed finding is at or above `threshold`. */
export function failsAt(findings: readonly Finding[], threshold: Severity): boolean {
  const min = severityRank(threshold);
  return findings.some((f) => f.suppressed === undefined && severityRank(f.severity) >= min);
}
