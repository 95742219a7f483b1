import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { errorExample } from '../decorators/api-errors.decorator';
import { IDEMPOTENCY_HEADER, IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * The route honours `Idempotency-Key` (see IdempotencyInterceptor). Put it above a route's own
 * `@UseInterceptors(...)`: decorators apply bottom-up, so it then runs after them (after the
 * multipart parser, whose files are part of the request it compares).
 */
export const Idempotent = (): MethodDecorator =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_HEADER,
      required: false,
      description:
        'Any 1-255 visible ASCII characters, new for each action (a uuid4). Sending the same ' +
        'request again with the same key answers with the first response (header ' +
        '`Idempotent-Replayed: true`) instead of doing the work twice, for 24 hours; a request ' +
        'still running makes the repeat wait for it (409 IDEMPOTENCY_KEY_IN_USE after 15 s). ' +
        'A failed request frees its key.',
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
    }),
    ApiUnprocessableEntityResponse({
      description: 'The Idempotency-Key was already used for a different request',
      schema: errorExample(
        'This Idempotency-Key was already used for a different request; use a new key',
        'IDEMPOTENCY_KEY_REUSED',
      ),
    }),
  );
