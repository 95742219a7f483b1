/**
 * The review a saved version carries (in its metadata.json, served by GET
 * /projects/{id}/versions/{version}/review): plain JSON, written by the agents' checklist and
 * critique, stored and read back by the versions feature without knowing how it was made.
 */

export type FindingSeverity = 'error' | 'warning' | 'info';

/** One thing to fix, named by the section it is in (a section title, or "Flowchart"). */
export interface ReviewFinding {
  /** `<check>:<subject>`, e.g. "acceptance_testable:FR-3": stable across reviews of one text. */
  readonly id: string;
  readonly severity: FindingSeverity;
  readonly section: string;
  readonly message: string;
}

/** One line of the checklist: how many of its items passed, and the points that earned. */
export interface ChecklistItem {
  readonly id: string;
  readonly label: string;
  readonly ok: boolean;
  readonly passed: number;
  readonly total: number;
  readonly points: number;
  readonly max_points: number;
}

/** What a model adds to the checklist: a verdict and findings a checklist cannot see. */
export interface ReviewCritique {
  readonly summary: string;
  readonly findings: readonly ReviewFinding[];
  readonly provider: string;
  readonly model: string;
}

/**
 * `complete`: the model's critique is there; `not_configured`: no model (the offline drafter
 * only), so no critique was asked for; `failed`: a model is configured but gave no usable
 * critique (the version was saved all the same, with the checklist).
 */
export const CRITIQUE_STATUSES = ['complete', 'not_configured', 'failed'] as const;
export type CritiqueStatus = (typeof CRITIQUE_STATUSES)[number];

export interface VersionReview {
  /** 0-100: the checklist's points. */
  readonly score: number;
  readonly checklist: readonly ChecklistItem[];
  /** The checklist's findings, errors first. */
  readonly findings: readonly ReviewFinding[];
  readonly critique: ReviewCritique | null;
  readonly critique_status: CritiqueStatus;
  /** Why a configured model gave no critique: an error code of the closed set. */
  readonly critique_error: string | null;
  readonly reviewed_at: string;
}
