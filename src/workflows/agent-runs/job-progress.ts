import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { AgentJob } from '@/jobs/agent-jobs';
import { RealtimeService } from '@/realtime/realtime.service';

/** Seed 000's agent_progress data, as stored on the job: percent, step name, ETA in seconds. */
export interface ProgressUpdate {
  readonly percent: number;
  readonly step: string;
  readonly eta: number;
}

export interface ProgressSink {
  report(update: ProgressUpdate): Promise<void>;
}

/**
 * The one place agent progress leaves a run: stored on the BullMQ job (what GET
 * /generation-status reads) and sent to the project's room as agent_progress.
 */
@Injectable()
export class AgentProgress {
  constructor(private readonly realtime: RealtimeService) {}

  forJob(job: Pick<Job<AgentJob>, 'updateProgress' | 'data'>): ProgressSink {
    return {
      report: async (update) => {
        await job.updateProgress({ ...update });
        this.realtime.projectProgress(job.data.projectId, {
          step: update.step,
          progress: update.percent,
          estimated_time: update.eta,
        });
      },
    };
  }
}

export function isProgressUpdate(value: unknown): value is ProgressUpdate {
  const candidate = value as Partial<ProgressUpdate> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.percent === 'number' &&
    typeof candidate.step === 'string'
  );
}
