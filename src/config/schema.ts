// prepub.config.json: found by walking up from the current folder, then the user config folder,
// or named by PREPUB_CONFIG. Flags override it.
import { z } from 'zod';

export const ROLES = ['reporter', 'editor', 'lawyer'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Policy = z.strictObject({
  /** Roles whose `approved` is needed, in order, after the reporter's `filed`. */
  approvals: z.array(z.enum(['editor', 'lawyer'])).default(['editor']),
  /** A lawyer's `approved` is needed as well when any answer referred the story to a lawyer. */
  lawyerWhenReferred: z.boolean().default(true),
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
  /** The newsroom keyring (JSON). */
  keyring: z.string().optional(),
  policy: Policy.default({ approvals: ['editor'], lawyerWhenReferred: true }),
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
