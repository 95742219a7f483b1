import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ParameterObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { errorExample, ERROR_BODY_SCHEMA } from '@/common/decorators/api-errors.decorator';
import { ErrorCode } from '@/common/errors';
import { BODY_CONTENT_TYPES } from '@/common/http/body-content-type';
import { operationsOf } from './operations';

const API_PATHS = /^\/api\/v1\//;

/**
 * The answers any operation can give because of where it sits in the stack rather than what it
 * does, added wherever a route's own decorators left them out:
 * - 503 SERVICE_UNAVAILABLE (with Retry-After) on every API route: each one needs Redis or the
 *   document store, and a dependency that hangs fails fast instead of blocking;
 * - with a body: 400 (malformed JSON, bad fields), 413 (over JSON_BODY_LIMIT), 415 (neither JSON
 *   nor multipart);
 * - with query parameters: 400; with path parameters: 404; with a bearer token: 401.
 */
export function commonResponses(document: OpenAPIObject): void {
  for (const { path, operation } of operationsOf(document)) {
    if (!API_PATHS.test(path)) continue;
    const add = (status: number, description: string, error: string, code: ErrorCode) => {
      operation.responses[status] ??= errorResponse(description, error, code);
    };
    const parameters = (operation.parameters ?? []) as ParameterObject[];
    if (operation.requestBody) {
      add(400, 'Invalid input or a malformed JSON body', 'Malformed JSON body', 'VALIDATION_ERROR');
      add(413, 'The body is over JSON_BODY_LIMIT', 'Request body too large', 'PAYLOAD_TOO_LARGE');
      add(
        415,
        `The body is not ${BODY_CONTENT_TYPES.join(' or ')}`,
        'Unsupported Content-Type: send application/json (multipart/form-data where a route takes files)',
        'UNSUPPORTED_MEDIA_TYPE',
      );
    }
    const query = parameters.find((parameter) => parameter.in === 'query');
    if (query) {
      const problem = queryProblem(query);
      operation.responses[400] ??= {
        description: 'A query parameter is invalid; `fields` names it',
        content: {
          'application/json': {
            schema: errorExample(`Validation failed: ${problem}`, 'VALIDATION_ERROR', {
              fields: [{ field: query.name, message: problem }],
            }),
          },
        },
      };
    }
    if (operation.security?.length) {
      add(
        401,
        'Missing, invalid, expired or revoked access token',
        'Invalid token',
        'UNAUTHORIZED',
      );
    }
    if (parameters.some((parameter) => parameter.in === 'path')) {
      add(404, 'No such resource among the caller’s', 'Not found', 'NOT_FOUND');
    }
    addServiceUnavailable(operation);
  }
  shareErrorSchema(document);
}

const ERROR_SCHEMA_NAME = 'ErrorResponse';

/**
 * Every error body is the one `ErrorResponse` schema, with each response's own example beside
 * it (not a copy of the schema per response).
 */
function shareErrorSchema(document: OpenAPIObject): void {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas[ERROR_SCHEMA_NAME] = structuredClone(ERROR_BODY_SCHEMA);
  for (const { operation } of operationsOf(document)) {
    for (const response of Object.values(operation.responses) as ResponseObject[]) {
      for (const media of Object.values(response.content ?? {})) {
        const schema = media.schema as SchemaObject | undefined;
        if (!schema || !isErrorBody(schema)) continue;
        if (schema.example !== undefined && media.example === undefined && !media.examples) {
          media.example = schema.example as unknown;
        }
        media.schema = { $ref: `#/components/schemas/${ERROR_SCHEMA_NAME}` };
      }
    }
  }
}

function isErrorBody(schema: SchemaObject): boolean {
  return (
    JSON.stringify(schema.properties) === JSON.stringify(ERROR_BODY_SCHEMA.properties) &&
    JSON.stringify(schema.required) === JSON.stringify(ERROR_BODY_SCHEMA.required)
  );
}

/** What the validation pipe says about a bad value of this parameter. */
function queryProblem(parameter: ParameterObject): string {
  const schema = (parameter.schema ?? {}) as SchemaObject;
  if (schema.enum)
    return `${parameter.name} must be one of the following values: ${schema.enum.join(', ')}`;
  if (schema.type === 'integer') return `${parameter.name} must be an integer number`;
  if (schema.maxLength !== undefined) {
    return `${parameter.name} must be shorter than or equal to ${schema.maxLength} characters`;
  }
  return `${parameter.name} must be a string`;
}

function errorResponse(description: string, error: string, code: ErrorCode): ResponseObject {
  return { description, content: { 'application/json': { schema: errorExample(error, code) } } };
}

const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } },
};

const DEPENDENCY_DOWN = 'Redis or the document store is unavailable (try again after Retry-After)';

/** 503 SERVICE_UNAVAILABLE, beside an operation's own 503 (AI_UNAVAILABLE) when it has one. */
function addServiceUnavailable(operation: OperationObject): void {
  const serviceUnavailable = errorExample(
    'Service temporarily unavailable; try again shortly',
    'SERVICE_UNAVAILABLE',
  ).example as Record<string, unknown>;
  const own = operation.responses[503] as ResponseObject | undefined;
  if (!own) {
    operation.responses[503] = {
      description: DEPENDENCY_DOWN,
      headers: RETRY_AFTER,
      content: {
        'application/json': { schema: { ...ERROR_BODY_SCHEMA, example: serviceUnavailable } },
      },
    };
    return;
  }
  const media = own.content?.['application/json'];
  const schema = media?.schema as SchemaObject | undefined;
  if (!media || !schema) return;
  const ownExample = schema.example as { code?: string } | undefined;
  delete schema.example;
  own.description = `${own.description}; or ${DEPENDENCY_DOWN.charAt(0).toLowerCase()}${DEPENDENCY_DOWN.slice(1)}`;
  own.headers = { ...RETRY_AFTER, ...own.headers };
  media.examples = {
    ...(ownExample ? { [ownExample.code ?? 'own']: { value: ownExample } } : {}),
    SERVICE_UNAVAILABLE: { value: serviceUnavailable },
  };
}
