import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@/config/app-config';
import {
  ENDPOINT_DELIVERY_JOB,
  EndpointDeliveryJob,
  OPERATOR_DELIVERY_JOB,
  OperatorDeliveryJob,
  WebhookJob,
} from '@/jobs/webhook-jobs';
import { WebhookSecrets } from '../signing/webhook-secrets';
import { SIGNATURE_HEADER, signatureHeader, signedBody } from '../signing/webhook-signer';
import { guardedLookup, parseWebhookUrl, UnsafeWebhookUrl } from '../url-guard';
import { WebhookDeliveriesRepository } from '../webhook-deliveries.repository';
import { WebhookAttempt, WebhookDelivery } from '../webhook-delivery.schema';
import type { WebhookEndpoint } from '../webhook-endpoint.schema';
import { WebhookEndpointsRepository } from '../webhook-endpoints.repository';
import { WebhookMetrics } from '../webhook-metrics';
import { EndpointSlots } from './endpoint-slots';
import { retryDelayMs } from './retry-schedule';
import { WebhookQueue } from './webhook-queue';
import { SendResult, sendWebhook } from './webhook-sender';

export type AttemptStatus = 'succeeded' | 'retrying' | 'failed' | 'skipped';

/** What became of a job: an attempt made (or not needed), or put off because its endpoint is busy. */
export type AttemptOutcome =
  { readonly status: AttemptStatus } | { readonly status: 'deferred'; readonly retryInMs: number };

const USER_AGENT = 'PRDForge-Webhooks/1.0';
/** Attempts kept on a delivery record (redeliveries add rounds). */
const MAX_ATTEMPTS_KEPT = 50;

