// An allegation of crime or dishonesty stated as fact against a named person: the person (by
// name, surname, or "he"/"she" carried from an earlier sentence) is the subject of the crime
// words, and nothing in the sentence attributes or hedges them. "Smith took bribes" and "he lined
// his pockets" are found; "Smith is accused of taking bribes", "police allege", "the jury heard",
// "Smith denies", "Smith was conned" (a victim), "the fraud squad said", a quotation, and a
// sentence about a novel or film are not. The span runs from the person to the crime words.
import { mentionsOf, tokenAt } from '../mentions.js';
import {
  execIn,
  hasAny,
  insideQuote,
  phraseRegex,
  sentencesWith,
  triggerSet,
  sentenceWords,
  wordsBetween,
  wordSet,
} from './sentence-context.js';
import type { Detector, Span } from './types.js';

/** Crime or dishonesty as something the subject did (regular-expression fragments). */
export const FACT_PHRASES = [
  '(?:took|takes|taking|accepted|pocketed|demanded) (?:a |cash |secret |illegal )?(?:bribes?|backhanders?|kickbacks?|bungs?)',
  '(?:paid|offered) (?:a |cash )?(?:bribes?|backhanders?|bungs?)',
  'bribed',
  '(?:is|was|has been|had been|were|are) on the (?:take|fiddle)',
  'lined (?:his|her|their) (?:own )?pockets?',
  '(?:had|has|put|with) (?:his|her|their) hands? in the till',
  'helped (?:himself|herself|themselves) to',
  'siphoned(?: off)?',
  'embezzled',
  'defrauded',
  'swindled',
  'fleeced',
  'conned',
  'extorted',
  'blackmailed',
  'stole (?:£|\\$|€|\\d|money|cash|funds|goods|items|jewellery|thousands|millions|from|a car|cars|a van|tools|equipment|property|valuables|the money|the cash|donations|public money|charity)',
  '(?:has|had) stolen',
  'pocketed (?:public|taxpayers|charity|donations|the proceeds|funds|the cash|the money|council|cash|money|bribes|backhanders|kickbacks)',
  'ripped off (?:customers|clients|investors|taxpayers|pensioners|the council|the public|residents|tenants|vulnerable|elderly|patients)',
  'fiddled (?:the |his |her |their )?(?:books|expenses|accounts|figures|claims|benefits|the)',
  'cooked the books',
  'laundered (?:money|cash|the proceeds|millions|thousands|£|\\$|€|\\d|drug)',
  'falsified (?:records|accounts|data|documents|figures|results|evidence|invoices|expenses|timesheets|the)',
  'forged (?:a |the |his |her |their )?(?:signatures?|documents?|cheques?|certificates?|papers|passports?|records|invoices|wills?)',
  'rigged (?:the )?(?:vote|votes|election|ballot|tender|bids?|contracts?|count)',
  'committed (?:fraud|perjury|a crime|crimes|theft|bribery)',
  'cheated (?:customers|clients|investors|taxpayers|the taxman|pensioners|the system|the council|his employer|her employer|their employer|patients|out of)',
  'lied (?:to|about|under oath|in court|repeatedly)',
  'covered up (?:the |his |her |their |a )?(?:evidence|abuse|wrongdoing|truth|crimes?|failings|mistakes|scandal|affair|death|killing|assault|fraud|complaints|allegations|errors)',
  'abused (?:his|her|their) (?:position|power|office|authority)',
  '(?:is|was|are|were) (?:corrupt|crooked|a crook|crooks|bent)(?= *[.,;:!?]|$)',
  "(?:is|was|'s|are|were) (?:an? |the )?(?:\\p{L}+ )?(?:fraudster|crook|thief|liar|conman|con man|con artist|swindler|embezzler|racketeer|cheat|criminal|gangster|drug dealer)s?",
];

/** Labels that, just before a name, state the crime as fact: "fraudster John Smith". */
const LABELS = phraseRegex([
  'fraudster',
  'conman',
  'con man',
  'crook',
  'crooked',
  'corrupt',
  'bent',
  'thieving',
  'swindler',
  'embezzler',
  'drug dealer',
]);

const FACTS = phraseRegex(FACT_PHRASES);

/** A word each fact phrase or label holds: only sentences with one of them are read. */
const TRIGGERS = triggerSet(`
  bribe bribes bribed backhander backhanders kickback kickbacks bung bungs take fiddle pocket
  pockets till helped siphoned embezzled defrauded swindled fleeced conned extorted blackmailed
  stole stolen pocketed ripped fiddled cooked laundered falsified forged rigged committed cheated
  lied covered abused corrupt crooked crook crooks bent fraudster fraudsters thief thieves liar
  liars conman con swindler embezzler racketeer cheat criminal gangster dealer thieving
  swindlers embezzlers racketeers cheats criminals gangsters dealers conmen`);

/** Words that attribute, hedge or put the words before a court: not "stated as fact". */
const HEDGES = wordSet(`
  allege alleged allegedly alleges alleging allegation allegations accuse accused accuses accusing
  accusation accusations claim claims claimed claiming suspected suspicion suspect denies denied
  deny denying denial reportedly rumour rumours rumoured whether if would could might may cleared
  acquitted acquittal innocent charged charge charges court trial jury jurors juror heard
  prosecutor prosecutors prosecution prosecuting convicted conviction convictions pleaded plead
  admitted admits admit guilty sentenced sentencing jailed inquiry tribunal hearing inquest says
  said say saying told according believe believes believed thought suggest suggests suggested
  insists insisted questioned investigate investigating investigation arrested suspicion
  novel film films character characters plot play plays played stars starring drama series
  episode thriller fictional fiction book author screenplay role`);

