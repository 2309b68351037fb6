// Does the record follow from its evidence? Its findings are what a fresh scan of the article
// finds, field for field, and its assessment (risks, referrals, flagged items) is what its
// checklist gives for its answers. A record edited by hand to drop a finding, lower a severity
// or drop a lawyer referral fails this. It needs the exact checklist the record names (id,
// version and SHA-256 of its files) to be installed where it runs: a checklist that is not there
// fails, unless the caller allows it explicitly (archives).
import path from 'node:path';
import { z } from 'zod';
import type { Context } from '../context.js';
import type { RecordBody } from '../core/record/schema.js';
import type { Finding } from '../core/scan/finding.js';
import type { Check } from '../core/signing/verify.js';

/** `recomputed` is false when nothing was recomputed (the checklist is not installed here). */
export type EvidenceCheck = Extract<Check, { readonly id: 'evidence' }>;

function evidenceCheck(
  ok: boolean,
  recomputed: boolean,
  detail: string,
  newerInstalled?: string,
): EvidenceCheck {
  return {
    id: 'evidence',
    name: 'evidence',
    ok,
    recomputed,
    detail,
    ...(newerInstalled !== undefined ? { newerInstalled } : {}),
  };
}

export interface EvidenceOptions {
  /** The text to rescan, when it is at hand and is the text that was signed: its path (which
   * says its kind) and the bytes the caller checked, so the same bytes are scanned. */
  readonly article?: { readonly path: string; readonly bytes: Uint8Array };
  /** Pass, saying so, when the record's checklist is not installed here (archives only). */
  readonly allowUnknownChecklist?: boolean;
  /** The oldest version of the record's checklist the gate accepts (its trust root's policy,
   * `minimumChecklist`): a record made under an older release fails, however it verifies. */
  readonly minimumVersion?: string;
}

/** Compare two MAJOR.MINOR.PATCH versions: negative when `a` is older. */
function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The same finding in the same place: every field a fresh scan produces, in a stable order. */
function findingKey(f: Finding): string {
  return JSON.stringify([
    f.rule,
    f.section,
    f.severity,
    f.line,
    f.column,
    f.endLine,
    f.endColumn,
    f.excerpt,
    f.message,
    f.questions,
    f.suppressed ? [f.suppressed.by, f.suppressed.reason] : null,
    // What the reviewer is shown beside it: the title, the corroborating words, the other places.
    f.title ?? null,
    f.because?.map((b) => [b.line, b.column, b.excerpt, b.why]) ?? null,
    f.repeats?.map((r) => [r.line, r.column, r.endLine, r.endColumn, r.excerpt, r.why ?? null]) ??
      null,
  ]);
}

/** The suppressions given as flags when the record was made: a rescan needs them again (they are
 * in the record, and a reviewer sees each one). Comment suppressions come from the text itself. */
function flagSuppressions(findings: readonly Finding[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of findings) if (f.suppressed?.by === 'flag') out.set(f.rule, f.suppressed.reason);
  return out;
}

const PacksLock = z.strictObject({
  $comment: z.string().optional(),
  packs: z.record(z.string(), z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/))),
});

let released: Promise<Record<string, Record<string, string>>> | undefined;

/** The digest of every released version of the built-in packs (checklists/packs.lock.json). */
export function releasedPackDigests(): Promise<Record<string, Record<string, string>>> {
  released ??= (async () => {
    const { BUILTIN_PACKS } = await import('./pack-locations.js');
    const [{ readText }, { parseJson }] = await Promise.all([
      import('./files.js'),
      import('../core/parse/json-strict.js'),
    ]);
    const file = path.join(BUILTIN_PACKS, 'packs.lock.json');
    const parsed = PacksLock.safeParse(parseJson(await readText(file, 'pack lock')));
    // Shipped with prepub: unreadable means a broken install, which is a bug, not bad input.
    if (!parsed.success) throw new Error(`${file}: not a valid pack lock`);
    return parsed.data.packs;
  })();
  return released;
}