/**
 * One delivery attempt, as the webhooks processor hands it over: sign, send, record the
 * outcome, and schedule the next attempt or give up. An endpoint whose attempts have all failed
 * for WEBHOOK_DISABLE_AFTER_HOURS is disabled, with a reason its owner can read.
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly secrets: WebhookSecrets,
    private readonly queue: WebhookQueue,
    private readonly metrics: WebhookMetrics,
    private readonly slots: EndpointSlots,
  ) {}

  async attempt(job: WebhookJob): Promise<AttemptOutcome> {
    switch (job.kind) {
      case ENDPOINT_DELIVERY_JOB:
        return this.attemptForEndpoint(job);
      case OPERATOR_DELIVERY_JOB:
        return { status: await this.attemptForOperator(job) };
    }
  }

  /**
   * The endpoint's slot is taken first, so a job of an endpoint that already has its share of
   * attempts in flight costs one Redis call before it waits its turn (1 to 3 s, unattempted).
   */
  private async attemptForEndpoint(job: EndpointDeliveryJob): Promise<AttemptOutcome> {
    const lease = await this.slots.acquire(job.endpointId);
    if (!lease) return { status: 'deferred', retryInMs: 1_000 + Math.floor(Math.random() * 2_000) };
    try {
      return { status: await this.attemptWithSlot(job) };
    } finally {
      await this.slots.release(job.endpointId, lease);
    }
  }

  private async attemptWithSlot(job: EndpointDeliveryJob): Promise<AttemptStatus> {
    const delivery = await this.deliveries.findOwned(job.userId, job.deliveryId);
    // Gone (endpoint deleted, account purged, log pruned) or superseded by a redelivery.
    if (!delivery || delivery.round !== job.round) return 'skipped';
    if (await this.alreadyMade(delivery, job)) return 'skipped';
    const now = new Date();
    const endpoint = await this.endpoints.findOwned(job.userId, delivery.endpoint_id.toHexString());
    if (!endpoint?.active) {
      const why = !endpoint
        ? 'Not sent: the webhook was deleted'
        : endpoint.disabled_reason
          ? `Not sent: the webhook is disabled (${endpoint.disabled_reason})`
          : 'Not sent: the webhook is paused';
      await this.deliveries.recordProgress(delivery, {
        status: 'failed',
        attempts: withAttempt(delivery, notSent(job, now, why)),
        nextRetryAt: null,
      });
      return 'failed';
    }

    const endpointId = endpoint._id.toHexString();
    const secrets = this.secrets.signingSecrets(endpoint, now);
    const body = signedBody(delivery.payload, secrets[0]);
    const result = await this.send(endpoint.url, body, {
      event: delivery.event,
      deliveryId: delivery._id.toHexString(),
      attempt: job.attempt,
      signature: signatureHeader(body, secrets, Math.floor(now.getTime() / 1000)),
      allowPrivate: this.config.webhooks.allowPrivateUrls,
    });
    this.metrics.attempt(delivery.event, result.outcome, result.latencyMs);
    const attempts = withAttempt(delivery, attemptEntry(job, now, result));

    if (result.outcome === 'success') {
      await this.deliveries.recordProgress(delivery, {
        status: 'succeeded',
        attempts,
        nextRetryAt: null,
      });
      await this.endpoints.recordSuccess(job.userId, endpointId, now);
      return 'succeeded';
    }

    const disabled = await this.disableIfFailingTooLong(endpoint, now, result);
    const retry = !disabled && job.attempt < this.config.webhooks.maxAttempts;
    const delay = retry ? retryDelayMs(this.config.webhooks.retryBaseMs, job.attempt) : 0;
    await this.deliveries.recordProgress(delivery, {
      status: retry ? 'retrying' : 'failed',
      attempts,
      nextRetryAt: retry ? new Date(now.getTime() + delay) : null,
    });
    if (!retry) return 'failed';
    await this.queue.enqueue({ ...job, attempt: job.attempt + 1 }, delay);
    return 'retrying';
  }

  /**
   * A job run twice (its worker died after recording the attempt): the attempt is not made
   * again, but the next one is queued in case the first run did not get that far (the job id
   * makes that a no-op when it did).
   */
  private async alreadyMade(delivery: WebhookDelivery, job: EndpointDeliveryJob): Promise<boolean> {
    const made = delivery.attempts.some(
      (entry) => entry.round === job.round && entry.attempt >= job.attempt,
    );
    if (made && delivery.status === 'retrying' && delivery.next_retry_at) {
      const last = delivery.attempts[delivery.attempts.length - 1];
      await this.queue.enqueue(
        { ...job, attempt: last.attempt + 1 },
        delivery.next_retry_at.getTime() - Date.now(),
      );
    }
    return made;
  }

  private async disableIfFailingTooLong(
    endpoint: WebhookEndpoint,
    now: Date,
    result: SendResult,
  ): Promise<boolean> {
    const userId = endpoint.user_id.toHexString();
    const endpointId = endpoint._id.toHexString();
    await this.endpoints.recordFailure(userId, endpointId, now);
    const failingSince = endpoint.failing_since ?? now;
    if (now.getTime() - failingSince.getTime() < this.config.webhooks.disableAfterMs) return false;
    const reason =
      `Every delivery since ${failingSince.toISOString()} failed (last: ${result.error}); ` +
      'fix the receiver, then enable the webhook again with PATCH {"active": true}';
    await this.endpoints.disable(userId, endpointId, reason, now);
    this.metrics.endpointDisabled();
    this.logger.warn({ event: 'webhook_disabled', userId, endpointId }, 'Disabled a webhook');
    return true;
  }

  private async attemptForOperator(job: OperatorDeliveryJob): Promise<AttemptStatus> {
    const { secret } = this.config.webhooks.operator;
    // The operator removed the secret (and so the URLs) since the event was queued.
    if (!secret) return 'skipped';
    const now = new Date();
    const body = signedBody(job.payload, secret);
    const result = await this.send(job.url, body, {
      event: job.event,
      deliveryId: job.deliveryId,
      attempt: job.attempt,
      signature: signatureHeader(body, [secret], Math.floor(now.getTime() / 1000)),
      // The operator's own configuration, so internal addresses are allowed.
      allowPrivate: true,
    });
    this.metrics.attempt(job.event, result.outcome, result.latencyMs);
    if (result.outcome === 'success') return 'succeeded';
    const retry = job.attempt < this.config.webhooks.maxAttempts;
    this.logger.warn(
      {
        event: 'operator_webhook_failed',
        webhookEvent: job.event,
        deliveryId: job.deliveryId,
        origin: new URL(job.url).origin,
        attempt: job.attempt,
        error: result.error,
        retry,
      },
      'Operator webhook delivery failed',
    );
    if (!retry) return 'failed';
    const delay = retryDelayMs(this.config.webhooks.retryBaseMs, job.attempt);
    await this.queue.enqueue({ ...job, attempt: job.attempt + 1 }, delay);
    return 'retrying';
  }

  private async send(
    rawUrl: string,
    body: string,
    request: {
      event: string;
      deliveryId: string;
      attempt: number;
      signature: string;
      allowPrivate: boolean;
    },
  ): Promise<SendResult> {
    let url: URL;
    try {
      url = parseWebhookUrl(rawUrl, {
        requireHttps: this.config.webhooks.requireHttps,
        allowPrivate: request.allowPrivate,
      });
    } catch (error) {
      const message = error instanceof UnsafeWebhookUrl ? error.message : 'url is not valid';
      return {
        outcome: 'refused',
        statusCode: null,
        latencyMs: 0,
        error: message,
        responseExcerpt: null,
      };
    }
    return sendWebhook(
      url,
      {
        'Content-Type': 'application/json',
        'User-Agent': USER_AGENT,
        'X-PRDForge-Event': request.event,
        'X-PRDForge-Delivery': request.deliveryId,
        'X-PRDForge-Attempt': String(request.attempt),
        [SIGNATURE_HEADER]: request.signature,
      },
      body,
      { timeoutMs: this.config.webhooks.timeoutMs, lookup: guardedLookup(request.allowPrivate) },
    );
  }
}

function attemptEntry(job: EndpointDeliveryJob, at: Date, result: SendResult): WebhookAttempt {
  return {
    attempt: job.attempt,
    round: job.round,
    at,
    status_code: result.statusCode,
    latency_ms: result.latencyMs,
    error: result.error,
    response_excerpt: result.responseExcerpt,
  };
}

function notSent(job: EndpointDeliveryJob, at: Date, why: string): WebhookAttempt {
  return {
    attempt: job.attempt,
    round: job.round,
    at,
    status_code: null,
    latency_ms: 0,
    error: why,
    response_excerpt: null,
  };
}

function withAttempt(delivery: WebhookDelivery, entry: WebhookAttempt): WebhookAttempt[] {
  return [...delivery.attempts, entry].slice(-MAX_ATTEMPTS_KEPT);
}
