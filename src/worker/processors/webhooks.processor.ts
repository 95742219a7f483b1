import { Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { AppConfig } from '@/config/app-config';
import { WEBHOOKS_QUEUE } from '@/jobs/queues';
import { WebhookJob } from '@/jobs/webhook-jobs';
import {
  AttemptStatus,
  WebhookDeliveryService,
} from '@/webhooks/delivery/webhook-delivery.service';

/** Consumes the `webhooks` queue: every job is one attempt, made by WebhookDeliveryService. */
@Processor(WEBHOOKS_QUEUE)
export class WebhooksProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly deliveries: WebhookDeliveryService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  /** Attempts mostly wait on receivers (5 s at most each), so many run at once. */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.webhooks.concurrency;
  }

  async process(job: Job<WebhookJob>, token?: string): Promise<AttemptStatus> {
    const outcome = await this.deliveries.attempt(job.data);
    if (outcome.status !== 'deferred') return outcome.status;
    // The endpoint has its share of attempts in flight: this job waits its turn, unattempted.
    await job.moveToDelayed(Date.now() + outcome.retryInMs, token);
    throw new DelayedError();
  }
}
