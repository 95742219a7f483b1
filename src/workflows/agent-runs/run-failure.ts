import { UnrecoverableError } from 'bullmq';
import { FlowchartRejected } from '@/agents/flowchart/flowchart-author';
import { AppError } from '@/common/errors';
import { AGENT_FAILED, AgentRunFailure, encodeRunFailure } from '@/domain/agent-run';

export interface ShapedFailure {
  /** What the task's status and the project's room show; internal details stay in agent_logs. */
  readonly failure: AgentRunFailure;
  /** What the processor throws: BullMQ stores the failure as its message. */
  readonly thrown: Error;
}

/**
 * A failed run as structured data with a code from the closed set. Failures a retry cannot fix
 * (a flowchart the model could not repair, a project archived meanwhile) skip BullMQ's retries;
 * the rest are retried.
 */
export function shapeFailure(error: unknown): ShapedFailure {
  const failure = failureOf(error);
  const message = encodeRunFailure(failure);
  return {
    failure,
    thrown: isRetryable(error) ? new Error(message) : new UnrecoverableError(message),
  };
}

function failureOf(error: unknown): AgentRunFailure {
  if (error instanceof FlowchartRejected) {
    return { error_code: 'FLOWCHART_INVALID', message: error.message };
  }
  if (error instanceof AppError) return { error_code: error.code, message: error.message };
  return AGENT_FAILED;
}

function isRetryable(error: unknown): boolean {
  if (error instanceof FlowchartRejected) return false;
  return error instanceof AppError ? error.status >= 500 : true;
}
