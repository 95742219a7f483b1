import type { Job } from 'bullmq';
import { AppError } from '@/common/errors';
import type { AgentRunResult, DocumentResult } from '@/domain/agent-run';
import type { AgentJob } from '@/jobs/agent-jobs';
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
  return { realtime, webhookEvents, runner, job };
}

describe('AgentJobRunner live updates and generation.failed', () => {
  it('sends agent_complete with the result to the project room', async () => {
    const { realtime, webhookEvents, runner, job } = setUp(() => Promise.resolve(DOCUMENT));
    await expect(runner.run(job(0))).resolves.toBe(DOCUMENT);
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

    const last = setUp(unavailable);
    await expect(last.runner.run(last.job(2))).rejects.toThrow('AI_UNAVAILABLE');
    expect(last.realtime.projectError).toHaveBeenCalledWith('p1', {
      error_code: 'AI_UNAVAILABLE',
      message: 'The AI service is unavailable',
      task_id: 'task-1',
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
