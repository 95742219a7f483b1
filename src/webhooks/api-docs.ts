import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse } from '@nestjs/swagger';
import { ApiAuthRequired, errorExample } from '@/common/decorators/api-errors.decorator';

/** Every webhook route: bearer auth, and 404 for a webhook or delivery that is not the caller's. */
export const ApiWebhookRoute = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ApiBearerAuth(),
    ApiAuthRequired(),
    ApiNotFoundResponse({
      description: "No such webhook (or delivery) among the caller's; someone else's is a 404 too",
      schema: errorExample('Webhook not found', 'NOT_FOUND'),
    }),
  );

export const ApiWebhookQuota = (): MethodDecorator =>
  ApiConflictResponse({
    description: 'The account already has WEBHOOK_MAX_ENDPOINTS_PER_USER webhooks',
    schema: errorExample('An account can have at most 10 webhooks; delete one first', 'CONFLICT', {
      limit: 10,
    }),
  });

export const ApiRedeliveryRefused = (): MethodDecorator =>
  ApiConflictResponse({
    description: 'An attempt is still due, or the webhook is paused or disabled',
    schema: errorExample('The delivery is still being attempted; wait for it to end', 'CONFLICT', {
      status: 'retrying',
    }),
  });
