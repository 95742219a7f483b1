import type { Job } from 'bullmq';
import { UnrecoverableError } from 'bullmq';
import { AppConfig } from '@/config/app-config';
import type { AgentRunResult } from '@/domain/agent-run';
import type { AgentJob } from '@/jobs/agent-jobs';
import { AgentJobRunner } from '@/workflows/agent-runs/agent-job-runner';
import { newTestService } from '@test/support/new-test-service';
import { AgentsProcessor } from './agents.processor';

const STALLED = 'job stalled more than allowable limit';

function setUp() {
  const config = { workers: { lockDurationMs: 30_000, concurrency: 1 } };
  const { sut: processor, mocks } = newTestService(AgentsProcessor, [[AppConfig, config]]);
  return { processor, runner: mocks.get(AgentJobRunner) };
}

function aJob(deferredFailure?: string): Job<AgentJob, AgentRunResult> {
  return { id: 'task-1', deferredFailure } as unknown as Job<AgentJob, AgentRunResult>;
}

describe('AgentsProcessor failed jobs', () => {
  it('ends the task of a job BullMQ failed with the failure it deferred (stalled too often)', async () => {
    const { processor, runner } = setUp();
    const job = aJob(STALLED);
    await processor.onFailed(job, new UnrecoverableError(STALLED));
    expect(runner.abandoned).toHaveBeenCalledWith(job);
  });

  it('leaves failures of its own runs to the runner, which already ended them', async () => {
    const { processor, runner } = setUp();
    await processor.onFailed(aJob(), new Error('{"error_code":"AI_UNAVAILABLE"}'));
    // A deferred failure set, but this failure came from a run (the job was taken before).
    await processor.onFailed(aJob(STALLED), new Error('{"error_code":"AI_UNAVAILABLE"}'));
    await processor.onFailed(undefined, new Error('lost'));
    expect(runner.abandoned).not.toHaveBeenCalled();
  });

  it('does not let a failure to end the task escape the worker event', async () => {
    const { processor, runner } = setUp();
    runner.abandoned.mockRejectedValue(new Error('document store down'));
    await expect(processor.onFailed(aJob(STALLED), new Error(STALLED))).resolves.toBeUndefined();
  });
});
