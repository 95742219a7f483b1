import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@/config/app-config';
import { ENDPOINT_DELIVERY_JOB, OPERATOR_DELIVERY_JOB } from '@/jobs/webhook-jobs';
import { WebhookQueue } from './delivery/webhook-queue';
import { canonicalPayload } from './signing/webhook-signer';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import type { WebhookEndpoint } from './webhook-endpoint.schema';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import {
  eventData,
  OperatorWebhookEvent,
  UserWebhookEvent,
  WebhookEvent,
  WebhookEventInput,
} from './webhook-events';

/** Kept on an undeliverable record so its owner sees why and can redeliver. */
const NOT_QUEUED = 'Not sent: the delivery could not be queued; redeliver it';

/**
 * Where the rest of the application reports that something happened. Publishing records a
 * delivery for each matching endpoint and queues it: it costs a query (and a write and a
 * queue add per endpoint), never a call to a receiver, and it never throws, because the action
 * that triggered the event has already succeeded.
 */
@Injectable()
export class WebhookEventsService {
  private readonly logger = new Logger(WebhookEventsService.name);
  private readonly apiBase: string;

  constructor(
    private readonly config: AppConfig,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly queue: WebhookQueue,
  ) {
    this.apiBase = `${config.storage.publicBaseUrl}/api/v1`;
  }

  /** An event of `userId`'s, for their active endpoints subscribed to it. */
  async publish<E extends UserWebhookEvent>(
    userId: string,
    event: E,
    input: WebhookEventInput[E],
  ): Promise<void> {
    try {
      const endpoints = await this.endpoints.subscribedTo(userId, event);
      if (endpoints.length === 0) return;
      const data = eventData(event, input, this.apiBase);
      const timestamp = new Date();
      await Promise.all(
        endpoints.map((endpoint) => this.record(userId, endpoint, event, data, timestamp)),
      );
    } catch (error) {
      this.logger.error({ err: error, event, userId }, 'Webhook event not recorded');
    }
  }

  /** An operator event, for WEBHOOK_OPERATOR_URLS (no delivery records, no owner). */
  async publishOperator<E extends OperatorWebhookEvent>(
    event: E,
    input: WebhookEventInput[E],
  ): Promise<void> {
    const { urls } = this.config.webhooks.operator;
    if (urls.length === 0) return;
    const data = eventData(event, input, this.apiBase);
    const timestamp = new Date().toISOString();
    try {
      await Promise.all(
        urls.map((url) => {
          const deliveryId = this.deliveries.newId();
          const payload = canonicalPayload({ event, timestamp, data, delivery_id: deliveryId });
          return this.queue.enqueue({
            kind: OPERATOR_DELIVERY_JOB,
            deliveryId,
            url,
            event,
            payload,
            attempt: 1,
          });
        }),
      );
    } catch (error) {
      this.logger.error({ err: error, event }, 'Operator webhook event not queued');
    }
  }

  private async record(
    userId: string,
    endpoint: WebhookEndpoint,
    event: WebhookEvent,
    data: unknown,
    timestamp: Date,
  ): Promise<void> {
    const id = this.deliveries.newId();
    const payload = canonicalPayload({
      event,
      timestamp: timestamp.toISOString(),
      data,
      delivery_id: id,
    });
    await this.deliveries.create({
      id,
      userId,
      endpointId: endpoint._id.toHexString(),
      event,
      payload,
      createdAt: timestamp,
    });
    try {
      await this.queue.enqueue({
        kind: ENDPOINT_DELIVERY_JOB,
        userId,
        endpointId: endpoint._id.toHexString(),
        deliveryId: id,
        round: 0,
        attempt: 1,
      });
    } catch (error) {
      this.logger.error({ err: error, deliveryId: id }, 'Webhook delivery not queued');
      const delivery = await this.deliveries.findOwned(userId, id);
      if (delivery) {
        await this.deliveries.recordProgress(delivery, {
          status: 'failed',
          attempts: [
            {
              attempt: 0,
              round: 0,
              at: new Date(),
              status_code: null,
              latency_ms: 0,
              error: NOT_QUEUED,
              response_excerpt: null,
            },
          ],
          nextRetryAt: null,
        });
      }
    }
  }
}
