// UK postcodes: outward code (area, district) and inward code (sector, unit), e.g. SW1A 1AA,
// LS6 2QT, M1 1AE. Capitals only; the inward code's letters exclude C, I, K, M, O, V.
import { isolatedFromCapitals, regexSpans, type Detector } from './types.js';

const POSTCODE = /\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}|GIR ?0AA)\b/g;

export const postcode: Detector = ({ text }) =>
  regexSpans(text, POSTCODE, (m) => isolatedFromCapitals(text, m.index, m.index + m[0].length));
