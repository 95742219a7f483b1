import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { createHash, randomUUID } from 'node:crypto';
import { assessAnswers } from '@/agents/answers';
import { AppError } from '@/common/errors';
import { AgentRunResult, decodeRunFailure, isAgentRunProgress } from '@/domain/agent-run';
import { AgentJob, GENERATE_JOB, ITERATE_JOB } from '@/jobs/agent-jobs';
import { AGENTS_QUEUE } from '@/jobs/queues';
import { ProjectAccess } from '@/projects/project-access';
import { LiveSession, SessionsService } from '@/projects/sessions/sessions.service';
import { AgentTaskRecord } from '@/projects/tasks/agent-task-record.schema';
import { AgentTaskRecordsService } from '@/projects/tasks/agent-task-records.service';
import { UploadsService } from '@/projects/uploads/uploads.service';
import { ClarificationsDto } from './dto/clarifications.dto';
import { IterateDto } from './dto/iterate.dto';
import { AcceptedTaskDto, GenerationStatusDto } from './dto/task-responses.dto';

/**
 * Agent work as tasks: checks the caller may start it, queues it (task_id = job id, a uuid4),
 * and reads its state back. Someone else's project, session or task is a 404.
 */
@Injectable()
export class AgentTasksWorkflow {
  constructor(
    @InjectQueue(AGENTS_QUEUE) private readonly queue: Queue<AgentJob, AgentRunResult>,
    private readonly access: ProjectAccess,
    private readonly sessions: SessionsService,
    private readonly records: AgentTaskRecordsService,
    private readonly uploads: UploadsService,
  ) {}

  async requestGeneration(
    userId: string,
    projectId: string,
    dto: ClarificationsDto,
  ): Promise<AcceptedTaskDto> {
    const project = await this.access.active(userId, projectId);
    const session = await this.sessions.useLive(userId, projectId, dto.session_id);
    if (!session) throw AppError.notFound('Session');
    const answers = dto.answers.map(({ lens, question, answer }) => ({ lens, question, answer }));
    // The session records what was answered and what it covers before the generation is queued
    // (a repeated request records the same values again).
    const uploadsText = await this.uploads.textFor(userId, projectId);
    await this.sessions.recordAnswers(
      userId,
      projectId,
      session.sessionId,
      assessAnswers(answers, project.initial_idea, uploadsText),
    );
    const taskId = await this.enqueue({
      kind: GENERATE_JOB,
      userId,
      projectId,
      sessionId: session.sessionId,
      answers,
    });
    return { message: 'Processing clarifications', task_id: taskId, ...sessionFields(session) };
  }

  async requestIteration(
    userId: string,
    projectId: string,
    dto: IterateDto,
  ): Promise<AcceptedTaskDto> {
    const project = await this.access.active(userId, projectId);
    if (project.current_version === null) {
      throw new AppError(
        'CONFLICT',
        'The project has no PRD yet: answer the clarification questions first',
      );
    }
    // Never "session not found": an expired or forgotten session is renewed or replaced.
    const session = await this.sessions.resume(userId, projectId, dto.session_id);
    const taskId = await this.enqueue({
      kind: ITERATE_JOB,
      userId,
      projectId,
      sessionId: session.sessionId,
      mode: dto.mode,
      message: dto.message,
    });
    return { message: 'Processing iteration request', task_id: taskId, ...sessionFields(session) };
  }

  /**
   * The queue while it still holds the job (progress as it happens), then the task's record: the
   * queue forgets finished jobs, the record is kept as long as the project.
   */
  async status(userId: string, projectId: string, taskId: string): Promise<GenerationStatusDto> {
    await this.access.owned(userId, projectId);
    // State first, then the job: a job read after its state is at least that far along, so a
    // "completed" state always comes with its return value.
    const state = await this.queue.getJobState(taskId);
    const job = await this.queue.getJob(taskId);
    if (job && job.data.userId === userId && job.data.projectId === projectId) {
      // A failed job's record says how its task ended: completed when an earlier attempt had
      // saved its version, or the failure as its runner put it (BullMQ's own reason otherwise).
      const record = state === 'failed' ? await this.records.find(userId, projectId, taskId) : null;
      return record && record.status !== 'queued' ? statusOfRecord(record) : statusOf(job, state);
    }
    const record = await this.records.find(userId, projectId, taskId);
    if (!record) throw AppError.notFound('Task');
    return statusOfRecord(record);
  }

