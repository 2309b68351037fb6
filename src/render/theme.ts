// The one module that owns colour. Styles are named by meaning; meaning never rests on colour
// alone: risk always comes with its word.
import { Chalk } from 'chalk';
import type { Risk } from '../core/checklist/schema.js';

export interface Theme {
  readonly heading: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly path: (s: string) => string;
  readonly ok: (s: string) => string;
  readonly bad: (s: string) => string;
  readonly warn: (s: string) => string;
  readonly strong: (s: string) => string;
  /** "HIGH", coloured when colour is on. */
  readonly risk: (r: Risk | 'low' | 'medium' | 'high' | 'blocker') => string;
}

export function createTheme(color: boolean): Theme {
  const c = new Chalk({ level: color ? 1 : 0 });
  const riskStyle: Record<Risk, (s: string) => string> = {
    none: c.green,
    low: c.cyan,
    medium: c.yellow,
    high: c.red,
    blocker: (s) => c.bgRed.white.bold(s),
  };
  return {
    heading: c.bold,
    dim: c.dim,
    path: c.cyan,
    ok: c.green,
    bad: c.red,
    warn: c.yellow,
    strong: c.bold,
    risk: (r) => riskStyle[r](r.toUpperCase()),
  };
}
