import { HttpStatus } from '@nestjs/common';

/** The closed set of error codes (seed 004 §3.10 plus the ones our features add), mapped to HTTP once. */
export const ERROR_STATUS = {
  VALIDATION_ERROR: HttpStatus.BAD_REQUEST,
  UNAUTHORIZED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  METHOD_NOT_ALLOWED: HttpStatus.METHOD_NOT_ALLOWED,
  CONFLICT: HttpStatus.CONFLICT,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  RATE_LIMIT_EXCEEDED: HttpStatus.TOO_MANY_REQUESTS,
  // After RATE_LIMIT_EXCEEDED so a bare 429 still maps to it. A lockout is a 429 with retry_after
  // (clients already back off on 429); its own code lets a UI say why without guessing.
  ACCOUNT_LOCKED: HttpStatus.TOO_MANY_REQUESTS,
  INTERNAL_ERROR: HttpStatus.INTERNAL_SERVER_ERROR,
  SERVICE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  // After SERVICE_UNAVAILABLE so a bare 503 still maps to it. Every LLM provider in the chain
  // failed and nothing was cached: its own code lets a client offer "try again" for AI work only.
  AI_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  // A model answered, but not in the structure asked for, even after one repair request.
  AI_OUTPUT_INVALID: HttpStatus.BAD_GATEWAY,
} as const satisfies Record<string, HttpStatus>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export function codeForStatus(status: number): ErrorCode {
  const match = (Object.entries(ERROR_STATUS) as [ErrorCode, number][]).find(
    ([, candidate]) => candidate === status,
  );
  if (match) return match[0];
  return status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_ERROR';
}
