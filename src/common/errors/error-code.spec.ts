import { codeForStatus, isErrorCode } from './error-code';

describe('the closed set of error codes', () => {
  it('maps a bare HTTP status to its generic code, never to a specific one', () => {
    expect(codeForStatus(429)).toBe('RATE_LIMIT_EXCEEDED');
    expect(codeForStatus(500)).toBe('INTERNAL_ERROR');
    expect(codeForStatus(503)).toBe('SERVICE_UNAVAILABLE');
    expect(codeForStatus(422)).toBe('VALIDATION_ERROR');
    expect(codeForStatus(409)).toBe('CONFLICT');
    expect(codeForStatus(418)).toBe('VALIDATION_ERROR');
    expect(codeForStatus(502)).toBe('INTERNAL_ERROR');
  });

  it('holds the agent run codes', () => {
    for (const code of [
      'AGENT_FAILED',
      'FLOWCHART_INVALID',
      'AI_UNAVAILABLE',
      'AI_OUTPUT_INVALID',
    ]) {
      expect(isErrorCode(code)).toBe(true);
    }
    expect(isErrorCode('TEAPOT')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
  });
});
