// Severities, lowest first: the one list the schemas, the scanner and the renderers use. No zod
// here, so the scanner loads without it (`prepub scan` starts faster).
export const SEVERITIES = ['low', 'medium', 'high', 'blocker'] as const;
export type Severity = (typeof SEVERITIES)[number];
