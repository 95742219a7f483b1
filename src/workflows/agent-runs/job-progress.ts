import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { ProgressSink } from '@/agents/runs/agent-task';
import type { AgentJob } from '@/jobs/agent-jobs';
import { RealtimeService } from '@/realtime/realtime.service';

/**
 * The one place agent progress leaves a queued run: stored on the BullMQ job (what GET
 * /generation-status reads) and sent to the project's room as agent_progress.
 */
@Injectable()
export class JobProgress {
  constructor(private readonly realtime: RealtimeService) {}

  forJob(job: Pick<Job<AgentJob>, 'updateProgress' | 'data'>, taskId: string): ProgressSink {
    return {
      report: async (update) => {
        await job.updateProgress({ ...update });
        this.realtime.projectProgress(job.data.projectId, {
          task_id: taskId,
          step: update.step,
          progress: update.percent,
          estimated_time: update.eta,
          current_step: update.step,
          estimated_time_remaining: update.eta,
        });
      },
    };
  }
}
