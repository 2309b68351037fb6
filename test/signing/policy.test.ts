import { describe, expect, it } from 'vitest';
import { Policy } from '../../src/core/config/schema.js';
import {
  evaluatePolicy,
  requiredApprovals,
  type ChainStep,
} from '../../src/core/signing/policy.js';
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
    [
      { approvals: ['lawyer', 'editor'] as const, lawyerWhenReferred: false },
      false,
      ['editor', 'lawyer'],
    ],
  ])('%j, referred %j → %j', (policy, referred, expected) => {
    expect(
      requiredApprovals(
        { ...policy, approvals: [...policy.approvals], distinctSigners: true },
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

describe('the policy schema', () => {
  it('refuses a policy with no approvals: nothing unreviewed may be approved', () => {
    const result = Policy.safeParse({ approvals: [] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/at least one approval/);
  });
  it('wants distinct signers by default', () => {
    expect(Policy.parse({})).toEqual({
      approvals: ['editor'],
      lawyerWhenReferred: true,
      distinctSigners: true,
    });
  });
});

describe('distinct signers', () => {
  const sam = { signer: 'Sam Reporter', keyid: 'a'.repeat(64) };
  const eve = { signer: 'Eve Editor', keyid: 'b'.repeat(64) };
  const lou = { signer: 'Lou Lawyer', keyid: 'c'.repeat(64) };
  const filed: ChainStep = { role: 'reporter', decision: 'filed', ...sam };
  const on = { distinctSigners: true };
  const off = { distinctSigners: false };
  it.each<[string, ChainStep[], ('editor' | 'lawyer')[], typeof on, string, string[], number]>([
    [
      'the reporter approves their own story with a key trusted as editor',
      [filed, { role: 'editor', decision: 'approved', ...sam }],
      ['editor'],
      on,
      'filed',
      ['editor'],
      1,
    ],
    [
      'the same person under another key (same keyring name, any case)',
      [
        filed,
        { role: 'editor', decision: 'approved', signer: 'sam reporter', keyid: 'd'.repeat(64) },
      ],
      ['editor'],
      on,
      'filed',
      ['editor'],
      1,
    ],
    [
      'one editor approving as editor and as lawyer counts once',
      [
        filed,
        { role: 'editor', decision: 'approved', ...eve },
        { role: 'lawyer', decision: 'approved', ...eve },
      ],
      ['editor', 'lawyer'],
      on,
      'filed',
      ['lawyer'],
      1,
    ],
    [
      'an editor and a lawyer, both other people',
      [
        filed,
        { role: 'editor', decision: 'approved', ...eve },
        { role: 'lawyer', decision: 'approved', ...lou },
      ],
      ['editor', 'lawyer'],
      on,
      'approved',
      [],
      0,
    ],
    [
      'a newsroom that turns it off',
      [filed, { role: 'editor', decision: 'approved', ...sam }],
      ['editor'],
      off,
      'approved',
      [],
      0,
    ],
  ])('%s', (_, steps, required, policy, status, missing, ignored) => {
    const outcome = evaluatePolicy(steps, required, policy);
    expect(outcome.status).toBe(status);
    expect(outcome.missing).toEqual(missing);
    expect(outcome.ignored).toHaveLength(ignored);
  });
});
