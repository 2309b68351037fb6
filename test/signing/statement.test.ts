import { describe, expect, it } from 'vitest';
import {
  decodeStatement,
  encodeStatement,
  filedStatement,
  FILING_STATEMENT,
  referencedEnvelope,
  reviewStatement,
  SIGNOFF_PREDICATE_TYPE,
  STATEMENT_TYPE,
} from '../../src/core/signing/statement.js';
import { draftRecord } from './helpers.js';

const keyid = 'b'.repeat(64);
const article = { name: 'story.md', digest: { sha256: 'c'.repeat(64) } };

describe('in-toto Statement v1', () => {
  const filed = filedStatement({
    article,
    predicate: {
      signer: { name: 'Jane', keyid },
      time: '2026-11-20T11:00:00.000Z',
      statement: FILING_STATEMENT,
      record: draftRecord().record,
    },
  });

  it('has the Statement v1 type, the article as subject and the prepub predicate type', () => {
    expect(filed._type).toBe(STATEMENT_TYPE);
    expect(filed._type).toBe('https://in-toto.io/Statement/v1');
    expect(filed.subject).toEqual([article]);
    expect(filed.predicateType).toBe(SIGNOFF_PREDICATE_TYPE);
    expect(filed.predicate).toMatchObject({ role: 'reporter', decision: 'filed' });
  });

  it('encodes as two-space JSON with a trailing newline, and decodes back', () => {
    const bytes = encodeStatement(filed);
    const text = new TextDecoder().decode(bytes);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "_type"')).toBe(true);
    expect(decodeStatement(bytes).statement).toEqual(filed);
  });

  it('names the reviewed envelope as a second subject', () => {
    const review = reviewStatement({
      article,
      reviewed: { index: 1, sha256: 'd'.repeat(64) },
      predicate: {
        role: 'editor',
        decision: 'approved',
        signer: { name: 'Ed', keyid },
        time: '2026-11-20T12:00:00Z',
        comment: '',
        reviews: [],
        reviewsFrom: 'decision',
      },
    });
    expect(review.subject[1]).toEqual({ name: 'envelope/1', digest: { sha256: 'd'.repeat(64) } });
    expect(referencedEnvelope(review)).toEqual({ index: 1, sha256: 'd'.repeat(64) });
    expect(referencedEnvelope(filed)).toBeUndefined();
  });

  it.each([
    ['not JSON', 'nope', /not JSON/],
    [
      'another statement type',
      JSON.stringify({
        _type: 'https://in-toto.io/Statement/v0.1',
        subject: [],
        predicateType: 'x',
        predicate: {},
      }),
      /not a prepub statement/,
    ],
    [
      'an unknown predicate key',
      JSON.stringify({ ...filed, predicate: { ...filed.predicate, extra: 1 } }),
      /not a prepub statement/,
    ],
  ])('refuses %s', (_, text, error) => {
    expect(decodeStatement(new TextEncoder().encode(text)).error).toMatch(error);
  });
});
