import { DELIVERY_LOG_ORDER, WebhookDeliverySchema } from './webhook-delivery.schema';
import { ENDPOINT_LIST_ORDER, WebhookEndpointSchema } from './webhook-endpoint.schema';

/** In key order: equality on the owner (and endpoint), then every key of the list's sort. */
function keysOf(schema: Pick<typeof WebhookEndpointSchema, 'indexes'>): [string, unknown][][] {
  return schema.indexes().map(([fields]) => Object.entries(fields));
}

describe('Webhook list indexes', () => {
  it("hand GET /webhooks' list out in its order: no in-memory sort of a user's endpoints", () => {
    expect(keysOf(WebhookEndpointSchema)).toContainEqual([
      ['user_id', 1],
      ...Object.entries(ENDPOINT_LIST_ORDER),
    ]);
    expect(Object.keys(ENDPOINT_LIST_ORDER)).toEqual(['created_at', '_id']);
  });

  it("hand an endpoint's delivery log out in its order, pages never overlapping", () => {
    expect(keysOf(WebhookDeliverySchema)).toContainEqual([
      ['user_id', 1],
      ['endpoint_id', 1],
      ...Object.entries(DELIVERY_LOG_ORDER),
    ]);
    expect(Object.keys(DELIVERY_LOG_ORDER)).toEqual(['created_at', '_id']);
  });
});
