// The line every command ends with: what happens next, and who does it, with the command to run.
// Paths are printed as the user gave them.
import { safeLine } from './text.js';

/** A path for a command line: quoted when the shell would split or expand it. */
export function shellPath(p: string): string {
  return /^[\w./@%+=:,~-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}

export type NextStep =
  | { readonly kind: 'filed'; readonly record: string }
  | { readonly kind: 'returned'; readonly record: string; readonly queries: number }
  | { readonly kind: 'waiting'; readonly record: string; readonly roles: readonly string[] }
  | { readonly kind: 'approved'; readonly record: string };

export function nextStep(step: NextStep): string {
  const r = safeLine(shellPath(step.record));
  switch (step.kind) {
    case 'filed':
      return `Send to the desk: prepub review ${r}`;
    case 'returned':
      return `Reporter: prepub check --resume ${r}${step.queries > 0 ? ` — ${step.queries} quer${step.queries === 1 ? 'y' : 'ies'}` : ''}`;
    case 'waiting':
      return step.roles
        .map((role) =>
          role === 'lawyer'
            ? `Lawyer: prepub review ${r} --role lawyer`
            : `Editor: prepub review ${r}`,
        )
        .join('\n');
    case 'approved':
      return `Publishing system: prepub verify ${r}`;
  }
}
