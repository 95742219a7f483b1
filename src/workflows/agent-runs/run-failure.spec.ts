import { UnrecoverableError } from 'bullmq';
import { FlowchartRejected } from '@/agents/flowchart/flowchart-author';
import { AppError } from '@/common/errors';
import { decodeRunFailure } from '@/domain/agent-run';
import { shapeFailure } from './run-failure';

describe('agent run failures', () => {
  it('does not retry what a retry cannot fix, and stores the failure as structured data', () => {
    const rejected = shapeFailure(new FlowchartRejected([{ line: 2, message: 'bad label' }]));
    expect(rejected.thrown).toBeInstanceOf(UnrecoverableError);
    expect(rejected.failure).toEqual({
      error_code: 'FLOWCHART_INVALID',
      message: 'The flowchart could not be repaired: line 2: bad label',
    });
    expect(decodeRunFailure(rejected.thrown.message)).toEqual(rejected.failure);
    expect(shapeFailure(AppError.notFound('Project')).thrown).toBeInstanceOf(UnrecoverableError);

    const unavailable = shapeFailure(
      new AppError('AI_UNAVAILABLE', 'The AI service is unavailable'),
    );
    expect(unavailable.thrown).not.toBeInstanceOf(UnrecoverableError);
    expect(decodeRunFailure(unavailable.thrown.message).error_code).toBe('AI_UNAVAILABLE');
  });

  it('keeps internal details off the job', () => {
    const internal = shapeFailure(
      new TypeError('Cannot read properties of undefined (reading "x")'),
    );
    expect(internal.thrown).not.toBeInstanceOf(UnrecoverableError);
    expect(decodeRunFailure(internal.thrown.message)).toEqual({
      error_code: 'AGENT_FAILED',
      message: 'Agent execution failed',
    });
  });
});
