import { UnrecoverableError } from 'bullmq';
import { AppError } from '@/common/errors';
import { FlowchartRejected } from '@/agents/flowchart/flowchart-author';

const SEPARATOR = '|';
const GENERIC = 'Agent execution failed';

/**
 * What a failed run leaves on its job, as "CODE|safe message" (BullMQ keeps one string). Internal
 * details stay in agent_logs. Failures a retry cannot fix (a flowchart the model could not
 * repair, a project archived meanwhile) skip BullMQ's retries; the rest are retried.
 */
export function jobFailure(error: unknown): Error {
  if (error instanceof FlowchartRejected) {
    return new UnrecoverableError(`FLOWCHART_INVALID${SEPARATOR}${error.message}`);
  }
  if (error instanceof AppError) {
    const reason = `${error.code}${SEPARATOR}${error.message}`;
    return error.status < 500 ? new UnrecoverableError(reason) : new Error(reason);
  }
  return new Error(`AGENT_FAILED${SEPARATOR}${GENERIC}`);
}

export function readJobFailure(reason: string | undefined): {
  error_code: string;
  message: string;
} {
  const at = reason?.indexOf(SEPARATOR) ?? -1;
  if (!reason || at <= 0) return { error_code: 'AGENT_FAILED', message: GENERIC };
  return { error_code: reason.slice(0, at), message: reason.slice(at + 1) };
}
