import * as Anthropic from '@anthropic-ai/sdk';
import * as OpenAI from 'openai';
import { classifyFailure, retryAfterMs } from './llm-failure';

const headers = (values: Record<string, string>) => new Headers(values);

describe('retryAfterMs', () => {
  it('prefers retry-after-ms, then reads seconds or an HTTP date', () => {
    expect(retryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(retryAfterMs(headers({ 'retry-after': '2' }))).toBe(2000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs(headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now)).toBe(
      3000,
    );
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});

describe('classifyFailure', () => {
  it.each([
    [429, 'rate_limited', true],
    [500, 'server_error', true],
    [503, 'server_error', true],
    [529, 'server_error', true],
    [408, 'timeout', true],
    [401, 'auth', false],
    [403, 'auth', false],
    [400, 'bad_request', false],
    [404, 'bad_request', false],
  ])('maps HTTP %i from either SDK to %s (retryable: %s)', (status, reason, retryable) => {
    for (const sdk of [OpenAI, Anthropic]) {
      const error = sdk.APIError.generate(status, { error: { message: 'x' } }, 'x', headers({}));
      expect(classifyFailure(error, false)).toMatchObject({ reason, retryable, status });
    }
  });

  it('keeps the Retry-After of a 429', () => {
    const error = OpenAI.APIError.generate(
      429,
      undefined,
      'slow down',
      headers({ 'retry-after': '3' }),
    );
    expect(classifyFailure(error, false).retryAfterMs).toBe(3000);
  });

  it('tells timeouts, connection errors and unparseable bodies apart', () => {
    expect(classifyFailure(new OpenAI.APIConnectionTimeoutError(), false).reason).toBe('timeout');
    expect(
      classifyFailure(new Anthropic.APIConnectionError({ message: 'refused' }), false).reason,
    ).toBe('connection');
    expect(classifyFailure(new SyntaxError('Unexpected end of JSON input'), false).reason).toBe(
      'malformed',
    );
    expect(classifyFailure(new OpenAI.APIUserAbortError(), true).reason).toBe('timeout');
  });
});
