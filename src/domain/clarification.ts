import type { ThinkingLens } from './thinking-lenses';

/**
 * A clarification question: the API contract's lens, question and context, plus fields added to
 * that shape (clients that ignore them keep working): 2-4 short `options` to pick from, the one
 * `recommended` (copied from the options) and a one-line `recommended_reason`.
 */
export interface ClarificationQuestion {
  readonly lens: ThinkingLens;
  readonly question: string;
  readonly context: string;
  readonly options: readonly string[];
  readonly recommended: string;
  readonly recommended_reason: string;
}

/** A question as its own plain object (no other fields a stored or drafted one may carry). */
export function copyQuestion({
  lens,
  question,
  context,
  options,
  recommended,
  recommended_reason,
}: ClarificationQuestion): ClarificationQuestion & { options: string[] } {
  return { lens, question, context, options: [...options], recommended, recommended_reason };
}

/** One clarification answer as clients send it back. */
export interface ClarificationAnswer {
  readonly lens: ThinkingLens;
  readonly question: string;
  readonly answer: string;
}

/**
 * What an answer is evidence for. `used`: its own question's lens; `moved`: it is plainly about
 * another lens, and counts there; `repeat`: the same text as an earlier answer (it counts once,
 * through that one); `off_topic`: about nothing the PRD can use; `unanswered`: blank or "not sure".
 */
export type AnswerStatus = 'used' | 'moved' | 'repeat' | 'off_topic' | 'unanswered';

/** An answer as a clarification session records it: numbered, and what it counted for. */
export interface RecordedAnswer extends ClarificationAnswer {
  /** "A-3": the id the PRD cites. */
  readonly id: string;
  readonly status: AnswerStatus;
  /** The lens it is evidence for; null unless used or moved. */
  readonly counts_for: ThinkingLens | null;
  /** For a repeat: the answer it repeats. */
  readonly repeats: string | null;
}
