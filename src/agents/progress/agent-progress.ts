import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';

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
 * The one place agent progress leaves a run. Today it is stored on the BullMQ job (what
 * GET /generation-status reads); the realtime issue adds its agent_progress emit here.
 */
@Injectable()
export class AgentProgress {
  forJob(job: Pick<Job, 'updateProgress'>): ProgressSink {
    return { report: (update) => job.updateProgress({ ...update }) };
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
