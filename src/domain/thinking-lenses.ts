/**
 * The five thinking lenses (DESIGN.md, seed 000's thinking_lens_status). Kept beside projects
 * because a project's status map is keyed by them; the agents read the same list.
 */
export const THINKING_LENSES = ['discovery', 'user_journey', 'metrics', 'gtm', 'risks'] as const;
export type ThinkingLens = (typeof THINKING_LENSES)[number];

export type ThinkingLensStatus = Record<ThinkingLens, boolean>;

export function noLensCovered(): ThinkingLensStatus {
  return { discovery: false, user_journey: false, metrics: false, gtm: false, risks: false };
}
