import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { AgentLog } from './agent-log.schema';

export type NewAgentLog = Omit<AgentLog, '_id' | 'user_id' | 'project_id'> & {
  readonly user_id: string;
  readonly project_id: string | null;
};

/** The only class that touches agent_logs. Reads take the owner's id. */
@Injectable()
export class AgentLogsRepository implements OnModuleInit {
  constructor(@InjectModel(AgentLog.name) private readonly logs: Model<AgentLog>) {}

  /** The indexes exist before the first run is logged. */
  async onModuleInit(): Promise<void> {
    await this.logs.init();
  }

  async insert(entry: NewAgentLog): Promise<AgentLog> {
    const created = await this.logs.create({
      ...entry,
      user_id: new Types.ObjectId(entry.user_id),
      project_id: entry.project_id === null ? null : new Types.ObjectId(entry.project_id),
    });
    return created.toObject();
  }

  /** A run's entries (the run and its nodes), oldest first. */
  findExecution(userId: string, executionId: string): Promise<AgentLog[]> {
    return this.logs
      .find({ user_id: new Types.ObjectId(userId), execution_id: executionId })
      .sort({ timestamp: 1, _id: 1 })
      .lean<AgentLog[]>()
      .exec();
  }

  /** The owner's run ids (a generate/iterate run's id is its task id, which names its thread). */
  async executionIdsForOwner(userId: string): Promise<string[]> {
    const entries = await this.logs
      .find({ user_id: new Types.ObjectId(userId) })
      .select({ execution_id: 1 })
      .lean<Pick<AgentLog, 'execution_id'>[]>()
      .exec();
    return [...new Set(entries.map((entry) => entry.execution_id))];
  }

  /** Account retention purge: every entry of the owner. */
  async deleteAllForOwner(userId: string): Promise<number> {
    return (await this.logs.deleteMany({ user_id: new Types.ObjectId(userId) }).exec())
      .deletedCount;
  }

  recentForUser(userId: string, limit: number): Promise<AgentLog[]> {
    return this.logs
      .find({ user_id: new Types.ObjectId(userId) })
      .sort({ timestamp: -1 })
      .limit(limit)
      .lean<AgentLog[]>()
      .exec();
  }
}