export async function checkEvidence(
  body: RecordBody,
  ctx: Context,
  options: EvidenceOptions = {},
): Promise<EvidenceCheck> {
  const [{ resolveRecordPack }, { scanArticle }, { assess, unmitigatedBlockers }] =
    await Promise.all([
      import('./packs.js'),
      import('./scan-article.js'),
      import('../core/checklist/engine.js'),
    ]);
  const want = body.checklist;
  // A version released as a built-in has exactly one content: a pack that claims it with other
  // content (a reporter's copy of uk-ew with its referrals removed) is a forgery, wherever it is.
  const released = (await releasedPackDigests())[want.id]?.[want.version];
  if (released !== undefined && released !== want.sha256) {
    return evidenceCheck(
      false,
      false,
      `checklist ${want.id} ${want.version} was released with sha256 ${released.slice(0, 12)}, but this record was made with a pack of that name and version whose content differs (sha256 ${want.sha256.slice(0, 12)}): a pack's content never changes under the same version`,
    );
  }
  // The gate's own policy may refuse older releases: a reporter chooses the version a record is
  // made under, and an older one may lack rules (and questions) the current one has.
  const minimum = options.minimumVersion;
  if (
    minimum !== undefined &&
    (!/^\d+\.\d+\.\d+$/.test(want.version) || compareVersions(want.version, minimum) < 0)
  ) {
    return evidenceCheck(
      false,
      false,
      `checklist ${want.id} ${want.version} is older than ${minimum}, the oldest version the trust root's policy accepts (minimumChecklist): make the record again under ${want.id} ${minimum} or later`,
    );
  }
  // The installed pack of that id, or the built-in archive's copy of an older released version,
  // read from its files: the gate trusts no cache (a cached pack's digest is the cache's word).
  const { pack, dir, other, newer } = await resolveRecordPack(want, ctx, { cache: false });
  if (!pack || !dir) {
    const have = other
      ? ` (this prepub has ${other.version}, sha256 ${other.sha256.slice(0, 12)})`
      : '';
    const what = `checklist ${want.id} ${want.version} (sha256 ${want.sha256.slice(0, 12)}) is not installed here${have}`;
    return options.allowUnknownChecklist
      ? evidenceCheck(true, false, `not recomputed (allowed by --allow-unknown-checklist): ${what}`)
      : evidenceCheck(
          false,
          false,
          `cannot recompute the evidence: ${what}; install that checklist, or pass --allow-unknown-checklist for an archived record`,
        );
  }
  if (options.article !== undefined) {
    const fresh = await scanArticle(
      options.article.path,
      dir,
      // The gate recomputes: the rules come from the pack's file, never from the user's cache.
      { ignore: flagSuppressions(body.findings), bytes: options.article.bytes, rulesCache: false },
      ctx,
    );
    const a = fresh.findings.map(findingKey).sort();
    const b = body.findings.map(findingKey).sort();
    if (a.length !== b.length || a.some((k, i) => k !== b[i])) {
      return evidenceCheck(
        false,
        true,
        'the findings are not what a scan of the article finds (a finding dropped, added or edited: severity, message, excerpt, suppression, corroboration or other places)',
      );
    }
  }
  const expected = assess(pack, { answers: body.answers, findings: body.findings });
  if (JSON.stringify(expected) !== JSON.stringify(body.assessment)) {
    return evidenceCheck(
      false,
      true,
      'the assessment does not follow from the answers and findings (edited by hand?)',
    );
  }
  // What `file` refuses, the gate refuses too, whoever signed: a record with questions still to
  // answer (an answer the checklist does not offer counts as unanswered), or a blocker answered
  // with neither a lawyer referral nor a mitigation.
  if (expected.pending > 0)
    return evidenceCheck(
      false,
      true,
      `${expected.pending} question${expected.pending === 1 ? '' : 's'} still to answer under ${want.id} ${want.version} (an answer the checklist does not offer counts as unanswered)`,
    );
  const blockers = unmitigatedBlockers(expected);
  if (blockers.length > 0)
    return evidenceCheck(
      false,
      true,
      `a blocker with neither a lawyer referral nor a mitigation note: ${blockers.map((b) => b.question).join(', ')}`,
    );
  // Said, not failed: records made under an older release still verify (archives, and stories
  // filed before the new version), but the desk and the gate see which rules were applied.
  const newerInstalled =
    newer !== undefined && newer.version !== want.version ? newer.version : undefined;
  const older =
    newerInstalled !== undefined
      ? `; an older release: ${want.id} ${newerInstalled} is installed here, and its rules and questions were not applied`
      : '';
  return evidenceCheck(
    true,
    true,
    `the assessment follows from the answers${options.article !== undefined ? ' and the findings from the article' : ''} (${want.id} ${want.version}${older})`,
    newerInstalled,
  );
}
