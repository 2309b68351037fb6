// Test helpers for the sign-off: a valid draft record for an article, keys, a keyring.
import { reviewHistoryEntry } from '../../src/core/signing/history.js';
import type { ReviewPredicate } from '../../src/core/signing/statement.js';
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nextQuestion, notePrompt } from '../../src/core/checklist/engine.js';
import { loadPackFromFiles } from '../../src/core/checklist/loader.js';
import { RISK_LEVELS, type Pack } from '../../src/core/checklist/schema.js';
import { parseWithSchema } from '../../src/core/parse/structured.js';
import { addHistory, applyAnswer, engineState, newRecord } from '../../src/core/record/build.js';
import type { Rule } from '../../src/core/scan/rules-schema.js';
import { RulesFile } from '../../src/core/scan/rules-schema.js';
import { scanText } from '../../src/core/scan/scanner.js';
import { withHistory } from '../../src/core/record/lifecycle.js';
import type { RecordFile } from '../../src/core/record/schema.js';
import {
  envelopePayload,
  IN_TOTO_PAYLOAD_TYPE,
  signEnvelope,
} from '../../src/core/signing/dsse.js';
import {
  encodeStatement,
  filedStatement,
  FILING_STATEMENT,
  reviewStatement,
} from '../../src/core/signing/statement.js';
import { keyIdOf } from '../../src/core/signing/key-id.js';
import type { TrustedKey } from '../../src/core/signing/verify.js';
import { sha256Hex } from '../../src/core/hash.js';

export const ARTICLE =
  'Police appeal after a car was stolen in Leeds.\nThe owner, 43, said: "It was my dad\'s."\n';

/** A complete draft: walked, one medium answer with a note, one lawyer referral, one suppressed finding. */
export function draftRecord(
  options: { article?: string; path?: string; referred?: boolean; id?: string } = {},
): RecordFile {
  const article = options.article ?? ARTICLE;
  const at = '2026-11-20T10:00:00.000Z';
  const referred = options.referred ?? false;
  return {
    format: 'prepub/record@1',
    status: 'draft',
    record: {
      id: options.id ?? randomUUID(),
      story: {
        slug: 'car-theft-appeal',
        headline: 'Police appeal after car stolen',
        desk: 'news',
        reporter: 'Jane Reporter',
      },
      article: {
        path: options.path ?? 'story.md',
        sha256: sha256Hex(article),
        bytes: Buffer.byteLength(article),
      },
      checklist: { id: 'uk-ew', version: '1.0.0', sha256: 'a'.repeat(64) },
      answers: {
        'safety.identifying-details': {
          value: 'yes',
          note: 'Owner agreed to be named; no address given.',
          answeredAt: at,
        },
        'defamation.allegation': { value: referred ? 'yes' : 'no', answeredAt: at },
      },
      findings: [
        {
          rule: 'uk-ew.phone-number',
          section: 'safety',
          severity: 'medium',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 6,
          excerpt: 'Police',
          message: 'A phone number',
          questions: ['safety.identifying-details'],
          suppressed: { reason: 'the police appeal line', by: 'flag' },
        },
      ],
      assessment: {
        overall: referred ? 'high' : 'medium',
        sections: {
          safety: 'medium',
          restrictions: 'none',
          defamation: referred ? 'high' : 'none',
          privacy: 'none',
          sources: 'none',
          accuracy: 'none',
        },
        actions: [],
        referrals: referred
          ? [
              {
                question: 'defamation.allegation',
                section: 'defamation',
                ask: 'Does the story allege wrongdoing?',
                answer: 'Yes',
                risk: 'high',
              },
            ]
          : [],
        flagged: [
          {
            question: 'safety.identifying-details',
            section: 'safety',
            ask: 'Does the story give details that could identify where someone lives?',
            value: 'yes',
            answer: 'Yes',
            risk: 'medium',
            lawyer: false,
            note: 'Owner agreed to be named; no address given.',
            raisedBy: ['uk-ew.phone-number'],
            reasons: ['risk', 'finding'],
          },
          ...(referred
            ? [
                {
                  question: 'defamation.allegation',
                  section: 'defamation' as const,
                  ask: 'Does the story allege wrongdoing?',
                  value: 'yes',
                  answer: 'Yes',
                  risk: 'high' as const,
                  lawyer: true,
                  raisedBy: [],
                  reasons: ['risk' as const, 'lawyer' as const],
                },
              ]
            : []),
        ],
        pending: 0,
      },
      history: [
        { at, event: 'created', by: 'Jane Reporter' },
        { at, event: 'completed', by: 'Jane Reporter' },
      ],
    },
    attestations: [],
  };
}

