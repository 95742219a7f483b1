import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ERROR_STATUS, ErrorCode } from '../errors';

/** The error body the exception filter writes, whatever the status. */
export const ERROR_BODY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['error', 'code', 'request_id'],
  properties: {
    error: { type: 'string', description: 'Safe to show' },
    code: { type: 'string', enum: Object.keys(ERROR_STATUS) },
    request_id: { type: 'string', description: 'Also in the X-Request-ID header' },
    fields: {
      type: 'array',
      description: 'Validation errors (and refused files): each offending field and rule',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
    retry_after: {
      type: 'integer',
      description: 'Rate limits and lockouts: seconds to wait (also Retry-After)',
    },
  },
};

export const EXAMPLE_REQUEST_ID = '6f1c1c9e-6d0b-4b5e-9d43-3d2a7b1f0a11';

/** Swagger schema for the error body the exception filter writes, with an example of it. */
export function errorExample(
  error: string,
  code: ErrorCode,
  details: Record<string, unknown> = {},
): SchemaObject {
  return {
    ...ERROR_BODY_SCHEMA,
    example: { error, code, request_id: EXAMPLE_REQUEST_ID, ...details },
  };
}

/** 401 for a missing, malformed, expired, unsigned or revoked access token. */
export const ApiAuthRequired = (): MethodDecorator & ClassDecorator =>
  ApiUnauthorizedResponse({
    description: 'Missing, invalid, expired or revoked access token',
    schema: errorExample('Invalid token', 'UNAUTHORIZED'),
  });

/**
 * 400 naming every offending field. The example's `fields` entry names the field the message
 * is about: the first word after "Validation failed: ", or `field` for other messages.
 */
export const ApiValidationFailed = (
  example = 'Validation failed: full_name must be shorter than or equal to 100 characters',
  field = /^Validation failed: ([^\s;]+)/.exec(example)?.[1],
): MethodDecorator & ClassDecorator => {
  if (!field) throw new Error(`Name the field of the validation example "${example}"`);
  return applyDecorators(
    ApiBadRequestResponse({
      description:
        'Invalid input (or a malformed JSON body); `fields` names each offending field and rule',
      schema: errorExample(example, 'VALIDATION_ERROR', {
        fields: [{ field, message: example.replace(/^Validation failed: /, '') }],
      }),
    }),
  );
};
