import type { ThinkingLens } from './thinking-lenses';

/** A clarification question as the API contract names it: what POST /projects answers. */
export interface ClarificationQuestion {
  readonly lens: ThinkingLens;
  readonly question: string;
  readonly context: string;
}

/** One clarification answer as clients send it back. */
export interface ClarificationAnswer {
  readonly lens: ThinkingLens;
  readonly question: string;
  readonly answer: string;
}
