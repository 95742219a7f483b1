import type { IterateMode } from '@/domain/agent-run';
import type { ClarificationAnswer } from '@/domain/clarification';

/** Job names on the `agents` queue. A job's return value is an AgentRunResult. */
export const GENERATE_JOB = 'generate';
export const ITERATE_JOB = 'iterate';

interface AgentJobBase {
  readonly userId: string;
  readonly projectId: string;
  /** The clarification session the work belongs to. */
  readonly sessionId: string;
}

export interface GenerateJob extends AgentJobBase {
  readonly kind: typeof GENERATE_JOB;
  readonly answers: readonly ClarificationAnswer[];
}

export interface IterateJob extends AgentJobBase {
  readonly kind: typeof ITERATE_JOB;
  readonly mode: IterateMode;
  readonly message: string;
}

export type AgentJob = GenerateJob | IterateJob;
