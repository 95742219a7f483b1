import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { AppError } from '@/common/errors';
import { type AgentRunResult, encodeRunFailure } from '@/domain/agent-run';
import type { AgentJob, GenerateJob } from '@/jobs/agent-jobs';
import { AGENTS_QUEUE } from '@/jobs/queues';
import { ProjectAccess } from '@/projects/project-access';
import type { Project } from '@/projects/project.schema';
import { SessionsService } from '@/projects/sessions/sessions.service';
import { UploadsService } from '@/projects/uploads/uploads.service';
import { newTestService } from '@test/support/new-test-service';
import { AgentTasksWorkflow } from './agent-tasks.workflow';

const USER = 'a'.repeat(24);
const PROJECT = 'b'.repeat(24);
const SESSION = '3f0e4c3a-4f55-4b7e-9a53-0c8d0f5b1e2a';
const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const IDEA = 'A booking tool for dog groomers that texts owners a reminder the day before';

function someTasks(project: Partial<Project> = { current_version: 'v1.0', initial_idea: IDEA }) {
  const { sut, mocks } = newTestService(AgentTasksWorkflow);
  mocks.get(ProjectAccess).active.mockResolvedValue(project as Project);
  mocks.get(ProjectAccess).owned.mockResolvedValue(project as Project);
  const live = { sessionId: SESSION, expiresAt: new Date('2030-01-01T00:00:00Z') };
  mocks.get(SessionsService).useLive.mockResolvedValue(live);
  mocks.get(SessionsService).resume.mockResolvedValue(live);
  mocks.get(UploadsService).textFor.mockResolvedValue('');
  const queue = mocks.byToken<Queue<AgentJob, AgentRunResult>>(getQueueToken(AGENTS_QUEUE));
  // BullMQ answers with the job it added: the new one's id, or the duplicate's existing one.
  queue.add.mockImplementation((_name, _data, opts) =>
    Promise.resolve({ id: opts?.jobId } as Job<AgentJob, AgentRunResult>),
  );
  return { tasks: sut, queue, sessions: mocks.get(SessionsService) };
}

function aJob(fields: Partial<Job<GenerateJob, AgentRunResult>>): Job<GenerateJob, AgentRunResult> {
  return {
    data: { kind: 'generate', userId: USER, projectId: PROJECT, sessionId: SESSION, answers: [] },
    progress: 0,
    attemptsMade: 0,
    ...fields,
  } as Job<GenerateJob, AgentRunResult>;
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a failure');
}

