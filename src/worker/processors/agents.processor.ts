import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, WorkerOptions } from 'bullmq';
import { AgentJobRunner } from '@/workflows/agent-runs/agent-job-runner';
import { AppConfig } from '@/config/app-config';
import type { AgentRunResult } from '@/domain/agent-run';
import { AgentJob } from '@/jobs/agent-jobs';
import { AGENTS_QUEUE } from '@/jobs/queues';

/**
 * The worker's lock timings, filled from the configuration by the constructor: Nest creates the
 * BullMQ worker from the decorator's options after every provider is constructed, and the lock
 * cannot change once the worker exists. One configuration per process, so one object is enough.
 */
const LOCK_OPTIONS: Pick<WorkerOptions, 'lockDuration' | 'stalledInterval'> = {};

/**
 * Consumes the `agents` queue: every job goes to AgentJobRunner.run. A worker that dies mid-job
 * stops renewing the job's lock; once it lapses (WORKER_LOCK_DURATION_MS), another worker's
 * stalled check puts the job back and the run resumes from its last checkpoint.
 */
@Processor(AGENTS_QUEUE, LOCK_OPTIONS)
export class AgentsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(AgentsProcessor.name);

  constructor(
    private readonly runner: AgentJobRunner,
    private readonly config: AppConfig,
  ) {
    super();
    LOCK_OPTIONS.lockDuration = config.workers.lockDurationMs;
    LOCK_OPTIONS.stalledInterval = config.workers.lockDurationMs;
  }

  /** WORKER_CONCURRENCY is configuration, so it is applied once the worker exists. */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.workers.concurrency;
  }

  process(job: Job<AgentJob, AgentRunResult>): Promise<AgentRunResult> {
    return this.runner.run(job);
  }

  /**
   * A job whose workers died holding it more often than the stalled check allows is failed by
   * the next worker that takes it, with the failure BullMQ deferred, and `process` never sees
   * it: the task still has to end truthfully.
   */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<AgentJob, AgentRunResult> | undefined, error: Error): Promise<void> {
    if (!job?.deferredFailure || error.message !== job.deferredFailure) return;
    try {
      await this.runner.abandoned(job);
    } catch (failure) {
      this.logger.error({ err: failure, task_id: job.id }, 'Could not end an abandoned task');
    }
  }
}
