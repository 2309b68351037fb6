// What a person reads for an item instead of its id: a question's own words, a rule's title. Ids
// stay in JSON and --verbose. Pure.
import type { RecordBody } from './schema.js';

/** A rule id as words: `uk-ew.vehicle-registration` → "Vehicle registration". */
export function titleFromId(id: string): string {
  const last = id.split('.').at(-1) ?? id;
  const words = last.replace(/[-_]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : id;
}

/** A rule's title: its own `title:` when the pack gives one, else the first words of its
 * message (up to the first stop, at most eight words), else words made from its id. */
export function ruleTitle(rule: string, message?: string, title?: string): string {
  if (title?.trim()) return title.trim();
  const first = (message ?? '').split(/[.:;?!(—–]|\s-\s/)[0]?.trim() ?? '';
  if (first) {
    const words = first.split(/\s+/);
    return words.length <= 8 ? first : `${words.slice(0, 8).join(' ')}…`;
  }
  return titleFromId(rule);
}

const FINDING_ITEM = /^finding:(.+)@(\d+):(\d+)$/;

/** The words for a review item or query: the question as asked, or the finding's rule title and
 * line. `ask` looks a question up in the pack (when there is one). */
export function itemTitle(
  record: RecordBody,
  item: string,
  ask?: (id: string) => string | undefined,
): string {
  const f = FINDING_ITEM.exec(item);
  if (f) {
    const finding = record.findings.find(
      (x) => x.rule === f[1] && x.line === Number(f[2]) && x.column === Number(f[3]),
    );
    return `${ruleTitle(f[1]!, finding?.message)} (line ${f[2]})`;
  }
  return (
    record.assessment.flagged.find((x) => x.question === item)?.ask ??
    record.assessment.referrals.find((x) => x.question === item)?.ask ??
    ask?.(item) ??
    titleFromId(item)
  );
}