export interface TestKey extends TrustedKey {
  readonly privateKey: KeyObject;
  readonly publicPem: string;
}

export function makeKey(name: string, role: TrustedKey['role']): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    keyid: keyIdOf(publicKey),
    name,
    role,
    publicKey,
    privateKey,
    publicPem: String(publicKey.export({ type: 'spki', format: 'pem' })),
  };
}

/** File a draft as `reporter` the way `prepub file` does, in process. `payload` may rewrite the
 * payload's text before it is signed (a tool other than prepub). */
export function fileRecord(
  file: RecordFile,
  reporter: TestKey,
  at = '2026-11-20T11:00:00.000Z',
  payload: (text: string) => string = (text) => text,
): RecordFile {
  const body = withHistory(file, { at, event: 'filed', by: reporter.name });
  const last = file.attestations.at(-1);
  const previous = last
    ? { envelope: file.attestations.length, sha256: sha256Hex(envelopePayload(last)!) }
    : undefined;
  const statement = filedStatement({
    article: { name: body.article!.path, digest: { sha256: body.article!.sha256 } },
    predicate: {
      signer: { name: reporter.name, keyid: reporter.keyid },
      time: at,
      statement: FILING_STATEMENT,
      ...(previous ? { previous } : {}),
      record: body,
    },
  });
  const bytes = new TextEncoder().encode(
    payload(new TextDecoder().decode(encodeStatement(statement))),
  );
  const envelope = signEnvelope(IN_TOTO_PAYLOAD_TYPE, bytes, reporter);
  return { ...file, status: 'filed', record: body, attestations: [...file.attestations, envelope] };
}

/** Review a filed record as `reviewer` the way `prepub review` does, in process. */
export function reviewRecord(
  file: RecordFile,
  reviewer: TestKey,
  decision: 'approved' | 'returned',
  status: RecordFile['status'],
  at = '2026-11-20T12:00:00.000Z',
): RecordFile {
  const role = reviewer.role === 'lawyer' ? 'lawyer' : 'editor';
  const last = file.attestations.at(-1)!;
  const predicate: ReviewPredicate = {
    role,
    decision,
    signer: { name: reviewer.name, keyid: reviewer.keyid },
    time: at,
    comment: 'ok',
    reviews: [],
    reviewsFrom: 'decision',
  };
  const statement = reviewStatement({
    article: { name: file.record.article!.path, digest: { sha256: file.record.article!.sha256 } },
    reviewed: { index: file.attestations.length, sha256: sha256Hex(envelopePayload(last)!) },
    predicate,
  });
  const envelope = signEnvelope(IN_TOTO_PAYLOAD_TYPE, encodeStatement(statement), reviewer);
  const body = withHistory(file, reviewHistoryEntry(predicate));
  return { ...file, status, record: body, attestations: [...file.attestations, envelope] };
}

// A real draft, consistent with the uk-ew pack and a fresh scan of its article, as `prepub file`
// requires. Built with prepub's own engine (no terminal, fixed times), for the tests that file.
export const REAL_ARTICLE =
  'Council opens a new library in Leeds.\nThe librarian, 43, said: "It was my dad\'s dream." Call 0113 496 0000 to book a visit.\n';
/** The flag suppression the real draft carries, and the review item id of that finding. */
export const SUPPRESSED = { rule: 'uk-ew.phone-number', reason: 'the police appeal line' };

