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

/** One clarification answer as clients send it back. */
export interface ClarificationAnswer {
  readonly lens: ThinkingLens;
  readonly question: string;
  readonly answer: string;
}
