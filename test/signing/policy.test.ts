import { describe, expect, it } from 'vitest';
import { evaluatePolicy, requiredApprovals, type ChainStep } from '../../src/signing/policy.js';
import { draftRecord } from './helpers.js';

const F: ChainStep = { role: 'reporter', decision: 'filed' };
const EA: ChainStep = { role: 'editor', decision: 'approved' };
const LA: ChainStep = { role: 'lawyer', decision: 'approved' };
const ER: ChainStep = { role: 'editor', decision: 'returned', comment: 'source?' };

describe('requiredApprovals', () => {
  it.each([
    [{ approvals: ['editor'] as const, lawyerWhenReferred: true }, false, ['editor']],
    [{ approvals: ['editor'] as const, lawyerWhenReferred: true }, true, ['editor', 'lawyer']],
    [{ approvals: ['editor'] as const, lawyerWhenReferred: false }, true, ['editor']],
    [{ approvals: [] as const, lawyerWhenReferred: true }, false, []],
    [
      { approvals: ['lawyer', 'editor'] as const, lawyerWhenReferred: false },
      false,
      ['editor', 'lawyer'],
    ],
  ])('%j, referred %j → %j', (policy, referred, expected) => {
    expect(
      requiredApprovals(
        { ...policy, approvals: [...policy.approvals] },
        draftRecord({ referred }).record,
      ),
    ).toEqual(expected);
  });
});

describe('evaluatePolicy', () => {
  it.each<[string, ChainStep[], ('editor' | 'lawyer')[], string, string[]]>([
    ['nothing signed', [], ['editor'], 'draft', ['editor']],
    ['filed', [F], ['editor'], 'filed', ['editor']],
    ['filed, no approval needed', [F], [], 'approved', []],
    ['editor approved', [F, EA], ['editor'], 'approved', []],
    ['editor approved, lawyer needed', [F, EA], ['editor', 'lawyer'], 'filed', ['lawyer']],
    ['both approved, any order', [F, LA, EA], ['editor', 'lawyer'], 'approved', []],
    ['returned', [F, ER], ['editor'], 'returned', ['editor']],
    ['returned then approved in the same round', [F, ER, EA], ['editor'], 'returned', ['editor']],
    ['refiled after a return', [F, ER, F], ['editor'], 'filed', ['editor']],
    ['approval before the refiling does not count', [F, EA, F], ['editor'], 'filed', ['editor']],
    ['approved after refiling', [F, ER, F, EA], ['editor'], 'approved', []],
  ])('%s', (_, steps, required, status, missing) => {
    const outcome = evaluatePolicy(steps, required);
    expect(outcome.status).toBe(status);
    expect(outcome.missing).toEqual(missing);
  });
});