const real = new Map<string, { pack: Pack; rules: Rule[] }>();
/** The built-in uk-ew pack and its rules (or those of an archived release), loaded in process. */
export function loadReal(release?: '1.0.0'): { pack: Pack; rules: Rule[] } {
  const dir = fileURLToPath(
    new URL(
      release ? `../../checklists/archive/uk-ew/${release}/` : '../../checklists/uk-ew/',
      import.meta.url,
    ),
  );
  let loaded = real.get(dir);
  if (!loaded) {
    const files = readdirSync(dir)
      .filter((n) => n.endsWith('.yaml'))
      .map((name) => ({ name, display: name, text: readFileSync(path.join(dir, name), 'utf8') }));
    loaded = {
      pack: loadPackFromFiles(dir, files).value!,
      rules: parseWithSchema(
        'rules.yaml',
        readFileSync(path.join(dir, 'rules.yaml'), 'utf8'),
        RulesFile,
      ).value!.rules,
    };
    real.set(dir, loaded);
  }
  return loaded;
}

export function realDraftRecord(
  options: {
    article?: string;
    path?: string;
    referred?: boolean;
    /** Made under the archived uk-ew 1.0.0 (yes/no screening) instead of the live pack. */
    release?: '1.0.0';
  } = {},
): RecordFile {
  const { pack, rules } = loadReal(options.release);
  const article = options.article ?? REAL_ARTICLE;
  const at = '2026-11-20T10:00:00.000Z';
  const findings = scanText(article, rules, {
    ignore: new Map([[SUPPRESSED.rule, SUPPRESSED.reason]]),
  });
  // One flagged answer with a note (the reporter's own safety: "not sure" about a risk to the
  // reporter, medium with a note), and with `referred` an allegation at the highest level, which
  // refers the story to a lawyer.
  const script: Record<string, string | string[]> = options.release
    ? {
        'safety.reporter-at-risk': 'yes',
        ...(options.referred
          ? { 'defamation.criticises-someone': 'yes', 'defamation.chase-level': 'did-it' }
          : {}),
      }
    : {
        'safety.involves': ['unsure:reporter-risk'],
        ...(options.referred
          ? { 'defamation.involves': ['allegation'], 'defamation.chase-level': 'did-it' }
          : {}),
      };
  let record = newRecord({
    id: '00000000-0000-4000-8000-000000000001',
    pack,
    story: {
      slug: 'car-theft-appeal',
      headline: 'Police appeal after car stolen',
      desk: 'news',
      reporter: 'Jane Reporter',
    },
    article: {
      path: options.path ?? 'story.md',
      sha256: sha256Hex(article),
      bytes: Buffer.byteLength(article),
    },
    findings,
    by: 'Jane Reporter',
    now: at,
  });
  for (
    let next = nextQuestion(pack, engineState(record));
    next;
    next = nextQuestion(pack, engineState(record))
  ) {
    const q = next.question;
    const values = Object.keys(q.answers ?? {});
    // Unscripted questions get their least risky answer ("no" on a tie; a checkbox's least
    // risky option alone, which is "none of these"; a repeat group, one item).
    const rank = (v: string) =>
      RISK_LEVELS.indexOf(q.answers![v]!.risk) * 2 + (q.answers![v]!.lawyer ? 1 : 0);
    const least = [...values].sort(
      (x, y) => rank(x) - rank(y) || Number(y === 'no') - Number(x === 'no'),
    )[0];
    const value =
      script[next.key] ??
      (q.type === 'text'
        ? 'Noted.'
        : q.type === 'repeat'
          ? '1'
          : q.type === 'checkbox'
            ? [least!]
            : least!);
    const note = notePrompt(q, value, findings) === undefined ? undefined : `Checked ${next.key}.`;
    record = applyAnswer(record, pack, next.key, { value, note }, 'Jane Reporter', at).record;
  }
  return addHistory(record, { at, event: 'completed', by: 'Jane Reporter' });
}
