// verify recomputes what it can: a record signed by some other tool, whose assessment was edited
// before signing (a lawyer referral dropped), fails the evidence check even though every
// signature, the chain and the policy hold.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordFile } from '../../src/core/record/schema.js';
import { runInProcess, tempDir } from '../helpers/run.js';
import {
  fileRecord,
  makeKey,
  REAL_ARTICLE,
  realDraftRecord,
  reviewRecord,
} from '../signing/helpers.js';

describe('verify: the evidence check', () => {
  it('passes an honest record and fails one whose referral was removed before signing', async () => {
    const cwd = tempDir();
    const reporter = makeKey('Jane Reporter', 'reporter');
    const editor = makeKey('Ed Itor', 'editor');
    const lawyer = makeKey('Lara Lawyer', 'lawyer');
    writeFileSync(
      path.join(cwd, 'keyring.json'),
      JSON.stringify({
        format: 'prepub/keyring@1',
        keys: [reporter, editor, lawyer].map((k) => ({
          keyid: k.keyid,
          name: k.name,
          role: k.role,
          publicKey: k.publicPem,
          added: '2026-11-20T09:00:00.000Z',
        })),
      }),
    );
    writeFileSync(path.join(cwd, 'story.md'), REAL_ARTICLE);
    const sign = (draft: RecordFile, withLawyer: boolean) => {
      let r = reviewRecord(
        fileRecord(draft, reporter),
        editor,
        'approved',
        withLawyer ? 'filed' : 'approved',
      );
      if (withLawyer)
        r = reviewRecord(r, lawyer, 'approved', 'approved', '2026-11-20T13:00:00.000Z');
      return r;
    };
    const honest = sign(realDraftRecord({ referred: true }), true);
    writeFileSync(path.join(cwd, 'honest.prepub.json'), JSON.stringify(honest, null, 2));
    const ok = await runInProcess(
      [
        'verify',
        'honest.prepub.json',
        '--article',
        'story.md',
        '--keyring',
        'keyring.json',
        '--format',
        'json',
      ],
      { cwd },
    );
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(
      (
        JSON.parse(ok.stdout) as { checks: { name: string; ok: boolean; detail: string }[] }
      ).checks.find((c) => c.name === 'evidence'),
    ).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/follows from the answers and the findings/) as unknown,
    });

    const edited = realDraftRecord({ referred: true });
    const a = edited.record.assessment;
    edited.record.assessment = {
      ...a,
      overall: 'medium',
      sections: { ...a.sections, defamation: 'medium' },
      referrals: [],
      flagged: a.flagged.filter((f) => !f.lawyer),
    };
    writeFileSync(
      path.join(cwd, 'edited.prepub.json'),
      JSON.stringify(sign(edited, false), null, 2),
    );
    const bad = await runInProcess(
      [
        'verify',
        'edited.prepub.json',
        '--article',
        'story.md',
        '--keyring',
        'keyring.json',
        '--format',
        'json',
      ],
      { cwd },
    );
    expect(bad.code).toBe(1);
    const checks = (JSON.parse(bad.stdout) as { checks: { name: string; ok: boolean }[] }).checks;
    expect(checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['evidence']);
  });
});
