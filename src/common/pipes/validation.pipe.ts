import { ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError, FieldProblem } from '../errors';

/** Whitelist, forbid unknown fields, transform; the 400 names every offending field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors: ValidationError[]) =>
      AppError.validation(flatten(errors).slice(0, MAX_REPORTED_PROBLEMS)),
  });
}

/** Enough to fix a request by; a body with a thousand bad items does not get a thousand lines. */
export const MAX_REPORTED_PROBLEMS = 50;

export function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((constraint) => ({
      field,
      message: constraint.replace(/^property /, '').replace(/^an unknown value/, field),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
