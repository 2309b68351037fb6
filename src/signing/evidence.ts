// Does the record follow from its evidence? Its findings are what a fresh scan of the article
// finds, and its assessment (risks, referrals, flagged items) is what its checklist gives for its
// answers. A record edited by hand to drop a finding or a lawyer referral fails this. It needs the
// checklist the record was made with (the same SHA-256) to be installed here.
import type { Context } from '../context.js';
import type { Finding, RecordBody } from '../record/schema.js';
import type { Check } from './verify.js';

export interface EvidenceCheck extends Check {
  /** False when the checklist it was made with is not installed here, so nothing was recomputed. */
  readonly recomputed: boolean;
}

const findingKey = (f: Finding) => `${f.rule}@${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;

/** `article` is the path of the text to rescan, when it is at hand. */
export async function checkEvidence(
  body: RecordBody,
  article: string | undefined,
  ctx: Context,
): Promise<EvidenceCheck> {
  const name = 'evidence';
  const [{ locatePack }, { resolvePack }, { scanArticle }, { assess }] = await Promise.all([
    import('../io/pack-locations.js'),
    import('../io/packs.js'),
    import('../io/scan-article.js'),
    import('../checklist/engine.js'),
  ]);
  const want = body.checklist;
  let pack;
  try {
    pack = await resolvePack(want.id, ctx);
  } catch {
    pack = undefined;
  }
  if (!pack || pack.sha256 !== want.sha256) {
    return {
      name,
      ok: true,
      recomputed: false,
      detail: `not recomputed: checklist ${want.id} ${want.version} (sha256 ${want.sha256.slice(0, 12)}) is not installed here${pack ? ` (this prepub has ${pack.version}, sha256 ${pack.sha256.slice(0, 12)})` : ''}`,
    };
  }
  if (article !== undefined) {
    const fresh = await scanArticle(article, await locatePack(want.id, ctx), {}, ctx);
    const a = fresh.findings.map(findingKey).sort();
    const b = body.findings.map(findingKey).sort();
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      return {
        name,
        ok: false,
        recomputed: true,
        detail: 'the findings are not what a scan of the article finds',
      };
    }
  }
  const expected = assess(pack, { answers: body.answers, findings: body.findings });
  if (JSON.stringify(expected) !== JSON.stringify(body.assessment)) {
    return {
      name,
      ok: false,
      recomputed: true,
      detail: 'the assessment does not follow from the answers and findings (edited by hand?)',
    };
  }
  return {
    name,
    ok: true,
    recomputed: true,
    detail: `the assessment follows from the answers${article !== undefined ? ' and the findings from the article' : ''} (${want.id} ${want.version})`,
  };
}
