import {
  ArgumentsHost,
  BadRequestException,
  HttpException,
  InternalServerErrorException,
  NotFoundException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError } from '../errors';
import { AllExceptionsFilter, ErrorBody } from './all-exceptions.filter';

interface Answer {
  status?: number;
  body?: ErrorBody;
  headers: Record<string, string>;
}

/** An HTTP host around a request (an app routing GET/POST /api/v1/projects) and a response. */
function httpHost(options: { id?: unknown; method?: string; headersSent?: boolean } = {}) {
  const answer: Answer = { headers: {} };
  const route = (path: string, methods: Record<string, boolean>) => ({
    route: { methods },
    matchers: [(candidate: string) => candidate === path],
  });
  const req = {
    id: 'id' in options ? options.id : 'req-1',
    method: options.method ?? 'GET',
    path: '/api/v1/projects',
    app: {
      router: {
        stack: [
          route('/api/v1/projects', { get: true }),
          route('/api/v1/projects', { post: true }),
        ],
      },
    },
  } as unknown as Request;
  const res = {
    headersSent: options.headersSent ?? false,
    setHeader: (name: string, value: string) => (answer.headers[name] = value),
    status(code: number) {
      answer.status = code;
      return this;
    },
    json: (body: ErrorBody) => (answer.body = body),
  } as unknown as Response;
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
  } as unknown as ArgumentsHost;
  return { host, answer };
}

function answerTo(exception: unknown, options?: Parameters<typeof httpHost>[0]): Answer {
  const { host, answer } = httpHost(options);
  new AllExceptionsFilter().catch(exception, host);
  return answer;
}

describe('AllExceptionsFilter', () => {
  it("answers the API's own errors with their status, code and details, Retry-After too", () => {
    const locked = new AppError('ACCOUNT_LOCKED', 'Too many attempts', { retry_after: 42 });
    expect(answerTo(locked)).toEqual({
      status: 429,
      headers: { 'Retry-After': '42' },
      body: {
        error: 'Too many attempts',
        code: 'ACCOUNT_LOCKED',
        request_id: 'req-1',
        retry_after: 42,
      },
    });
  });

  it("answers Nest's HTTP exceptions with their message, never a 5xx's", () => {
    expect(answerTo(new BadRequestException(['a is wrong', 'b is wrong'])).body).toMatchObject({
      error: 'a is wrong; b is wrong',
      code: 'VALIDATION_ERROR',
    });
    expect(answerTo(new BadRequestException('Bad thing')).body?.error).toBe('Bad thing');
    expect(answerTo(new HttpException({ reason: 'no message field' }, 409)).body).toMatchObject({
      error: 'Http Exception',
      code: 'CONFLICT',
    });
    expect(answerTo(new HttpException({ message: 7 }, 400)).body?.error).toBe('Http Exception');
    expect(answerTo(new InternalServerErrorException('db password is hunter2'))).toMatchObject({
      status: 500,
      body: { error: 'Internal server error', code: 'INTERNAL_ERROR' },
    });
  });

  it('answers anything else with a bare 500, no detail of it', () => {
    expect(answerTo(new TypeError('x is undefined'))).toEqual({
      status: 500,
      headers: {},
      body: { error: 'Internal server error', code: 'INTERNAL_ERROR', request_id: 'req-1' },
    });
  });

  it('answers a route miss with 404, and a known path with another method with 405 and Allow', () => {
    expect(answerTo(new NotFoundException('Cannot GET /nowhere'))).toMatchObject({
      status: 404,
      body: { error: 'Route not found', code: 'NOT_FOUND' },
    });
    const wrongMethod = answerTo(new NotFoundException('Cannot DELETE /api/v1/projects'), {
      method: 'DELETE',
    });
    expect(wrongMethod).toMatchObject({
      status: 405,
      headers: { Allow: 'GET, HEAD, POST' },
      body: { code: 'METHOD_NOT_ALLOWED' },
    });
  });

  it('answers an unavailable dependency with 503 and Retry-After', () => {
    const redisDown = Object.assign(new Error('Reached the max retries per request limit'), {
      name: 'MaxRetriesPerRequestError',
    });
    expect(answerTo(redisDown)).toEqual({
      status: 503,
      headers: { 'Retry-After': '5' },
      body: {
        error: 'Service temporarily unavailable; try again shortly',
        code: 'SERVICE_UNAVAILABLE',
        request_id: 'req-1',
      },
    });
  });

  it('sends nothing once the answer has started, and an empty request id when there is none', () => {
    const redisDown = Object.assign(new Error('x'), { name: 'MaxRetriesPerRequestError' });
    expect(answerTo(redisDown, { headersSent: true })).toEqual({ headers: {} });
    expect(answerTo(AppError.notFound('Project'), { headersSent: true })).toEqual({ headers: {} });
    expect(answerTo(redisDown, { id: undefined }).body?.request_id).toBe('');
    expect(answerTo(AppError.notFound('Project'), { id: 12 }).body?.request_id).toBe('');
  });

  it('leaves exceptions of other transports (Socket.IO) to their own handling', () => {
    const error = new Error('ws');
    const host = { getType: () => 'ws' } as unknown as ArgumentsHost;
    expect(() => new AllExceptionsFilter().catch(error, host)).toThrow(error);
  });
});
