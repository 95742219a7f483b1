import { Injectable } from '@nestjs/common';
import type { ThinkingLens } from '@/projects/thinking-lenses';
import { draftClarificationQuestions } from './clarification-drafter';

export interface ClarificationInput {
  readonly idea: string;
  /** Text extracted from the project's uploads ('' when there are none). */
  readonly uploadsText: string;
}

export interface ClarificationQuestion {
  readonly lens: ThinkingLens;
  readonly question: string;
  readonly context: string;
}

/**
 * The seam for the clarify agent: 5-10 questions over the thinking lenses for a new project.
 * Today the offline drafter answers; the agents issue puts the LLM graph behind this same
 * method, so projects never learn which one wrote the questions.
 */
@Injectable()
export class ClarificationService {
  questionsFor(input: ClarificationInput): Promise<ClarificationQuestion[]> {
    return Promise.resolve(draftClarificationQuestions(input));
  }
}
