import type { ClarificationAnswer } from '@/agents/answers';
import type { ThinkingLensStatus } from '@/domain/thinking-lenses';

/** Job names on the `agents` queue. */
export const GENERATE_JOB = 'generate';
export const ITERATE_JOB = 'iterate';

interface AgentJobBase {
  readonly userId: string;
  readonly projectId: string;
  readonly sessionId: string;
}

export interface GenerateJob extends AgentJobBase {
  readonly kind: typeof GENERATE_JOB;
  readonly answers: readonly ClarificationAnswer[];
}

export type IterateMode = 'agent' | 'think';

export interface IterateJob extends AgentJobBase {
  readonly kind: typeof ITERATE_JOB;
  readonly mode: IterateMode;
  readonly message: string;
}

export type AgentJob = GenerateJob | IterateJob;

/** What a finished generate or agent-mode iterate leaves on the job (seed 000's result). */
export interface DocumentResult {
  readonly prd_content: string;
  readonly flowchart_content: string;
  readonly thinking_lens_status: ThinkingLensStatus;
  readonly version: string;
  readonly changes: string;
}

/** A think-mode iteration: an answer from the PRD, and no version. */
export interface ThinkResult {
  readonly mode: 'think';
  readonly answer: string;
  /** The version the answer was read from. */
  readonly based_on_version: string | null;
}

export type AgentJobResult = DocumentResult | ThinkResult;
