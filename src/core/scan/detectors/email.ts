// Email addresses. Found from each "@" outwards, so the cost is linear in the text.
import type { Detector, Span } from './types.js';

const LOCAL = /[A-Za-z0-9._%+'-]/;
const DOMAIN = /[A-Za-z0-9.-]/;
const SHAPE =
  /^[A-Za-z0-9%+'_-]+(?:\.[A-Za-z0-9%+'_-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;

export const email: Detector = ({ text }) => {
  const out: Span[] = [];
  let from = 0;
  for (let at = text.indexOf('@', from); at !== -1; at = text.indexOf('@', from)) {
    let start = at;
    while (start > 0 && at - start < 64 && LOCAL.test(text.charAt(start - 1))) start--;
    let end = at + 1;
    while (end < text.length && end - at < 253 && DOMAIN.test(text.charAt(end))) end++;
    while (end > at + 1 && (text.charAt(end - 1) === '.' || text.charAt(end - 1) === '-')) end--;
    while (start < at && text.charAt(start) === '.') start++;
    from = at + 1;
    if (start < at && end > at + 1 && SHAPE.test(text.slice(start, end))) {
      out.push({ start, end });
      from = end;
    }
  }
  return out;
};
