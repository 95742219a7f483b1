import { Injectable } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { AgentJob, AgentJobResult } from '@/jobs/agent-jobs';
import { RealtimeService } from '@/realtime/realtime.service';
import { WebhookEventsService } from '@/webhooks/webhook-events.service';
import { GenerationService } from '../generation/generation.service';
import { IterationService } from '../iteration/iteration.service';
import { AgentProgress } from '../progress/agent-progress';
import { jobFailure, readJobFailure } from './agent-failure';

/**
 * The one method the agents processor calls: runs a job's graph, shapes its failure, and tells
 * the project's room how it ended (agent_complete, or error once no retry is left).
 */
@Injectable()
export class AgentJobRunner {
  constructor(
    private readonly progress: AgentProgress,
    private readonly generation: GenerationService,
    private readonly iteration: IterationService,
    private readonly realtime: RealtimeService,
    private readonly webhookEvents: WebhookEventsService,
  ) {}

  async run(job: Job<AgentJob, AgentJobResult>): Promise<AgentJobResult> {
    const taskId = job.id ?? job.name;
    const sink = this.progress.forJob(job);
    let result: AgentJobResult;
    try {
      switch (job.data.kind) {
        case 'generate':
          result = await this.generation.generate(job.data, taskId, sink);
          break;
        case 'iterate':
          result = await this.iteration.iterate(job.data, taskId, sink);
          break;
      }
    } catch (error) {
      const failure = jobFailure(error);
      // A failure BullMQ will retry is not the end of the task: the room hears only the last one.
      if (isFinalAttempt(job, failure)) {
        const reason = readJobFailure(failure.message);
        this.realtime.projectError(job.data.projectId, reason);
        await this.webhookEvents.publish(job.data.userId, 'generation.failed', {
          project_id: job.data.projectId,
          task_id: taskId,
          task: job.data.kind,
          error_code: reason.error_code,
        });
      }
      throw failure;
    }
    this.realtime.projectComplete(job.data.projectId, result);
    return result;
  }
}

function isFinalAttempt(job: Pick<Job, 'attemptsMade' | 'opts'>, failure: Error): boolean {
  // attemptsMade counts the attempts that ended before this one.
  return failure instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}
