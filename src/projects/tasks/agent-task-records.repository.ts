import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OwnedRepository } from '@/infra/database/owned.repository';
import { AgentTaskRecord, TaskRecordStatus } from './agent-task-record.schema';

export interface TaskEnd {
  readonly status: Exclude<TaskRecordStatus, 'queued'>;
  readonly result: Record<string, unknown> | null;
  readonly error: Record<string, unknown> | null;
}

/** The only class that touches agent_tasks; every query carries the owner's id. */
@Injectable()
export class AgentTaskRecordsRepository extends OwnedRepository<AgentTaskRecord> {
  constructor(@InjectModel(AgentTaskRecord.name) model: Model<AgentTaskRecord>) {
    super(model, 'project_id');
  }

  create(
    userId: string,
    projectId: string,
    taskId: string,
    kind: string,
  ): Promise<AgentTaskRecord> {
    return this.insert(userId, projectId, {
      task_id: taskId,
      kind,
      status: 'queued',
      result: null,
      error: null,
      created_at: new Date(),
      finished_at: null,
    });
  }

  async finish(userId: string, projectId: string, taskId: string, end: TaskEnd): Promise<void> {
    const owner = this.owner(userId, projectId);
    if (!owner) return;
    await this.updateMatching(
      owner,
      { task_id: taskId },
      { $set: { ...end, finished_at: new Date() } },
    );
  }

  findTask(userId: string, projectId: string, taskId: string): Promise<AgentTaskRecord | null> {
    const owner = this.owner(userId, projectId);
    if (!owner) return Promise.resolve(null);
    return this.findOne(owner, { task_id: taskId }).lean<AgentTaskRecord>().exec();
  }

  async remove(userId: string, projectId: string, taskId: string): Promise<void> {
    const owner = this.owner(userId, projectId);
    if (owner) await this.deleteOne(owner, { task_id: taskId }).exec();
  }
}
