import { HttpStatus } from '@nestjs/common';

/**
 * The closed set of error codes, mapped to HTTP once. Requests answer with them; agent runs end
 * with them too (a failed task's `error`, the `error` event), so a client reads one vocabulary.
 */
export const ERROR_STATUS = {
  VALIDATION_ERROR: HttpStatus.BAD_REQUEST,
  UNAUTHORIZED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  METHOD_NOT_ALLOWED: HttpStatus.METHOD_NOT_ALLOWED,
  CONFLICT: HttpStatus.CONFLICT,
  // After CONFLICT so a bare 409 still maps to it: the same Idempotency-Key is still being
  // answered by another request (retry after Retry-After).
  IDEMPOTENCY_KEY_IN_USE: HttpStatus.CONFLICT,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  // The model's flowchart stayed invalid after its repair attempts: the run saved nothing.
  FLOWCHART_INVALID: HttpStatus.UNPROCESSABLE_ENTITY,
  // An Idempotency-Key sent again with a different request: a client bug, never replayed.
  IDEMPOTENCY_KEY_REUSED: HttpStatus.UNPROCESSABLE_ENTITY,
  RATE_LIMIT_EXCEEDED: HttpStatus.TOO_MANY_REQUESTS,
  // After RATE_LIMIT_EXCEEDED so a bare 429 still maps to it. A lockout is a 429 with retry_after
  // (clients already back off on 429); its own code lets a UI say why without guessing.
  ACCOUNT_LOCKED: HttpStatus.TOO_MANY_REQUESTS,
  INTERNAL_ERROR: HttpStatus.INTERNAL_SERVER_ERROR,
  // After INTERNAL_ERROR so a bare 500 still maps to it: an agent run failed for a reason that
  // is ours (its details are in agent_logs, never in the message).
  AGENT_FAILED: HttpStatus.INTERNAL_SERVER_ERROR,
  SERVICE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  // After SERVICE_UNAVAILABLE so a bare 503 still maps to it. Every LLM provider in the chain
  // failed and nothing was cached: its own code lets a client offer "try again" for AI work only.
  AI_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  // A model answered, but not in the structure asked for, even after one repair request.
  AI_OUTPUT_INVALID: HttpStatus.BAD_GATEWAY,
} as const satisfies Record<string, HttpStatus>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Codes that name one failure, never a bare HTTP status that happens to share theirs. */
const SPECIFIC_ONLY: ReadonlySet<ErrorCode> = new Set([
  'FLOWCHART_INVALID',
  'AI_OUTPUT_INVALID',
  'IDEMPOTENCY_KEY_IN_USE',
  'IDEMPOTENCY_KEY_REUSED',
]);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_STATUS, value);
}

export function codeForStatus(status: number): ErrorCode {
  const match = (Object.entries(ERROR_STATUS) as [ErrorCode, number][]).find(
    ([code, candidate]) => candidate === status && !SPECIFIC_ONLY.has(code),
  );
  if (match) return match[0];
  return status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_ERROR';
}
