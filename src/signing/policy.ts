// What approval needs (config `policy`), and the status a chain of sign-offs gives. Pure.
import type { Policy, Role } from '../config/schema.js';
import type { RecordBody, RecordStatus } from '../record/schema.js';

export type ApprovalRole = Policy['approvals'][number];

export const DEFAULT_POLICY: Policy = { approvals: ['editor'], lawyerWhenReferred: true };

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
  readonly signer?: string;
  readonly comment?: string;
}

export interface PolicyOutcome {
  readonly status: RecordStatus;
  /** Roles whose approval is still needed (empty once approved). */
  readonly missing: ApprovalRole[];
  /** The sign-off that returned the record, if it was returned. */
  readonly returnedBy?: ChainStep;
}

/**
 * The status that a chain of sign-offs gives under a policy. Only the last round counts: it
 * starts at the last `filed`. Any `returned` in it returns the record; it is approved when
 * every required role has approved, in any order.
 */
export function evaluatePolicy(
  steps: readonly ChainStep[],
  required: readonly ApprovalRole[],
): PolicyOutcome {
  let start = -1;
  steps.forEach((s, i) => {
    if (s.decision === 'filed') start = i;
  });
  if (start < 0) return { status: 'draft', missing: [...required] };
  const round = steps.slice(start + 1);
  const returned = round.find((s) => s.decision === 'returned');
  if (returned) return { status: 'returned', missing: [...required], returnedBy: returned };
  const approved = new Set(round.filter((s) => s.decision === 'approved').map((s) => s.role));
  const missing = required.filter((r) => !approved.has(r));
  return { status: missing.length === 0 ? 'approved' : 'filed', missing };
}
