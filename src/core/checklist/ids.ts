// The canonical section ids and risk levels, without zod, for code that must start fast.

export const SECTION_IDS = [
  'safety',
  'restrictions',
  'defamation',
  'privacy',
  'sources',
  'accuracy',
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export const RISK_LEVELS = ['none', 'low', 'medium', 'high', 'blocker'] as const;
export type Risk = (typeof RISK_LEVELS)[number];