  /**
   * Queues the job under a fresh uuid4, unless the same request (same project, session and
   * answers, or mode and message) is still queued or running: then that task's id (a
   * double-click, two tabs, a retried request). BullMQ checks and claims the deduplication id
   * in the one script that adds the job, so two requests at once cannot both queue one; the
   * claim ends when the job completes or fails, after which the same request runs again.
   * The task's record comes first, so a task the queue has is always one generation-status can
   * answer for.
   */
  private async enqueue(job: AgentJob): Promise<string> {
    const taskId = randomUUID();
    await this.records.queued(job.userId, job.projectId, taskId, job.kind);
    let added: Job<AgentJob, AgentRunResult>;
    try {
      added = await this.queue.add(job.kind, job, {
        jobId: taskId,
        deduplication: { id: sameRequestId(job) },
      });
    } catch (error) {
      await this.forgetQuietly(job, taskId);
      throw error;
    }
    if (!added.id) throw new Error('BullMQ added a job without an id');
    // The same request is already queued or running: that task answers, this record is unused.
    if (added.id !== taskId) await this.forgetQuietly(job, taskId);
    return added.id;
  }

  /** A record no job will ever finish; failing to remove it must not fail the request. */
  private async forgetQuietly(job: AgentJob, taskId: string): Promise<void> {
    try {
      await this.records.forget(job.userId, job.projectId, taskId);
    } catch {
      // Left as `queued`: generation-status still answers for it, as a task that never ran.
    }
  }
}

/** What makes two requests the same task: its kind, project, session and what it was asked. */
function sameRequestId(job: AgentJob): string {
  const asked =
    job.kind === GENERATE_JOB
      ? job.answers.map(({ lens, question, answer }) => [lens, question, answer])
      : [job.mode, job.message];
  const digest = createHash('sha256').update(JSON.stringify(asked)).digest('hex');
  return `${job.kind}:${job.userId}:${job.projectId}:${job.sessionId}:${digest}`;
}

function sessionFields(
  session: LiveSession,
): Pick<AcceptedTaskDto, 'session_id' | 'session_expires_at'> {
  return { session_id: session.sessionId, session_expires_at: session.expiresAt.toISOString() };
}

/** A task the queue no longer holds: how it ended (or, never seen ending, that it was queued). */
function statusOfRecord(record: AgentTaskRecord): GenerationStatusDto {
  switch (record.status) {
    case 'completed':
      return {
        status: 'completed',
        progress: 100,
        current_step: 'Completed',
        estimated_time_remaining: 0,
        result: record.result as AgentRunResult | null,
      };
    case 'error':
      return {
        status: 'error',
        progress: 0,
        current_step: null,
        estimated_time_remaining: null,
        result: null,
        error: decodeRunFailure(JSON.stringify(record.error)),
      };
    case 'queued':
      return {
        status: 'queued',
        progress: 0,
        current_step: null,
        estimated_time_remaining: null,
        result: null,
      };
  }
}

function statusOf(job: Job<AgentJob, AgentRunResult>, state: string): GenerationStatusDto {
  const progress = isAgentRunProgress(job.progress) ? job.progress : null;
  const common = {
    progress: progress?.percent ?? 0,
    current_step: progress?.step ?? null,
    estimated_time_remaining: progress?.eta ?? null,
    result: null,
  };
  switch (state) {
    case 'completed':
      return {
        status: 'completed',
        progress: 100,
        current_step: 'Completed',
        estimated_time_remaining: 0,
        result: job.returnvalue,
      };
    case 'failed':
      return {
        ...common,
        status: 'error',
        estimated_time_remaining: null,
        error: decodeRunFailure(job.failedReason),
      };
    case 'active':
      return { ...common, status: 'processing' };
    default:
      // Waiting, or delayed before a retry: a retried run is still in progress for the client.
      return { ...common, status: job.attemptsMade > 0 ? 'processing' : 'queued' };
  }
}
