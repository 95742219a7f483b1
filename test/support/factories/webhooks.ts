import { eventually, EventuallyOptions } from '../eventually';
import type { AuthenticatedRequests } from './users';

/**
 * Environment for apps whose specs deliver to a local receiver: private URLs allowed, and a
 * schedule of milliseconds (3 attempts, 50 ms then 100 ms apart). The 5 s timeout is far beyond
 * any answer of a local receiver on a loaded machine (300 ms turned slow answers into timeouts
 * and extra attempts); timeout tests use a receiver that never answers ('hang').
 */
export const WEBHOOK_TEST_ENV: Readonly<Record<string, string>> = {
  WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
  WEBHOOK_RETRY_BASE_MS: '50',
  WEBHOOK_TIMEOUT_MS: '5000',
  WEBHOOK_MAX_ATTEMPTS: '3',
};

export interface CreatedWebhook {
  readonly id: string;
  readonly secret: string;
  readonly body: Record<string, unknown>;
}

export async function aWebhookTo(
  api: AuthenticatedRequests,
  url: string,
  events: readonly string[],
): Promise<CreatedWebhook> {
  const res = await api.post('/api/v1/webhooks').send({ url, events }).expect(201);
  return { id: res.body.id, secret: res.body.secret, body: res.body };
}

export interface DeliveryBody {
  id: string;
  webhook_id: string;
  event: string;
  status: 'pending' | 'retrying' | 'succeeded' | 'failed';
  attempt: number | null;
  status_code: number | null;
  latency_ms: number | null;
  error: string | null;
  next_retry_at: string | null;
  payload: { event: string; timestamp: string; data: Record<string, unknown>; delivery_id: string };
  attempts: {
    attempt: number;
    round: number;
    at: string;
    status_code: number | null;
    latency_ms: number;
    error: string | null;
    response_excerpt: string | null;
  }[];
}

export async function deliveriesOf(
  api: AuthenticatedRequests,
  webhookId: string,
): Promise<DeliveryBody[]> {
  const res = await api.get(`/api/v1/webhooks/${webhookId}/deliveries?limit=100`).expect(200);
  return res.body.deliveries as DeliveryBody[];
}

/** Polls the delivery log until `ready` holds for it, within `timeoutMs`. */
export async function waitForDeliveries(
  api: AuthenticatedRequests,
  webhookId: string,
  ready: (deliveries: DeliveryBody[]) => boolean,
  options?: EventuallyOptions,
): Promise<DeliveryBody[]> {
  let deliveries: DeliveryBody[] = [];
  try {
    return await eventually(
      'the delivery log',
      async () => {
        deliveries = await deliveriesOf(api, webhookId);
        return ready(deliveries) ? deliveries : undefined;
      },
      options,
    );
  } catch (error) {
    const seen = JSON.stringify(deliveries, null, 2);
    throw new Error(`${(error as Error).message}; the log last read: ${seen}`);
  }
}

/** Every delivery of the log finished (succeeded or failed), and there are `count` of them. */
export const settled =
  (count: number) =>
  (deliveries: DeliveryBody[]): boolean =>
    deliveries.length === count &&
    deliveries.every((delivery) => delivery.status === 'succeeded' || delivery.status === 'failed');
