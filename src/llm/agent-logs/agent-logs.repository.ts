import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { OwnedRepository } from '@/infra/database/owned.repository';
import { AgentLog } from './agent-log.schema';

export type NewAgentLog = Omit<AgentLog, '_id' | 'user_id' | 'project_id'> & {
  readonly user_id: string;
  readonly project_id: string | null;
};

/** The only class that touches agent_logs; every query carries the owner's id. */
@Injectable()
export class AgentLogsRepository extends OwnedRepository<AgentLog> {
  constructor(@InjectModel(AgentLog.name) model: Model<AgentLog>) {
    super(model, 'project_id');
  }

  /** A run with no project (markdown edit, chat) is logged under its owner alone. */
  add(entry: NewAgentLog): Promise<AgentLog> {
    const { user_id, project_id, ...fields } = entry;
    return project_id === null
      ? this.insert(user_id, undefined, { ...fields, project_id: null })
      : this.insert(user_id, project_id, fields);
  }

  /** A run's entries (the run and its nodes), oldest first. */
  findExecution(userId: string, executionId: string): Promise<AgentLog[]> {
    const owner = this.owner(userId);
    if (!owner) return Promise.resolve([]);
    return this.find(owner, { execution_id: executionId })
      .sort({ timestamp: 1, _id: 1 })
      .lean<AgentLog[]>()
      .exec();
  }

  /** The owner's run ids (a generate/iterate run's id is its task id, which names its thread). */
  async executionIdsForOwner(userId: string): Promise<string[]> {
    const owner = this.owner(userId);
    if (!owner) return [];
    const entries = await this.find(owner)
      .select({ execution_id: 1 })
      .lean<Pick<AgentLog, 'execution_id'>[]>()
      .exec();
    return [...new Set(entries.map((entry) => entry.execution_id))];
  }
}
