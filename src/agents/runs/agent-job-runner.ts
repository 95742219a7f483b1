import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AgentJob, AgentJobResult } from '@/jobs/agent-jobs';
import { GenerationService } from '../generation/generation.service';
import { IterationService } from '../iteration/iteration.service';
import { AgentProgress } from '../progress/agent-progress';
import { jobFailure } from './agent-failure';

/** The one method the agents processor calls: runs a job's graph and shapes its failure. */
@Injectable()
export class AgentJobRunner {
  constructor(
    private readonly progress: AgentProgress,
    private readonly generation: GenerationService,
    private readonly iteration: IterationService,
  ) {}

  async run(job: Job<AgentJob, AgentJobResult>): Promise<AgentJobResult> {
    const taskId = job.id ?? job.name;
    const sink = this.progress.forJob(job);
    try {
      switch (job.data.kind) {
        case 'generate':
          return await this.generation.generate(job.data, taskId, sink);
        case 'iterate':
          return await this.iteration.iterate(job.data, taskId, sink);
      }
    } catch (error) {
      throw jobFailure(error);
    }
  }
}
