import { Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AgentJobRunner } from '@/workflows/agent-runs/agent-job-runner';
import { AppConfig } from '@/config/app-config';
import type { AgentRunResult } from '@/domain/agent-run';
import { AgentJob } from '@/jobs/agent-jobs';
import { AGENTS_QUEUE } from '@/jobs/queues';

/** Consumes the `agents` queue: every job goes to AgentJobRunner.run. */
@Processor(AGENTS_QUEUE)
export class AgentsProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly runner: AgentJobRunner,
    private readonly config: AppConfig,
  ) {
    super();
  }

  /** WORKER_CONCURRENCY is configuration, so it is applied once the worker exists. */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.workers.concurrency;
  }

  process(job: Job<AgentJob, AgentRunResult>): Promise<AgentRunResult> {
    return this.runner.run(job);
  }
}
