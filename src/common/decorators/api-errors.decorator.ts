import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ErrorCode } from '../errors';

/** Swagger schema for the error body the exception filter writes. */
export function errorExample(
  error: string,
  code: ErrorCode,
  details: Record<string, unknown> = {},
): SchemaObject {
  return {
    type: 'object',
    required: ['error', 'code', 'request_id'],
    properties: {
      error: { type: 'string' },
      code: { type: 'string' },
      request_id: { type: 'string' },
    },
    example: { error, code, request_id: '6f1c1c9e-6d0b-4b5e-9d43-3d2a7b1f0a11', ...details },
  };
}

/** 401 for a missing, malformed, expired, unsigned or revoked access token. */
export const ApiAuthRequired = (): MethodDecorator & ClassDecorator =>
  ApiUnauthorizedResponse({
    description: 'Missing, invalid, expired or revoked access token',
    schema: errorExample('Invalid token', 'UNAUTHORIZED'),
  });

/** 400 naming every offending field. */
export const ApiValidationFailed = (
  example = 'Validation failed: full_name must be shorter than or equal to 100 characters',
): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ApiBadRequestResponse({
      description: 'Invalid input; `fields` names each offending field and rule',
      schema: errorExample(example, 'VALIDATION_ERROR', {
        fields: [{ field: 'full_name', message: example.replace(/^Validation failed: /, '') }],
      }),
    }),
  );
