import { describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../src/core/record/schema.js';
import { NO_KEYRING, signoffChain } from '../../src/render/signoff-chain.js';
import { fixture } from './helpers.js';

const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64');
const env = (payload: string, payloadType = 'application/vnd.in-toto+json'): Envelope => ({
  payloadType,
  payload,
  signatures: [{ keyid: 'k1', sig: 'c2ln' }],
});

describe('signoffChain', () => {
  it('decodes each envelope into who, role, decision, time and comment, in order', async () => {
    const rows = await signoffChain(fixture('care-home-contracts').attestations);
    expect(rows.map((r) => [r.index, r.role, r.signer, r.decision, r.time])).toEqual([
      [1, 'reporter', 'Priya Shah', 'filed', '2025-03-12T16:45:03Z'],
      [2, 'editor', 'Tom Okafor', 'approved', '2025-03-12T18:10:44Z'],
      [3, 'lawyer', 'Ruth Adeyemi', 'approved', '2025-03-13T09:31:20Z'],
    ]);
    expect(rows[0]?.comment).toBeNull();
    expect(rows[2]?.comment).toMatch(/^Cleared for publication/);
    expect(rows.map((r) => r.reviews)).toEqual([null, 1, 2]);
    expect(
      rows.every((r) => r.problem === null && /^[0-9a-f]{64}$/.test(r.payloadSha256 ?? '')),
    ).toBe(true);
  });

  it('says "not checked (no keyring)" without a verifier', async () => {
    const rows = await signoffChain(fixture('care-home-contracts').attestations);
    expect(rows.every((r) => r.signature === NO_KEYRING)).toBe(true);
    expect(NO_KEYRING).toEqual({ status: 'not-checked', detail: 'no keyring' });
  });

  it('asks the verifier about every envelope and keeps its answer', async () => {
    const envelopes = fixture('care-home-contracts').attestations;
    const verify = vi.fn((_e: Envelope, i: number) =>
      i === 1
        ? { status: 'failed' as const, detail: 'altered' }
        : { status: 'verified' as const, detail: 'ok' },
    );
    const rows = await signoffChain(envelopes, verify);
    expect(verify).toHaveBeenCalledTimes(3);
    expect(verify.mock.calls.map((c) => c[1])).toEqual([0, 1, 2]);
    expect(rows.map((r) => r.signature.status)).toEqual(['verified', 'failed', 'verified']);
  });

  it.each([
    ['a foreign payload type', env(b64({}), 'text/plain'), /payload type is text\/plain/],
    ['payload that is not base64', env('!!not base64!!'), /not valid base64/],
    ['payload that is not JSON', env(b64('{nope')), /not JSON/],
    ['JSON that is not a statement', env(b64([1, 2])), /not a prepub statement/],
    ['another statement type', env(b64({ _type: 'x', predicate: {} })), /_type/],
    [
      'a statement without predicate',
      env(b64({ _type: 'https://in-toto.io/Statement/v1' })),
      /not a prepub statement/,
    ],
    [
      'a statement whose signer is not a key reference',
      env(
        b64({
          _type: 'https://in-toto.io/Statement/v1',
          subject: [],
          predicate: { role: 'editor', signer: 'Ann', decision: 'approved' },
        }),
      ),
      /not a prepub statement/,
    ],
  ])('turns %s into a row that says what is wrong', async (_name, envelope, problem) => {
    const [row] = await signoffChain([envelope]);
    expect(row?.problem).toMatch(problem);
    expect(row?.decision).toBeNull();
    expect(row?.keyids).toEqual(['k1']);
  });
});
