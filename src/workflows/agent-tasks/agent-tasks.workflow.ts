import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { assessAnswers } from '@/agents/answers';
import { AppError } from '@/common/errors';
import { AgentRunResult, decodeRunFailure, isAgentRunProgress } from '@/domain/agent-run';
import { AgentJob, GENERATE_JOB, ITERATE_JOB } from '@/jobs/agent-jobs';
import { AGENTS_QUEUE } from '@/jobs/queues';
import { ProjectAccess } from '@/projects/project-access';
import { SessionsService } from '@/projects/sessions/sessions.service';
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
    private readonly uploads: UploadsService,
  ) {}

  async requestGeneration(
    userId: string,
    projectId: string,
    dto: ClarificationsDto,
  ): Promise<AcceptedTaskDto> {
    const project = await this.access.active(userId, projectId);
    await this.liveSession(userId, projectId, dto.session_id);
    const answers = dto.answers.map(({ lens, question, answer }) => ({ lens, question, answer }));
    // The session records what was answered and what it covers before the generation is queued.
    const uploadsText = await this.uploads.textFor(userId, projectId);
    await this.sessions.recordAnswers(
      userId,
      projectId,
      dto.session_id,
      assessAnswers(answers, project.initial_idea, uploadsText),
    );
    const taskId = await this.enqueue({
      kind: GENERATE_JOB,
      userId,
      projectId,
      sessionId: dto.session_id,
      answers,
    });
    return { message: 'Processing clarifications', task_id: taskId };
  }

  async requestIteration(
    userId: string,
    projectId: string,
    dto: IterateDto,
  ): Promise<AcceptedTaskDto> {
    const project = await this.access.active(userId, projectId);
    await this.liveSession(userId, projectId, dto.session_id);
    if (project.current_version === null) {
      throw new AppError(
        'CONFLICT',
        'The project has no PRD yet: answer the clarification questions first',
      );
    }
    const taskId = await this.enqueue({
      kind: ITERATE_JOB,
      userId,
      projectId,
      sessionId: dto.session_id,
      mode: dto.mode,
      message: dto.message,
    });
    return { message: 'Processing iteration request', task_id: taskId };
  }

  async status(userId: string, projectId: string, taskId: string): Promise<GenerationStatusDto> {
    await this.access.owned(userId, projectId);
    // State first, then the job: a job read after its state is at least that far along, so a
    // "completed" state always comes with its return value.
    const state = await this.queue.getJobState(taskId);
    const job = await this.queue.getJob(taskId);
    if (!job || job.data.userId !== userId || job.data.projectId !== projectId) {
      throw AppError.notFound('Task');
    }
    return statusOf(job, state);
  }

  private async liveSession(userId: string, projectId: string, sessionId: string): Promise<void> {
    if (!(await this.sessions.findLive(userId, projectId, sessionId))) {
      throw AppError.notFound('Session');
    }
  }

  private async enqueue(job: AgentJob): Promise<string> {
    const taskId = randomUUID();
    await this.queue.add(job.kind, job, { jobId: taskId });
    return taskId;
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
