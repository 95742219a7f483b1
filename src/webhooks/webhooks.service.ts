import { Injectable } from '@nestjs/common';
import { AppError } from '@/common/errors';
import { AppConfig } from '@/config/app-config';
import { ENDPOINT_DELIVERY_JOB } from '@/jobs/webhook-jobs';
import { WebhookQueue } from './delivery/webhook-queue';
import { ListDeliveriesQuery } from './dto/list-deliveries.query';
import { CreateWebhookDto, UpdateWebhookDto } from './dto/webhook-input.dto';
import {
  DeliveryDto,
  DeliveryListDto,
  WebhookDto,
  WebhookWithSecretDto,
} from './dto/webhook-responses.dto';
import { WebhookSecrets } from './signing/webhook-secrets';
import { checkWebhookUrl, UnsafeWebhookUrl } from './url-guard';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookEndpoint } from './webhook-endpoint.schema';
import { EndpointChanges, WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookLock } from './webhook-lock';
import { deliveryView, webhookView } from './webhook.view';

export interface PurgedWebhooks {
  readonly endpoints: number;
  readonly deliveries: number;
}

const DAY_MS = 86_400_000;

/** An account's webhook endpoints, their secrets and their delivery log. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly config: AppConfig,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly secrets: WebhookSecrets,
    private readonly lock: WebhookLock,
    private readonly queue: WebhookQueue,
  ) {}

  /** The URL is checked (and resolved) before the quota is counted; the secret is shown once. */
  async create(userId: string, dto: CreateWebhookDto): Promise<WebhookWithSecretDto> {
    await this.checkUrl(dto.url);
    return this.lock.run(`user:${userId}`, async () => {
      const max = this.config.webhooks.maxEndpointsPerUser;
      if ((await this.endpoints.countOwned(userId)) >= max) {
        throw new AppError(
          'CONFLICT',
          `An account can have at most ${max} webhooks; delete one first`,
          { limit: max },
        );
      }
      const id = this.endpoints.newId();
      const secret = this.secrets.newSecret();
      const created = await this.endpoints.create({
        id,
        userId,
        url: dto.url,
        description: dto.description ?? null,
        events: dto.events,
        active: dto.active ?? true,
        sealedSecret: this.secrets.seal(secret, id),
      });
      return { ...webhookView(created), secret };
    });
  }

  async list(userId: string): Promise<WebhookDto[]> {
    return (await this.endpoints.listOwned(userId)).map(webhookView);
  }

  async get(userId: string, webhookId: string): Promise<WebhookDto> {
    return webhookView(await this.owned(userId, webhookId));
  }

  async update(userId: string, webhookId: string, dto: UpdateWebhookDto): Promise<WebhookDto> {
    if (
      dto.url === undefined &&
      dto.events === undefined &&
      dto.description === undefined &&
      dto.active === undefined
    ) {
      throw AppError.validation([
        { field: 'url', message: 'send url, events, description or active' },
      ]);
    }
    await this.owned(userId, webhookId);
    if (dto.url !== undefined) await this.checkUrl(dto.url);
    const changes: EndpointChanges = {
      ...(dto.url === undefined ? {} : { url: dto.url }),
      ...(dto.events === undefined ? {} : { events: dto.events }),
      ...(dto.description === undefined ? {} : { description: dto.description }),
      ...(dto.active === undefined ? {} : { active: dto.active }),
      // Enabling starts afresh: the failures that disabled it are behind it.
      ...(dto.active === true
        ? { disabled_reason: null, disabled_at: null, failing_since: null }
        : {}),
    };
    const updated = await this.endpoints.update(userId, webhookId, changes);
    if (!updated) throw AppError.notFound('Webhook');
    return webhookView(updated);
  }

  /** The endpoint and its delivery log; queued attempts find nothing and are dropped. */
  async remove(userId: string, webhookId: string): Promise<void> {
    if (!(await this.endpoints.deleteOwned(userId, webhookId))) {
      throw AppError.notFound('Webhook');
    }
    await this.deliveries.deleteForEndpoint(userId, webhookId);
  }

  /**
   * A new secret, shown once. The old one keeps signing (a second v1 in the header) for
   * WEBHOOK_SECRET_GRACE_HOURS, so the receiver can switch without losing deliveries. Rotating
   * again within the grace drops the oldest.
   */
  async rotateSecret(userId: string, webhookId: string): Promise<WebhookWithSecretDto> {
    return this.lock.run(`endpoint:${webhookId}`, async () => {
      const endpoint = await this.owned(userId, webhookId);
      const now = new Date();
      const graceMs = this.config.webhooks.secretGraceMs;
      const secret = this.secrets.newSecret();
      const updated = await this.endpoints.update(userId, webhookId, {
        secret: this.secrets.seal(secret, webhookId),
        previous_secret: graceMs > 0 ? endpoint.secret : null,
        previous_secret_expires_at: graceMs > 0 ? new Date(now.getTime() + graceMs) : null,
        secret_rotated_at: now,
      });
      if (!updated) throw AppError.notFound('Webhook');
      return { ...webhookView(updated), secret };
    });
  }

  async deliveriesOf(
    userId: string,
    webhookId: string,
    query: ListDeliveriesQuery,
  ): Promise<DeliveryListDto> {
    await this.owned(userId, webhookId);
    const { deliveries, total } = await this.deliveries.listForEndpoint(userId, webhookId, query);
    return {
      deliveries: deliveries.map(deliveryView),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /**
   * Sends a delivery again, with the same delivery_id and payload (receivers that processed it
   * recognise it), as a new round of attempts on the usual schedule. Refused while an attempt is
   * still due, and while the webhook is not active.
   */
  async redeliver(userId: string, deliveryId: string): Promise<DeliveryDto> {
    const delivery = await this.deliveries.findOwned(userId, deliveryId);
    if (!delivery) throw AppError.notFound('Delivery');
    if (delivery.status === 'pending' || delivery.status === 'retrying') {
      throw new AppError('CONFLICT', 'The delivery is still being attempted; wait for it to end', {
        status: delivery.status,
      });
    }
    const endpoint = await this.endpoints.findOwned(userId, delivery.endpoint_id.toHexString());
    if (!endpoint) throw AppError.notFound('Delivery');
    if (!endpoint.active) {
      throw new AppError(
        'CONFLICT',
        'The webhook is not active; enable it (PATCH {"active": true}) first',
        { disabled_reason: endpoint.disabled_reason },
      );
    }
    // Two redeliveries racing compute the same round, hence the same job id: one job.
    const round = delivery.round + 1;
    await this.deliveries.restart(delivery, round);
    await this.queue.enqueue({
      kind: ENDPOINT_DELIVERY_JOB,
      userId,
      endpointId: endpoint._id.toHexString(),
      deliveryId,
      round,
      attempt: 1,
    });
    return deliveryView({ ...delivery, status: 'pending', round, next_retry_at: null });
  }

  /** Account retention purge: every endpoint and delivery of the owner. */
  async purgeOwner(userId: string): Promise<PurgedWebhooks> {
    const deliveries = await this.deliveries.deleteAllForOwner(userId);
    const endpoints = await this.endpoints.deleteAllForOwner(userId);
    return { endpoints, deliveries };
  }

  /** The maintenance queue's log retention (WEBHOOK_DELIVERY_RETENTION_DAYS). */
  async pruneDeliveries(now = new Date()): Promise<{ deleted: number; cutoff: string }> {
    const cutoff = new Date(now.getTime() - this.config.webhooks.deliveryRetentionDays * DAY_MS);
    const deleted = await this.deliveries.deleteCreatedBefore(cutoff);
    return { deleted, cutoff: cutoff.toISOString() };
  }

  private async owned(userId: string, webhookId: string): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.findOwned(userId, webhookId);
    if (!endpoint) throw AppError.notFound('Webhook');
    return endpoint;
  }

  private async checkUrl(url: string): Promise<void> {
    try {
      await checkWebhookUrl(url, {
        requireHttps: this.config.webhooks.requireHttps,
        allowPrivate: this.config.webhooks.allowPrivateUrls,
      });
    } catch (error) {
      if (!(error instanceof UnsafeWebhookUrl)) throw error;
      throw AppError.validation([{ field: 'url', message: error.message }]);
    }
  }
}
