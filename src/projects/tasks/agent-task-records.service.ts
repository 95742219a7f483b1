import { Injectable } from '@nestjs/common';
import type { AgentRunFailure, AgentRunResult } from '@/domain/agent-run';
import { AgentTaskRecord } from './agent-task-record.schema';
import { AgentTaskRecordsRepository } from './agent-task-records.repository';

/**
 * Agent tasks as the document store remembers them, for as long as their project: queued when
 * enqueued, then completed with the run's result (only once its version is saved) or failed for
 * good. generation-status reads the queue while it still has the job and this afterwards.
 */
@Injectable()
export class AgentTaskRecordsService {
  constructor(private readonly records: AgentTaskRecordsRepository) {}

  async queued(userId: string, projectId: string, taskId: string, kind: string): Promise<void> {
    await this.records.create(userId, projectId, taskId, kind);
  }

  /** A task that could not be queued after all leaves no record behind. */
  forget(userId: string, projectId: string, taskId: string): Promise<void> {
    return this.records.remove(userId, projectId, taskId);
  }

  completed(userId: string, projectId: string, taskId: string, result: AgentRunResult) {
    return this.records.finish(userId, projectId, taskId, {
      status: 'completed',
      result: { ...result },
      error: null,
    });
  }

  failed(userId: string, projectId: string, taskId: string, failure: AgentRunFailure) {
    return this.records.finish(userId, projectId, taskId, {
      status: 'error',
      result: null,
      error: { ...failure },
    });
  }

  find(userId: string, projectId: string, taskId: string): Promise<AgentTaskRecord | null> {
    return this.records.findTask(userId, projectId, taskId);
  }

  /** Account purge: every task record of the owner; answers how many went. */
  purgeOwner(userId: string): Promise<number> {
    return this.records.deleteAllForOwner(userId);
  }
}
