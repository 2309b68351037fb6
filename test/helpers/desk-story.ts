// A small story for the desk-loop tests: a court story whose legal terms are not yet checked
// (referred to a lawyer), with a phone number and an age in the copy.
export const ARTICLE = [
  '# Library opens in Leeds',
  '',
  'Council opens a new library in Leeds.',
  '',
  'The librarian, Mary Jones, 43, said: "It was my dad\'s dream."',
  '',
  'Call 0113 496 0000 to book a visit.',
  '',
].join('\n');

// Every screening question answered; a court story whose legal terms are not yet checked
// (high risk, referred to a lawyer), and "no" to the questions the phone number raised.
export const ANSWERS = `story:
  slug: library
  headline: Library opens
  desk: news
  reporter: Jane Reporter
safety.people-at-risk: { value: "no", note: "She agreed to be named." }
safety.reporter-at-risk: "no"
safety.locating-details: { value: "no", note: "The number is the library's." }
restrictions.legal-proceedings: "no"
restrictions.sexual-offence-fgm-forced-marriage: "no"
restrictions.child-involved: "no"
defamation.criticises-someone: "no"
defamation.business-claims: "no"
privacy.private-information: { value: "no", note: "Her age is on the council site." }
privacy.sensitive-circumstances: "no"
privacy.personal-data: { value: "no", note: "Library booking line." }
sources.confidential-source: "no"
sources.leaked-material: "no"
sources.contact-records: { value: "no", note: "Public booking line." }
accuracy.legal-proceedings: "yes"
accuracy.legal-terms: { value: unsure, note: "Waiting for the court list." }
accuracy.headline-supported: "no"
accuracy.comment-as-fact: "no"
accuracy.reply-in-story: "yes"
accuracy.corrects-earlier: "no"
accuracy.unchecked-material: "no"
accuracy.names-numbers: "yes"
`;

export const QUERY_PHONE = "Is the number on line 7 the library's? Say so or cut it.";
export const QUERY_AGE = 'Her age on line 5: did she agree to it?';
export const REPLY_PHONE = "Yes: it is the library's public booking line.";
export const REPLY_AGE = 'Cut her age from line 5.';
