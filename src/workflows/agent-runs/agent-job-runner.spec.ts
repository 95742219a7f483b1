import type { Job } from 'bullmq';
import { AppError } from '@/common/errors';
import type { AgentRunResult, DocumentResult } from '@/domain/agent-run';
import type { AgentJob } from '@/jobs/agent-jobs';
import { AgentTaskRecordsService } from '@/projects/tasks/agent-task-records.service';
import { TaskVersion, VersionsService } from '@/projects/versions/versions.service';
import { RealtimeService } from '@/realtime/realtime.service';
import { WebhookEventsService } from '@/webhooks/webhook-events.service';
import { newTestService } from '@test/support/new-test-service';
import { AgentJobRunner } from './agent-job-runner';
import { GenerateRunWorkflow } from './generate-run.workflow';
import { JobProgress } from './job-progress';

const DOCUMENT: DocumentResult = {
  prd_content: '# PRD',
  flowchart_content: 'graph TD\n  A --> B',
  thinking_lens_status: {
    discovery: true,
    user_journey: false,
    metrics: false,
    gtm: false,
    risks: false,
  },
  version: 'v1.0',
  changes: 'First draft',
  model_used: 'offline',
  tokens_used: 120,
  cost_usd: 0,
};

function setUp(generate: () => Promise<DocumentResult>) {
  const { sut: runner, mocks } = newTestService(AgentJobRunner);
  mocks.get(GenerateRunWorkflow).run.mockImplementation(generate);
  mocks.get(JobProgress).forJob.mockReturnValue({ report: () => Promise.resolve() });
  const realtime = mocks.get(RealtimeService);
  const webhookEvents = mocks.get(WebhookEventsService);
  const job = (attemptsMade: number) =>
    ({
      id: 'task-1',
      name: 'generate',
      attemptsMade,
      opts: { attempts: 3 },
      data: { kind: 'generate', userId: 'u1', projectId: 'p1', sessionId: 's1', answers: [] },
      updateProgress: jest.fn(),
    }) as unknown as Job<AgentJob, AgentRunResult>;
  const records = mocks.get(AgentTaskRecordsService);
  const versions = mocks.get(VersionsService);
  versions.savedByTask.mockResolvedValue(null);
  return { realtime, webhookEvents, records, versions, runner, job };
}

describe('AgentJobRunner live updates and generation.failed', () => {
  it('sends agent_complete with the result to the project room', async () => {
    const { realtime, webhookEvents, records, runner, job } = setUp(() =>
      Promise.resolve(DOCUMENT),
    );
    await expect(runner.run(job(0))).resolves.toBe(DOCUMENT);
    // The task's record says completed, with the result, before the queue does.
    expect(records.completed).toHaveBeenCalledWith('u1', 'p1', 'task-1', DOCUMENT);
    expect(realtime.projectComplete).toHaveBeenCalledWith('p1', { ...DOCUMENT, task_id: 'task-1' });
    expect(realtime.projectError).not.toHaveBeenCalled();
    expect(webhookEvents.publish).not.toHaveBeenCalled();
  });

  it('sends error only when no retry is left, or the failure cannot be retried', async () => {
    const unavailable = () =>
      Promise.reject(new AppError('AI_UNAVAILABLE', 'The AI service is unavailable'));
    const retried = setUp(unavailable);
    await expect(retried.runner.run(retried.job(0))).rejects.toThrow('AI_UNAVAILABLE');
    expect(retried.realtime.projectError).not.toHaveBeenCalled();
    expect(retried.webhookEvents.publish).not.toHaveBeenCalled();
    expect(retried.records.failed).not.toHaveBeenCalled();

    const last = setUp(unavailable);
    await expect(last.runner.run(last.job(2))).rejects.toThrow('AI_UNAVAILABLE');
    expect(last.realtime.projectError).toHaveBeenCalledWith('p1', {
      error_code: 'AI_UNAVAILABLE',
      message: 'The AI service is unavailable',
      task_id: 'task-1',
    });
    expect(last.records.failed).toHaveBeenCalledWith('u1', 'p1', 'task-1', {
      error_code: 'AI_UNAVAILABLE',
      message: 'The AI service is unavailable',
    });
    expect(last.webhookEvents.publish).toHaveBeenCalledWith('u1', 'generation.failed', {
      project_id: 'p1',
      task_id: 'task-1',
      task: 'generate',
      error_code: 'AI_UNAVAILABLE',
    });

    const unrecoverable = setUp(() => Promise.reject(AppError.notFound('Project')));
    await expect(unrecoverable.runner.run(unrecoverable.job(0))).rejects.toThrow('NOT_FOUND');
    expect(unrecoverable.realtime.projectError).toHaveBeenCalledWith('p1', {
      error_code: 'NOT_FOUND',
      message: 'Project not found',
      task_id: 'task-1',
    });
    expect(unrecoverable.realtime.projectComplete).not.toHaveBeenCalled();
    expect(unrecoverable.webhookEvents.publish).toHaveBeenCalledTimes(1);
  });
});

describe('AgentJobRunner.abandoned (a job BullMQ failed after its workers kept dying)', () => {
  it('ends the task failed: record, room and generation.failed, no run of the graph', async () => {
    const generate = jest.fn(() => Promise.resolve(DOCUMENT));
    const { realtime, webhookEvents, records, runner, job } = setUp(generate);
    await runner.abandoned(job(1));
    const failure = {
      error_code: 'AGENT_FAILED',
      message: expect.stringContaining('stopped responding'),
    };
    expect(records.failed).toHaveBeenCalledWith('u1', 'p1', 'task-1', failure);
    expect(realtime.projectError).toHaveBeenCalledWith('p1', { ...failure, task_id: 'task-1' });
    expect(webhookEvents.publish).toHaveBeenCalledWith('u1', 'generation.failed', {
      project_id: 'p1',
      task_id: 'task-1',
      task: 'generate',
      error_code: 'AGENT_FAILED',
    });
    expect(generate).not.toHaveBeenCalled();
    expect(records.completed).not.toHaveBeenCalled();
  });

  it('ends the task completed when an earlier attempt had saved its version', async () => {
    const { realtime, webhookEvents, records, versions, runner, job } = setUp(() =>
      Promise.resolve(DOCUMENT),
    );
    const saved: TaskVersion = {
      saved: {
        version: 'v1.0',
        changes: 'First draft',
        usage: { model_used: 'offline', tokens_used: 120, cost_usd: 0 },
      } as TaskVersion['saved'],
      prd: DOCUMENT.prd_content,
      flowchart: DOCUMENT.flowchart_content,
      lensStatus: DOCUMENT.thinking_lens_status,
    };
    versions.savedByTask.mockResolvedValue(saved);
    await runner.abandoned(job(1));
    expect(records.completed).toHaveBeenCalledWith('u1', 'p1', 'task-1', DOCUMENT);
    expect(realtime.projectComplete).toHaveBeenCalledWith('p1', { ...DOCUMENT, task_id: 'task-1' });
    expect(records.failed).not.toHaveBeenCalled();
    expect(realtime.projectError).not.toHaveBeenCalled();
    expect(webhookEvents.publish).not.toHaveBeenCalled();
  });

  it('still tells the room and webhooks when the record cannot be written', async () => {
    const { realtime, webhookEvents, records, runner, job } = setUp(() =>
      Promise.resolve(DOCUMENT),
    );
    records.failed.mockRejectedValue(new Error('document store down'));
    await runner.abandoned(job(1));
    expect(realtime.projectError).toHaveBeenCalledTimes(1);
    expect(webhookEvents.publish).toHaveBeenCalledTimes(1);
  });
});
