import type { ClarificationQuestion } from '@/domain/clarification';
import type { LlmMessage } from '@/llm/llm.types';
import type { CoverageMap } from '../answers';

export interface ClarificationInput {
  readonly idea: string;
  /** Text extracted from the project's uploads ('' when there are none). */
  readonly uploadsText: string;
  /** The chat the idea came from, when it came from one (a chat converted into a project). */
  readonly chatHistory?: readonly LlmMessage[];
  /** Whose project it is: the run is logged in agent_logs under it. */
  readonly owner?: { readonly userId: string; readonly projectId: string };
}

export interface ClarificationRound {
  readonly domain: string;
  readonly complexity: number;
  readonly coverage: CoverageMap;
  /** 5-10, every lens asked about, most impactful (least covered lens) first. */
  readonly questions: readonly ClarificationQuestion[];
}
