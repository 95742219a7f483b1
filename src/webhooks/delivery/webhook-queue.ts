import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { ENDPOINT_DELIVERY_JOB, WebhookJob } from '@/jobs/webhook-jobs';
import { WEBHOOKS_QUEUE } from '@/jobs/queues';

/**
 * Puts delivery attempts on the `webhooks` queue. Each attempt is its own job, scheduled by the
 * previous one with its delay, so the schedule (and the time of the next retry shown in the
 * log) is ours rather than BullMQ's. Job ids derive from the attempt: enqueueing the same
 * attempt twice (two redeliveries racing) adds one job.
 */
@Injectable()
export class WebhookQueue {
  constructor(@InjectQueue(WEBHOOKS_QUEUE) private readonly queue: Queue<WebhookJob>) {}

  async enqueue(job: WebhookJob, delayMs = 0): Promise<void> {
    const jobId =
      job.kind === ENDPOINT_DELIVERY_JOB
        ? `${job.deliveryId}-${job.round}-${job.attempt}`
        : `${job.deliveryId}-${job.attempt}`;
    await this.queue.add(job.kind, job, {
      jobId,
      delay: Math.max(0, delayMs),
      // The queue's 3 attempts cover our own failures (database, Redis); the receiver's
      // failures are attempts of the delivery, scheduled by us.
      removeOnComplete: { age: 3_600, count: 1_000 },
    });
  }
}
