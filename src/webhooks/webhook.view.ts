import type { DeliveryDto, WebhookDto } from './dto/webhook-responses.dto';
import type { WebhookDelivery } from './webhook-delivery.schema';
import type { WebhookEndpoint } from './webhook-endpoint.schema';
import type { UserWebhookEvent } from './webhook-events';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** The secret (current and previous) never leaves through here. */
export function webhookView(endpoint: WebhookEndpoint): WebhookDto {
  return {
    id: endpoint._id.toHexString(),
    url: endpoint.url,
    description: endpoint.description,
    events: endpoint.events as UserWebhookEvent[],
    active: endpoint.active,
    disabled_reason: endpoint.disabled_reason,
    disabled_at: iso(endpoint.disabled_at),
    secret_rotated_at: iso(endpoint.secret_rotated_at),
    previous_secret_expires_at: endpoint.previous_secret
      ? iso(endpoint.previous_secret_expires_at)
      : null,
    created_at: endpoint.created_at.toISOString(),
    updated_at: endpoint.updated_at.toISOString(),
  };
}

export function deliveryView(delivery: WebhookDelivery): DeliveryDto {
  const last = delivery.attempts.at(-1);
  return {
    id: delivery._id.toHexString(),
    webhook_id: delivery.endpoint_id.toHexString(),
    event: delivery.event,
    status: delivery.status,
    created_at: delivery.created_at.toISOString(),
    attempt: last?.attempt ?? null,
    status_code: last?.status_code ?? null,
    latency_ms: last?.latency_ms ?? null,
    error: last?.error ?? null,
    next_retry_at: iso(delivery.next_retry_at),
    payload: JSON.parse(delivery.payload) as Record<string, unknown>,
    attempts: delivery.attempts.map((entry) => ({
      attempt: entry.attempt,
      round: entry.round,
      at: entry.at.toISOString(),
      status_code: entry.status_code,
      latency_ms: entry.latency_ms,
      error: entry.error,
      response_excerpt: entry.response_excerpt,
    })),
  };
}
