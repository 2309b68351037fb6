// A context matcher with `overlap: true` (uk-ew 2.1.0) looks at the match's own words rather
// than at words near it: the first of `spans` (sorted by start, as matchers return them) that
// shares a character with the match. "search warrant" overlaps the "warrant" of an arrest rule
// (another sense); a threat's own words ("I know where you live") corroborate themselves.
import type { Span } from './detectors/types.js';

export function overlapping(span: Span, spans: readonly Span[]): Span | undefined {
  // Spans of one matcher do not nest deeply: find the first that ends after the match starts.
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((spans[mid] as Span).start < span.start) lo = mid + 1;
    else hi = mid;
  }
  // A span that starts before the match may still cover it; look back over those that do.
  for (let k = lo - 1; k >= 0 && k >= lo - 8; k--) {
    const s = spans[k] as Span;
    if (s.end > span.start) return s;
  }
  const s = spans[lo];
  return s !== undefined && s.start < span.end ? s : undefined;
}
