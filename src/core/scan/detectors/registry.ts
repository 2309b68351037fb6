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
};

export function isDetectorId(name: string): name is DetectorId {
  return (DETECTOR_NAMES as readonly string[]).includes(name);
}
