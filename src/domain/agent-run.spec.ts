import { decodeRunFailure, encodeRunFailure, isAgentRunProgress } from './agent-run';

describe('the agent run contract', () => {
  it('stores a failure as JSON and reads it back', () => {
    const failure = { error_code: 'AI_UNAVAILABLE', message: 'The AI service is unavailable' };
    expect(decodeRunFailure(encodeRunFailure({ ...failure, extra: 1 } as never))).toEqual(failure);
  });

  it('reads anything but a stored failure with a known code as AGENT_FAILED', () => {
    for (const reason of [
      undefined,
      'job stalled more than allowable limit',
      'AI_UNAVAILABLE|The AI service is unavailable',
      '{"error_code":"TEAPOT","message":"no"}',
      '{"error_code":"NOT_FOUND"}',
      '{not json',
    ]) {
      expect(decodeRunFailure(reason)).toEqual({
        error_code: 'AGENT_FAILED',
        message: 'Agent execution failed',
      });
    }
  });

  it('recognises progress stored on a job', () => {
    expect(isAgentRunProgress({ percent: 10, step: 'Assessing', eta: 30 })).toBe(true);
    expect(isAgentRunProgress(0)).toBe(false);
    expect(isAgentRunProgress({ percent: '10', step: 'Assessing' })).toBe(false);
  });
});
