// UK vehicle registration marks: current (AB12 CDE, since 2001), prefix (A123 BCD, 1983–2001)
// and suffix (ABC 123D, 1963–1983). Capitals only, and not inside a run of capitals, so
// "MP3", "COVID19", "B52" and headlines in capitals stay quiet.
import { isolatedFromCapitals, regexSpans, type Detector } from './types.js';

const PLATE =
  /\b(?:[A-HJ-PR-Y]{2}(?:0[2-9]|[1-7]\d) ?[A-HJ-PR-Z]{3}|[A-HJ-NP-Y]\d{1,3} ?[A-HJ-PR-Y]{3}|[A-HJ-PR-Y]{3} ?\d{1,3}[A-HJ-NPR-TV-Y])\b/g;

export const vehicleRegistration: Detector = ({ text }) =>
  regexSpans(text, PLATE, (m) => isolatedFromCapitals(text, m.index, m.index + m[0].length));
