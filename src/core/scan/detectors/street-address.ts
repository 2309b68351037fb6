// Street addresses: a house number and a street with a street-type word ("14 Elm Grove",
// "3a Mill Lane", "221B Baker Street"). Also "Flat 4, 12 Station Road".
import { regexSpans, type Detector } from './types.js';

export const STREET_TYPES = [
  'Road',
  'Rd',
  'Street',
  'Avenue',
  'Ave',
  'Close',
  'Lane',
  'Drive',
  'Way',
  'Crescent',
  'Gardens',
  'Grove',
  'Place',
  'Terrace',
  'Square',
  'Mews',
  'Rise',
  'Walk',
  'Row',
  'Parade',
  'Hill',
  'View',
  'Court',
  'Gate',
  'Wynd',
  'Vale',
  'Boulevard',
  'Embankment',
];

const ADDRESS = new RegExp(
  `(?:\\b(?:Flat|Apartment|Unit) \\d{1,4}[A-Za-z]?, )?\\b\\d{1,4}[A-Za-z]?,? (?:[A-Z][\\p{L}'’]+[ -]){1,3}(?:${STREET_TYPES.join('|')})\\b`,
  'gu',
);

export const streetAddress: Detector = ({ text }) => regexSpans(text, ADDRESS);
