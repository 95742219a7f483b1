/**
 * The five thinking lenses a product idea is examined through. A project's
 * thinking_lens_status is keyed by them; the clarification questions and the agents use the
 * same list.
 */
export const THINKING_LENSES = ['discovery', 'user_journey', 'metrics', 'gtm', 'risks'] as const;
export type ThinkingLens = (typeof THINKING_LENSES)[number];

export type ThinkingLensStatus = Record<ThinkingLens, boolean>;

export function noLensCovered(): ThinkingLensStatus {
  return { discovery: false, user_journey: false, metrics: false, gtm: false, risks: false };
}

/** How well what the user said covers a lens: enough to write from, touched briefly, or not at all. */
export type LensCoverage = 'clear' | 'partial' | 'missing';
export type LensCoverageMap = Record<ThinkingLens, LensCoverage>;