const NEGATIONS = wordSet(
  `not never no didn't wasn't isn't hasn't hadn't don't doesn't without nor`,
);

/** Before a verb: the subject is the victim ("Smith was conned"), not the one who did it. */
const PASSIVE = wordSet(`was were been being is are get got getting`);

const SUBJECT_PRONOUNS = new Set(['he', 'she', 'himself', 'herself']);

/**
 * A post that identifies its holder as surely as a name: "the council's planning chief",
 * "Hallowford's head of planning". Counts as the subject after "the" or a possessive.
 */
const ROLES = wordSet(`
  chief head director boss owner leader chairman chairwoman chair headteacher headmaster
  headmistress mayor treasurer principal manager proprietor landlord founder executive`);

/** Words a subject may be separated from its verb by: a relative clause, a job, an age. */
const SUBJECT_WINDOW = 14;

export const allegationAsFact: Detector = (input) => {
  const { text, tokens } = input;
  const m = mentionsOf(input);
  const out: Span[] = [];
  const isSubject = (t: number): boolean => {
    if ((m.tokenPerson[t] as number) < 0) return false;
    const w = tokens.words[t] as string;
    if (m.pronoun[t] === 1) return SUBJECT_PRONOUNS.has(w);
    // "Smith's partner took…": a possessive name is not the subject.
    return (
      !/['’]s$/.test(w) && !/^['’]/.test(text.slice(tokens.ends[t], (tokens.ends[t] as number) + 1))
    );
  };
  /** "the council's planning chief": a role after "the" or a possessive, within three words. */
  const isRoleSubject = (t: number, first: number): boolean => {
    if (!ROLES.has(tokens.words[t] as string)) return false;
    for (let k = t - 1; k >= Math.max(first, t - 3); k--) {
      const w = tokens.words[k] as string;
      if (w === 'the' || /['’]s$/.test(w))
        return (
          k === first ||
          !/^(?:from|by|to|with|for|of|against|on)$/.test(tokens.words[k - 1] as string)
        );
    }
    return false;
  };
  const sentenceOk = (id: number): boolean => !hasAny(sentenceWords(m, tokens, id), HEDGES);

  const ranges = sentencesWith(m, tokens, text, TRIGGERS);
  if (ranges.length === 0) return [];
  for (const r of execIn(FACTS, text, ranges)) {
    const start = r.index;
    const end = start + r[0].length;
    const t = tokenAt(tokens, start);
    const id = m.sentence[t] as number;
    if (insideQuote(text, start) || !sentenceOk(id)) continue;
    const first = m.sentenceStart[id] as number;
    const prev = tokens.words[t - 1];
    if (
      t > first &&
      prev !== undefined &&
      PASSIVE.has(prev) &&
      !/^(?:is|was|are|were|'s)\b/i.test(r[0])
    )
      continue;
    // A named person first ("Gordon Pryce, the council's head of planning, pocketed…"), else a role.
    let subject = -1;
    for (let k = t - 1; k >= Math.max(first, t - SUBJECT_WINDOW) && subject < 0; k--)
      if (isSubject(k)) subject = k;
    for (let k = t - 1; k >= Math.max(first, t - SUBJECT_WINDOW) && subject < 0; k--)
      if (isRoleSubject(k, first)) subject = k;
    if (subject < 0) continue;
    // Only the words between the person and the crime words can negate it: "Smith never took…".
    if (hasAny(wordsBetween(tokens, subject + 1, t - 1), NEGATIONS)) continue;
    // Start at the person's first word ("John Smith took…").
    let from = subject;
    if ((m.tokenPerson[subject] as number) < 0) {
      // A role: start at its "the" or possessive.
      while (
        from > first &&
        from > subject - 3 &&
        !/^the$|['’]s$/.test(tokens.words[from] as string)
      )
        from--;
    } else {
      while (
        from > first &&
        m.tokenPerson[from - 1] === m.tokenPerson[subject] &&
        m.pronoun[from - 1] === 0
      )
        from--;
    }
    out.push({ start: tokens.starts[from] as number, end });
  }

  for (const r of execIn(LABELS, text, ranges)) {
    const end = r.index + r[0].length;
    const next = tokenAt(tokens, end);
    // "fraudster John Smith", "corrupt councillor Smith": a name within two words.
    let named = -1;
    for (let k = next; k < Math.min(tokens.count, next + 2); k++) {
      if ((m.tokenPerson[k] as number) >= 0 && m.pronoun[k] === 0) {
        named = k;
        break;
      }
    }
    if (named < 0 || insideQuote(text, r.index)) continue;
    const id = m.sentence[named] as number;
    if ((m.sentence[tokenAt(tokens, r.index)] as number) !== id || !sentenceOk(id)) continue;
    let to = named;
    while (
      to + 1 < tokens.count &&
      m.tokenPerson[to + 1] === m.tokenPerson[named] &&
      m.pronoun[to + 1] === 0
    )
      to++;
    out.push({ start: r.index, end: tokens.ends[to] as number });
  }
  return out.sort((a, b) => a.start - b.start);
};
