// UK phone numbers: 07700 900123, 0113 496 0000, 020 7946 0018, (01632) 960123,
// +44 7700 900123, +44 (0)20 7946 0018. The digits must make a UK number (10 or 11 digits,
// starting 01, 02, 03, 05, 07, 08 or 09 after the leading 0), so years, prices and the short
// numbers (999, 101, 111) stay quiet.
import type { Detector, Span } from './types.js';

const START = /(?<![\w+])(?:\+ ?44|0044|\(?0)(?=[\d ()-])/g;
const VALID = /^0[1235789]\d{8,9}$/;

export const phoneNumber: Detector = ({ text }) => {
  const out: Span[] = [];
  START.lastIndex = 0;
  for (let m = START.exec(text); m !== null; m = START.exec(text)) {
    const international = m[0].includes('44');
    let skipZero = international; // the "(0)" in +44 (0)20 …
    let digits = '0';
    let best = -1;
    let bestDigits = '';
    const limit = Math.min(text.length, m.index + 24);
    for (let i = m.index + m[0].length; i < limit; i++) {
      const c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        if (skipZero && c === '0' && digits === '0') {
          skipZero = false;
          continue;
        }
        skipZero = false;
        digits += c;
        if (digits.length === 10 || digits.length === 11) {
          best = i + 1;
          bestDigits = digits;
        }
        if (digits.length > 11) break;
      } else if (c === ' ' && text.charAt(i + 1) === ' ') {
        break;
      } else if (c !== ' ' && c !== '-' && c !== '(' && c !== ')') {
        break;
      }
    }
    // Too many digits is something else (an account or a card number).
    if (best < 0 || digits.length > 11 || !VALID.test(bestDigits)) continue;
    if (/\d/.test(text.charAt(best))) continue;
    out.push({ start: m.index, end: best });
    START.lastIndex = best;
  }
  return out;
};
