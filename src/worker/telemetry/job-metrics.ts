import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job, Worker } from 'bullmq';
import { Counter, Histogram } from 'prom-client';
import { MetricsService } from '@/infra/metrics/metrics.service';
import { ALL_QUEUES, QUEUE_JOB_NAMES, QueueName } from '@/jobs/queues';

/** completed; failed with no attempt left; failed with a retry scheduled. */
export const JOB_OUTCOMES = ['completed', 'failed', 'retried'] as const;
export type JobOutcome = (typeof JOB_OUTCOMES)[number];

/**
 * Job duration and outcome by queue and job name, and stalled jobs, for every queue this
 * process consumes. Every processor is a WorkerHost, so each is found at start-up and its
 * BullMQ worker's own events are counted: nothing to add to a new processor.
 */
@Injectable()
export class JobMetrics implements OnApplicationBootstrap {
  private readonly duration: Histogram<'queue' | 'name' | 'outcome'>;
  private readonly stalled: Counter<'queue'>;

  constructor(
    metrics: MetricsService,
    private readonly discovery: DiscoveryService,
  ) {
    const registers = [metrics.registry];
    this.duration = new Histogram({
      name: 'job_duration_seconds',
      help: 'Time one attempt at a job ran, by queue, job name and outcome (completed, failed: no attempt left, retried)',
      labelNames: ['queue', 'name', 'outcome'],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers,
    });
    this.stalled = new Counter({
      name: 'jobs_stalled_total',
      help: 'Jobs found stalled (their worker stopped renewing the lock) and put back or failed',
      labelNames: ['queue'],
      registers,
    });
  }

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (instance instanceof WorkerHost) this.watch((instance as WorkerHost<Worker>).worker);
    }
  }

  private watch(worker: Worker): void {
    const queue = worker.name;
    if (!isQueueName(queue)) return;
    for (const name of QUEUE_JOB_NAMES[queue]) {
      for (const outcome of JOB_OUTCOMES) this.duration.zero({ queue, name, outcome });
    }
    this.stalled.inc({ queue }, 0);
    worker.on('completed', (job: Job) => this.observe(queue, job, 'completed'));
    worker.on('failed', (job: Job | undefined) => {
      // finishedOn is only set once a job is done for good; a retried attempt goes back to wait.
      if (job) this.observe(queue, job, job.finishedOn === undefined ? 'retried' : 'failed');
    });
    worker.on('stalled', () => this.stalled.inc({ queue }));
  }

  private observe(queue: QueueName, job: Job, outcome: JobOutcome): void {
    const name = QUEUE_JOB_NAMES[queue].includes(job.name) ? job.name : 'other';
    const started = job.processedOn ?? Date.now();
    this.duration.observe({ queue, name, outcome }, Math.max(0, Date.now() - started) / 1000);
  }
}

function isQueueName(name: string): name is QueueName {
  return (ALL_QUEUES as readonly string[]).includes(name);
}
