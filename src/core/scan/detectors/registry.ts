// The named built-in detectors. A rule names one with `match: { detector: <name> }`.
import { ageNextToName, minorAge } from './ages.js';
import { email } from './email.js';
import { personName } from './person-name.js';
import { phoneNumber } from './phone-number.js';
import { postcode } from './postcode.js';
import { bracketedInsertion, quoteEllipsis } from './quotes.js';
import { streetAddress } from './street-address.js';
import type { Detector } from './types.js';
import { vehicleRegistration } from './vehicle-registration.js';
// #14 new rules: detectors named by uk-ew 2.0.0 rules (the sentences a media lawyer strikes first).
import { allegationAsFact } from './allegation-as-fact.js';
import { homeStreet } from './home-street.js';
import { complainantJigsaw, sourceJigsaw } from './jigsaw.js';
import { inquestGuilty } from './legal-term-errors.js';
import { publicBody } from './public-body.js';
import { childRelative, possessiveRelative } from './relatives.js';
import { callToHarm, reprisalLanguage } from './threats.js';

export const DETECTOR_NAMES = [
  'vehicle-registration',
  'postcode',
  'phone-number',
  'email',
  'street-address',
  'person-name',
  'age-next-to-name',
  'minor-age',
  'bracketed-insertion',
  'quote-ellipsis',
  // #14 new rules
  'allegation-as-fact',
  'call-to-harm',
  'reprisal-language',
  'inquest-guilty',
  'possessive-relative',
  'child-relative',
  'home-street',
  'source-jigsaw',
  'complainant-jigsaw',
  'public-body',
] as const;

export type DetectorId = (typeof DETECTOR_NAMES)[number];

export const DETECTORS: Readonly<Record<DetectorId, Detector>> = {
  'vehicle-registration': vehicleRegistration,
  postcode,
  'phone-number': phoneNumber,
  email,
  'street-address': streetAddress,
  'person-name': personName,
  'age-next-to-name': ageNextToName,
  'minor-age': minorAge,
  'bracketed-insertion': bracketedInsertion,
  'quote-ellipsis': quoteEllipsis,
  // #14 new rules
  'allegation-as-fact': allegationAsFact,
  'call-to-harm': callToHarm,
  'reprisal-language': reprisalLanguage,
  'inquest-guilty': inquestGuilty,
  'possessive-relative': possessiveRelative,
  'child-relative': childRelative,
  'home-street': homeStreet,
  'source-jigsaw': sourceJigsaw,
  'complainant-jigsaw': complainantJigsaw,
  'public-body': publicBody,
};

export function isDetectorId(name: string): name is DetectorId {
  return (DETECTOR_NAMES as readonly string[]).includes(name);
}
