import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { JobType, Queue } from 'bullmq';
import { AGENTS_QUEUE, MAINTENANCE_QUEUE, QueueName, WEBHOOKS_QUEUE } from '@/jobs/queues';

/** Every state a job can be in, as BullMQ counts them. */
export const JOB_STATES = [
  'waiting',
  'prioritized',
  'active',
  'delayed',
  'waiting-children',
  'paused',
  'completed',
  'failed',
] as const satisfies readonly JobType[];
export type JobStateName = (typeof JOB_STATES)[number];

/** States of jobs that are due and wait for a consumer to take them. */
const WAITING_STATES = ['waiting', 'prioritized'] as const satisfies readonly JobType[];

/** Read-only views of every queue's counts, for /health/detailed and /metrics. */
@Injectable()
export class QueueWatch {
  private readonly queues: ReadonlyMap<QueueName, Queue>;

  constructor(
    @InjectQueue(AGENTS_QUEUE) agents: Queue,
    @InjectQueue(MAINTENANCE_QUEUE) maintenance: Queue,
    @InjectQueue(WEBHOOKS_QUEUE) webhooks: Queue,
  ) {
    this.queues = new Map([
      [AGENTS_QUEUE, agents],
      [MAINTENANCE_QUEUE, maintenance],
      [WEBHOOKS_QUEUE, webhooks],
    ]);
  }

  /** One queue's counts in the given states (one Redis script call). */
  async counts<S extends JobType>(
    queue: QueueName,
    states: readonly S[],
  ): Promise<Record<S, number>> {
    return (await this.queues.get(queue)!.getJobCounts(...states)) as Record<S, number>;
  }

  /** Every queue's counts in every state. */
  async all(): Promise<Record<QueueName, Record<JobStateName, number>>> {
    const entries = await Promise.all(
      [...this.queues.keys()].map(async (queue) => [queue, await this.counts(queue, JOB_STATES)]),
    );
    return Object.fromEntries(entries) as Record<QueueName, Record<JobStateName, number>>;
  }

  /** Jobs that are due, over every queue, waiting for a consumer. */
  async waiting(): Promise<number> {
    const counts = await Promise.all(
      [...this.queues.keys()].map((queue) => this.counts(queue, WAITING_STATES)),
    );
    return counts.reduce((sum, count) => sum + count.waiting + count.prioritized, 0);
  }
}
