import type { AgentRunProgress, ModelUsage } from '@/domain/agent-run';
import type { ThinkingLensStatus } from '@/domain/thinking-lenses';

/** Who a queued run works for: it is logged under them and checkpointed on the task's thread. */
export interface AgentTask {
  readonly taskId: string;
  readonly userId: string;
  readonly projectId: string;
  /** The clarification session the work belongs to. */
  readonly sessionId: string;
}

/** Where a run reports how far it is; the caller decides where that goes (or that it goes nowhere). */
export interface ProgressSink {
  report(update: AgentRunProgress): Promise<void>;
}

/** A finished document a graph hands back to be saved as the project's next version. */
export interface DraftedDocument {
  readonly prd: string;
  readonly flowchart: string;
  readonly lensStatus: ThinkingLensStatus;
  readonly changes: string;
  /** What the run's model calls used up to the save. */
  readonly usage: ModelUsage;
}

/** Saves a drafted document (the caller's versions service) and answers the label it got. */
export type SaveDocument = (document: DraftedDocument) => Promise<string>;
