// A small story for the desk-loop tests: a library opening with a phone number and an unchecked
// age in the copy, and a picture whose owner is not yet known (referred to a lawyer).
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

// uk-ew 2.0.0, walked honestly: each section's "Which of these does the story involve?" answered.
// The story gives a workplace and a phone number (the phone-number finding raises
// safety.locating-details, answered "not applicable" with a note: a finding dismissed); the
// librarian's age is not yet checked (accuracy.unchecked-plan: check before publication, medium);
// and nobody yet knows who owns the picture from the council's Facebook page
// (accuracy.others-pictures: "not sure", high, referred to a lawyer).
export const ANSWERS = `story:
  slug: library
  headline: Library opens
  desk: news
  reporter: Jane Reporter
safety.involves: [location]
safety.locating-details: { value: not-applicable, note: "The number is the library's." }
restrictions.involves: [none]
defamation.involves: [none]
privacy.involves: [none]
sources.involves: [none]
accuracy.involves: [unchecked, others-pictures]
accuracy.unchecked-plan: check-before
accuracy.others-pictures:
  value: unsure
  note: "The library photo is from the council's Facebook page; waiting to hear who took it."
`;

// The items the desk reviews (uk-ew 2.0.0 ids): the phone number (queried), the screening answer
// and the age check in accuracy (the age queried), and the picture referred to a lawyer.
export const ITEM_PHONE = 'safety.locating-details';
export const ITEM_SCREEN = 'accuracy.involves';
export const ITEM_AGE = 'accuracy.unchecked-plan';
export const ITEM_REFERRAL = 'accuracy.others-pictures';

export const QUERY_PHONE = "Is the number on line 7 the library's? Say so or cut it.";
export const QUERY_AGE = 'Her age on line 5: have you checked it?';
export const REPLY_PHONE = "Yes: it is the library's public booking line.";
export const REPLY_AGE = 'Cut her age from line 5.';
export const LAWYER_COMMENT = 'The council took the photo and gave permission.';
