import { Injectable } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import type { AgentRunResult } from '@/domain/agent-run';
import { AgentJob } from '@/jobs/agent-jobs';
import { RealtimeService } from '@/realtime/realtime.service';
import { WebhookEventsService } from '@/webhooks/webhook-events.service';
import { GenerateRunWorkflow } from './generate-run.workflow';
import { IterateRunWorkflow } from './iterate-run.workflow';
import { JobProgress } from './job-progress';
import { shapeFailure } from './run-failure';

/**
 * The one method the agents processor calls: runs a job's use case, shapes its failure, and tells
 * the project's room how it ended (agent_complete, or error once no retry is left, when the
 * account's webhooks also hear generation.failed).
 */
@Injectable()
export class AgentJobRunner {
  constructor(
    private readonly progress: JobProgress,
    private readonly generate: GenerateRunWorkflow,
    private readonly iterate: IterateRunWorkflow,
    private readonly realtime: RealtimeService,
    private readonly webhookEvents: WebhookEventsService,
  ) {}

  async run(job: Job<AgentJob, AgentRunResult>): Promise<AgentRunResult> {
    const taskId = job.id ?? job.name;
    const sink = this.progress.forJob(job, taskId);
    let result: AgentRunResult;
    try {
      switch (job.data.kind) {
        case 'generate':
          result = await this.generate.run(job.data, taskId, sink);
          break;
        case 'iterate':
          result = await this.iterate.run(job.data, taskId, sink);
          break;
      }
    } catch (error) {
      const { failure, thrown } = shapeFailure(error);
      // A failure BullMQ will retry is not the end of the task: the room hears only the last one.
      if (isFinalAttempt(job, thrown)) {
        this.realtime.projectError(job.data.projectId, { ...failure, task_id: taskId });
        await this.webhookEvents.publish(job.data.userId, 'generation.failed', {
          project_id: job.data.projectId,
          task_id: taskId,
          task: job.data.kind,
          error_code: failure.error_code,
        });
      }
      throw thrown;
    }
    // After every agent_progress of the run: the sink's events left in call order, before this.
    this.realtime.projectComplete(job.data.projectId, { ...result, task_id: taskId });
    return result;
  }
}

function isFinalAttempt(job: Pick<Job, 'attemptsMade' | 'opts'>, thrown: Error): boolean {
  // attemptsMade counts the attempts that ended before this one.
  return thrown instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}