describe('AgentTasksWorkflow (service tier: automocked features and queue)', () => {
  it('queues a generate job under a fresh uuid4 task id with only the answer fields', async () => {
    const { tasks, queue } = someTasks();
    const accepted = await tasks.requestGeneration(USER, PROJECT, {
      session_id: SESSION,
      answers: [
        Object.assign(
          { lens: 'metrics' as const, question: 'How?', answer: 'Weekly users' },
          { extra: 1 },
        ),
      ],
    });
    expect(accepted.task_id).toMatch(UUID4);
    expect(queue.add).toHaveBeenCalledWith(
      'generate',
      {
        kind: 'generate',
        userId: USER,
        projectId: PROJECT,
        sessionId: SESSION,
        answers: [{ lens: 'metrics', question: 'How?', answer: 'Weekly users' }],
      },
      {
        jobId: accepted.task_id,
        deduplication: { id: expect.stringMatching(`^generate:${USER}:${PROJECT}:${SESSION}:`) },
      },
    );
  });

  it('records the answers in the session, with what each counts for and the coverage, before queueing', async () => {
    const { tasks, queue, sessions } = someTasks();
    const order: string[] = [];
    sessions.recordAnswers.mockImplementation(() => {
      order.push('recorded');
      return Promise.resolve();
    });
    queue.add.mockImplementation(() => {
      order.push('queued');
      return Promise.resolve({ id: 'task' } as Job<AgentJob, AgentRunResult>);
    });
    const groomers = 'Mobile groomers who lose two bookings a week to owners who forget  ';
    await tasks.requestGeneration(USER, PROJECT, {
      session_id: SESSION,
      answers: [
        { lens: 'discovery', question: 'Who?', answer: groomers },
        { lens: 'metrics', question: 'Success?', answer: groomers },
        { lens: 'gtm', question: 'Price?', answer: '' },
      ],
    });
    expect(order).toEqual(['recorded', 'queued']);
    expect(sessions.recordAnswers).toHaveBeenCalledWith(USER, PROJECT, SESSION, {
      answers: [
        {
          id: 'A-1',
          lens: 'discovery',
          question: 'Who?',
          answer: groomers,
          status: 'used',
          counts_for: 'discovery',
          repeats: null,
        },
        {
          id: 'A-2',
          lens: 'metrics',
          question: 'Success?',
          answer: groomers,
          status: 'repeat',
          counts_for: null,
          repeats: 'A-1',
        },
        {
          id: 'A-3',
          lens: 'gtm',
          question: 'Price?',
          answer: '',
          status: 'unanswered',
          counts_for: null,
          repeats: null,
        },
      ],
      coverage: {
        discovery: 'clear',
        user_journey: 'missing',
        metrics: 'missing',
        gtm: 'missing',
        risks: 'missing',
      },
    });
  });

  it('queues nothing when the session cannot record the answers (it expired meanwhile)', async () => {
    const { tasks, queue, sessions } = someTasks();
    sessions.recordAnswers.mockRejectedValue(AppError.notFound('Session'));
    const error = await failure(
      tasks.requestGeneration(USER, PROJECT, { session_id: SESSION, answers: [] }),
    );
    expect(error.code).toBe('NOT_FOUND');
    expect(queue.add).not.toHaveBeenCalled();
  });

  it('asks BullMQ to deduplicate the same answers (or iterate request), and answers its task', async () => {
    const { tasks, queue } = someTasks();
    const answers = [{ lens: 'gtm' as const, question: 'Who pays?', answer: 'Shops' }];
    await tasks.requestGeneration(USER, PROJECT, { session_id: SESSION, answers });
    await tasks.requestGeneration(USER, PROJECT, { session_id: SESSION, answers });
    await tasks.requestGeneration(USER, PROJECT, {
      session_id: SESSION,
      answers: [{ ...answers[0], answer: 'Shops and markets' }],
    });
    await tasks.requestIteration(USER, PROJECT, { mode: 'think', message: 'Why?' });
    await tasks.requestIteration(USER, PROJECT, { mode: 'agent', message: 'Why?' });
    const ids = queue.add.mock.calls.map(([, , opts]) => opts?.deduplication?.id);
    expect(ids[0]).toBe(ids[1]);
    expect(new Set(ids).size).toBe(4);

    queue.add.mockResolvedValueOnce({ id: 'the-running-one' } as Job<AgentJob, AgentRunResult>);
    const again = await tasks.requestGeneration(USER, PROJECT, { session_id: SESSION, answers });
    expect(again.task_id).toBe('the-running-one');
  });

  it("queues nothing for a session that is unknown, expired or not the caller's", async () => {
    const { tasks, queue, sessions } = someTasks();
    sessions.useLive.mockResolvedValue(null);
    const error = await failure(
      tasks.requestGeneration(USER, PROJECT, { session_id: SESSION, answers: [] }),
    );
    expect([error.code, error.message]).toEqual(['NOT_FOUND', 'Session not found']);
    expect(queue.add).not.toHaveBeenCalled();
  });

  it('refuses to iterate before there is a PRD', async () => {
    const { tasks, queue } = someTasks({ current_version: null });
    const error = await failure(
      tasks.requestIteration(USER, PROJECT, { session_id: SESSION, mode: 'agent', message: 'Hi' }),
    );
    expect(error.code).toBe('CONFLICT');
    expect(queue.add).not.toHaveBeenCalled();
  });

  it("answers someone else's task, or another project's, as not found", async () => {
    const { tasks, queue } = someTasks();
    queue.getJobState.mockResolvedValue('completed');
    const other = aJob({});
    other.data = { ...other.data, userId: 'c'.repeat(24) };
    queue.getJob.mockResolvedValue(other);
    expect((await failure(tasks.status(USER, PROJECT, 't1'))).message).toBe('Task not found');
  });

  it('reads the failure a job stored, and a retry in waiting as still processing', async () => {
    const { tasks, queue } = someTasks();
    queue.getJobState.mockResolvedValue('failed');
    const failedReason = encodeRunFailure({ error_code: 'FLOWCHART_INVALID', message: 'No.' });
    queue.getJob.mockResolvedValue(aJob({ failedReason }));
    expect(await tasks.status(USER, PROJECT, 't1')).toMatchObject({
      status: 'error',
      result: null,
      error: { error_code: 'FLOWCHART_INVALID', message: 'No.' },
    });

    queue.getJobState.mockResolvedValue('delayed');
    queue.getJob.mockResolvedValue(
      aJob({ attemptsMade: 1, progress: { percent: 40, step: 'Drafting', eta: 12 } }),
    );
    expect(await tasks.status(USER, PROJECT, 't1')).toEqual({
      status: 'processing',
      progress: 40,
      current_step: 'Drafting',
      estimated_time_remaining: 12,
      result: null,
    });
  });
});
