import { Injectable } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import {
  AGENT_FAILED,
  type AgentRunFailure,
  type AgentRunResult,
  type DocumentResult,
} from '@/domain/agent-run';
import { AgentJob } from '@/jobs/agent-jobs';
import { AgentTaskRecordsService } from '@/projects/tasks/agent-task-records.service';
import { TaskVersion, VersionsService } from '@/projects/versions/versions.service';
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
    private readonly versions: VersionsService,
    private readonly records: AgentTaskRecordsService,
  ) {}

  async run(job: Job<AgentJob, AgentRunResult>): Promise<AgentRunResult> {
    const taskId = job.id ?? job.name;
    const sink = this.progress.forJob(job, taskId);
    let result: AgentRunResult;
    try {
      const saved = await this.alreadySaved(job.data, taskId);
      if (saved) {
        await sink.report({ percent: 100, step: 'Completed', eta: 0 });
        result = documentResultOf(saved);
      } else {
        switch (job.data.kind) {
          case 'generate':
            result = await this.generate.run(job.data, taskId, sink);
            break;
          case 'iterate':
            result = await this.iterate.run(job.data, taskId, sink);
            break;
        }
      }
    } catch (error) {
      const { failure, thrown } = shapeFailure(error);
      // A failure BullMQ will retry is not the end of the task: the room hears only the last one.
      if (isFinalAttempt(job, thrown)) await this.endInFailure(job.data, taskId, failure);
      throw thrown;
    }
    await this.endInSuccess(job.data, taskId, result);
    return result;
  }

  /**
   * A job BullMQ failed without running it: its workers died holding it more often than the
   * stalled check allows (the failure it deferred until the next worker took the job). Nothing
   * of ours ran to tell anyone, so this does: the task ends as the run would have, completed
   * when an earlier attempt had already saved its version, failed otherwise.
   */
  async abandoned(job: Job<AgentJob, AgentRunResult>): Promise<void> {
    const taskId = job.id ?? job.name;
    const saved = await this.alreadySaved(job.data, taskId);
    if (saved) {
      await this.endInSuccess(job.data, taskId, documentResultOf(saved));
      return;
    }
    await this.endInFailure(job.data, taskId, ABANDONED);
  }

  /**
   * Only now (the version, if any, is saved) is the task completed, in its record and then in
   * the queue; a worker dying in between is run again and finds its version (alreadySaved).
   */
  private async endInSuccess(job: AgentJob, taskId: string, result: AgentRunResult) {
    await this.records.completed(job.userId, job.projectId, taskId, result);
    this.realtime.projectComplete(job.projectId, { ...result, task_id: taskId });
  }

  private async endInFailure(job: AgentJob, taskId: string, failure: AgentRunFailure) {
    try {
      await this.records.failed(job.userId, job.projectId, taskId, failure);
    } catch {
      // Not allowed to hide the failure itself: the queue still reports it for a week.
    }
    this.realtime.projectError(job.projectId, { ...failure, task_id: taskId });
    await this.webhookEvents.publish(job.userId, 'generation.failed', {
      project_id: job.projectId,
      task_id: taskId,
      task: job.kind,
      error_code: failure.error_code,
    });
  }

  /**
   * The version this task saved before its worker died (or before BullMQ lost its completion):
   * then the task is done, and its result is that version, whatever the graph's checkpoints say.
   */
  private alreadySaved(job: AgentJob, taskId: string): Promise<TaskVersion | null> {
    if (job.kind === 'iterate' && job.mode === 'think') return Promise.resolve(null);
    return this.versions.savedByTask(job.userId, job.projectId, taskId);
  }
}

/** What the task's status and room say when its workers kept dying: no detail to hide. */
const ABANDONED: AgentRunFailure = {
  error_code: AGENT_FAILED.error_code,
  message: 'Agent execution stopped: its workers stopped responding while running it',
};

function documentResultOf({ saved, prd, flowchart, lensStatus }: TaskVersion): DocumentResult {
  return {
    prd_content: prd,
    flowchart_content: flowchart,
    thinking_lens_status: lensStatus,
    version: saved.version,
    changes: saved.changes,
    // What the run that saved it used (recorded with the version).
    model_used: saved.usage?.model_used ?? 'offline',
    tokens_used: saved.usage?.tokens_used ?? 0,
    cost_usd: saved.usage?.cost_usd ?? 0,
  };
}

function isFinalAttempt(job: Pick<Job, 'attemptsMade' | 'opts'>, thrown: Error): boolean {
  // attemptsMade counts the attempts that ended before this one.
  return thrown instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}
