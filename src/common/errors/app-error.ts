import { ERROR_STATUS, ErrorCode } from './error-code';

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/**
 * A domain error: a code from the closed set and a message that is safe to show.
 * Services throw these; the exception filter is the only place that turns them into HTTP.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  static notFound(what: string): AppError {
    return new AppError('NOT_FOUND', `${what} not found`);
  }

  static validation(problems: readonly FieldProblem[]): AppError {
    const summary = problems.map((problem) => problem.message).join('; ');
    return new AppError('VALIDATION_ERROR', `Validation failed: ${summary}`, {
      fields: problems,
    });
  }
}
