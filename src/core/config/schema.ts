// prepub.config.json: found by walking up from the current folder, then the user config folder,
// or named by PREPUB_CONFIG. Flags override it.
import { z } from 'zod';

export const ROLES = ['reporter', 'editor', 'lawyer'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/**
 * What approval needs. It lives in the trust root (the keyring the gate pins), never in a
 * prepub.config.json: the people the gate checks must not choose its rules.
 */
export const Policy = z.strictObject({
  /** Roles whose `approved` is needed after the reporter's `filed`: at least one, so nothing
   * unreviewed can be approved. */
  approvals: z
    .array(z.enum(['editor', 'lawyer']))
    .min(1, 'at least one approval: nothing unreviewed may be approved')
    .default(['editor']),
  /** A lawyer's `approved` is needed as well when any answer referred the story to a lawyer. */
  lawyerWhenReferred: z.boolean().default(true),
  /** Each approval must come from someone other than the reporter who filed, and each required
   * role from a different person: a key trusted in two roles counts once. */
  distinctSigners: z.boolean().default(true),
  /** The oldest version of each checklist (by id) the gate accepts a record under: a reporter
   * may make a record with any released version (the archive keeps them), so a newsroom that
   * wants new stories checked by the current rules says so here, in the gate's trust root. */
  minimumChecklist: z
    .record(
      z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a checklist id (lower-case, hyphens)'),
      z.string().regex(/^\d+\.\d+\.\d+$/, 'a version: MAJOR.MINOR.PATCH'),
    )
    .optional(),
});
export type Policy = z.infer<typeof Policy>;

export const Config = z.strictObject({
  $schema: z.string().optional(),
  /** The default checklist pack: an id or a folder. */
  checklist: z.string().default('uk-ew'),
  /** Extra folders holding newsroom packs (each pack a sub-folder with pack.yaml). */
  packDirs: z.array(z.string()).default([]),
  /** Where records are written when the article has no path (stdin) and for `status`. */
  recordsDir: z.string().optional(),
  /** The newsroom's desks, offered at the Desk prompt (the first is the default when the user
   * has no desk of their own). */
  desks: z.array(z.string().min(1)).optional(),
  /** The newsroom keyring (JSON). */
  keyring: z.string().optional(),
  /** No longer read here: the approval policy lives in the keyring (the trust root). Kept in the
   * schema only to refuse it with a message saying where it went. */
  policy: z.unknown().optional(),
  user: z
    .strictObject({
      name: z.string().min(1).optional(),
      desk: z.string().min(1).optional(),
      /** Key id (or name) of the private key to sign with. */
      key: z.string().min(1).optional(),
    })
    .default({}),
});
export type Config = z.infer<typeof Config>;

/** A loaded config, with the folder each relative path in it is resolved against. */
export interface ResolvedConfig {
  readonly config: Config;
  /** The file it came from, or null for the defaults. */
  readonly file: string | null;
  /** packDirs, recordsDir and keyring as absolute paths. */
  readonly packDirs: readonly string[];
  readonly recordsDir: string | undefined;
  readonly keyring: string | undefined;
}
