// What approval needs (the trust root's `policy`), and the status a chain of sign-offs gives. Pure.
import type { Policy, Role } from '../config/schema.js';
import type { RecordBody, RecordStatus } from '../record/schema.js';

export type ApprovalRole = Policy['approvals'][number];

export const DEFAULT_POLICY: Policy = {
  approvals: ['editor'],
  lawyerWhenReferred: true,
  distinctSigners: true,
};

/** True when any answer referred the story to a lawyer. */
export function isReferred(record: RecordBody): boolean {
  return record.assessment.referrals.length > 0 || record.assessment.flagged.some((f) => f.lawyer);
}

/** The roles whose `approved` the record needs after the reporter's `filed`. */
export function requiredApprovals(policy: Policy, record: RecordBody): ApprovalRole[] {
  const roles = new Set<ApprovalRole>(policy.approvals);
  if (policy.lawyerWhenReferred && isReferred(record)) roles.add('lawyer');
  return (['editor', 'lawyer'] as const).filter((r) => roles.has(r));
}

export interface ChainStep {
  readonly role: Role;
  readonly decision: 'filed' | 'approved' | 'returned';
  /** The signer as the keyring names them (for the gate: the verified key's entry). */
  readonly signer?: string;
  /** The key that signed (for the gate: verified). */
  readonly keyid?: string;
  readonly comment?: string;
}

/** An approval that did not count, and why. */
export interface IgnoredApproval {
  readonly step: ChainStep;
  readonly why: string;
}

export interface PolicyOutcome {
  readonly status: RecordStatus;
  /** Roles whose approval is still needed (empty once approved). */
  readonly missing: ApprovalRole[];
  /** The sign-off that returned the record, if it was returned. */
  readonly returnedBy?: ChainStep;
  /** Approvals in the last round that the policy does not count (distinct signers). */
  readonly ignored: IgnoredApproval[];
}

/** Two steps are by the same person when they share a key, or a keyring name. */
function samePerson(a: ChainStep, b: ChainStep): boolean {
  if (a.keyid !== undefined && a.keyid === b.keyid) return true;
  const name = (s: ChainStep) => s.signer?.trim().toLowerCase();
  return name(a) !== undefined && name(a) !== '' && name(a) === name(b);
}

/**
 * The status that a chain of sign-offs gives under a policy. Only the last round counts: it
 * starts at the last `filed`. Any `returned` in it returns the record; it is approved when
 * every required role has approved, in any order. With `distinctSigners`, an approval by the
 * person who filed does not count, and one person's approval counts for one role only.
 */
export function evaluatePolicy(
  steps: readonly ChainStep[],
  required: readonly ApprovalRole[],
  policy: Pick<Policy, 'distinctSigners'> = { distinctSigners: true },
): PolicyOutcome {
  let start = -1;
  steps.forEach((s, i) => {
    if (s.decision === 'filed') start = i;
  });
  if (start < 0) return { status: 'draft', missing: [...required], ignored: [] };
  const filing = steps[start]!;
  const round = steps.slice(start + 1);
  const returned = round.find((s) => s.decision === 'returned');
  if (returned)
    return { status: 'returned', missing: [...required], returnedBy: returned, ignored: [] };
  const counted = new Map<Role, ChainStep>();
  const ignored: IgnoredApproval[] = [];
  for (const step of round) {
    if (step.decision !== 'approved' || counted.has(step.role)) continue;
    if (policy.distinctSigners) {
      if (samePerson(step, filing)) {
        ignored.push({ step, why: `${step.signer ?? 'the signer'} filed the story` });
        continue;
      }
      const other = [...counted.values()].find((c) => samePerson(c, step));
      if (other) {
        ignored.push({
          step,
          why: `${step.signer ?? 'the signer'} already approved as ${other.role}`,
        });
        continue;
      }
    }
    counted.set(step.role, step);
  }
  const missing = required.filter((r) => !counted.has(r));
  return { status: missing.length === 0 ? 'approved' : 'filed', missing, ignored };
}
