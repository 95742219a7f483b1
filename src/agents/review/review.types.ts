import type { ThinkingLensStatus } from '@/domain/thinking-lenses';
import type { ClarificationAnswer } from '@/domain/clarification';
import type { ChecklistItem as StoredChecklistItem, ReviewFinding } from '@/domain/version-review';

/** What a review reads: a saved version and what the user said before it was written. */
export interface ReviewInput {
  readonly prd: string;
  readonly flowchart: string;
  readonly lensStatus: ThinkingLensStatus;
  readonly answers: readonly ClarificationAnswer[];
  readonly idea: string;
  /** Text extracted from the uploads, when there are any: it may be a lens's evidence. */
  readonly uploadsText?: string;
}

export type { FindingSeverity, ReviewFinding } from '@/domain/version-review';

/** One line of the checklist (the stored shape), named by its check. */
export interface ChecklistItem extends StoredChecklistItem {
  readonly id: CheckId;
}

export interface PrdReview {
  /** 0-100: the checklist's points. */
  readonly score: number;
  readonly findings: readonly ReviewFinding[];
  readonly checklist: readonly ChecklistItem[];
}

export const CHECKS = [
  'sections',
  'requirements_named',
  'acceptance_testable',
  'acceptance_specific',
  'metrics_measurable',
  'no_duplicates',
  'journeys_flowchart',
  'assumptions_listed',
  'gaps_open',
  'lens_evidence',
  'answers_used',
] as const;
export type CheckId = (typeof CHECKS)[number];

/** What one check found: items passed out of items checked, and its findings. */
export interface CheckResult {
  readonly passed: number;
  readonly total: number;
  readonly findings: readonly ReviewFinding[];
}
