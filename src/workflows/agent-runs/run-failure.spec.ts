import { UnrecoverableError } from 'bullmq';
import { AppError } from '@/common/errors';
import { FlowchartRejected } from '@/agents/flowchart/flowchart-author';
import { jobFailure, readJobFailure } from './run-failure';

describe('agent job failures', () => {
  it('does not retry what a retry cannot fix, and keeps internal details off the job', () => {
    const rejected = jobFailure(new FlowchartRejected([{ line: 2, message: 'bad label' }]));
    expect(rejected).toBeInstanceOf(UnrecoverableError);
    expect(readJobFailure(rejected.message)).toEqual({
      error_code: 'FLOWCHART_INVALID',
      message: 'The flowchart could not be repaired: line 2: bad label',
    });
    expect(jobFailure(AppError.notFound('Project'))).toBeInstanceOf(UnrecoverableError);

    const unavailable = jobFailure(new AppError('AI_UNAVAILABLE', 'The AI service is unavailable'));
    expect(unavailable).not.toBeInstanceOf(UnrecoverableError);
    expect(readJobFailure(unavailable.message).error_code).toBe('AI_UNAVAILABLE');

    const internal = jobFailure(new TypeError('Cannot read properties of undefined (reading "x")'));
    expect(readJobFailure(internal.message)).toEqual({
      error_code: 'AGENT_FAILED',
      message: 'Agent execution failed',
    });
    expect(readJobFailure(undefined).error_code).toBe('AGENT_FAILED');
  });
});
