import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AgentCheckpoint, AgentCheckpointWrite } from './agent-checkpoint.schema';

export type CheckpointRecord = Omit<AgentCheckpoint, '_id'>;
export type WriteRecord = Omit<AgentCheckpointWrite, '_id'>;

export interface CheckpointQuery {
  readonly threadId?: string;
  readonly ns?: string;
  readonly checkpointId?: string;
  /** Only checkpoints older than this id. */
  readonly before?: string;
}

/**
 * The only class that touches the checkpoint collections. Thread ids are made by the server
 * ("generate:<task id>"), never taken from clients, and a run's owner is checked before its
 * graph starts; so these queries are keyed by thread rather than by user.
 */
@Injectable()
export class AgentCheckpointsRepository implements OnModuleInit {
  constructor(
    @InjectModel(AgentCheckpoint.name) private readonly checkpoints: Model<AgentCheckpoint>,
    @InjectModel(AgentCheckpointWrite.name) private readonly writes: Model<AgentCheckpointWrite>,
  ) {}

  async onModuleInit(): Promise<void> {
    await Promise.all([this.checkpoints.init(), this.writes.init()]);
  }

  /** Newest first. */
  find(query: CheckpointQuery, limit?: number): Promise<CheckpointRecord[]> {
    const filter: Record<string, unknown> = {};
    if (query.threadId !== undefined) filter.thread_id = query.threadId;
    if (query.ns !== undefined) filter.checkpoint_ns = query.ns;
    if (query.checkpointId !== undefined) filter.checkpoint_id = query.checkpointId;
    if (query.before !== undefined) filter.checkpoint_id = { $lt: query.before };
    const found = this.checkpoints.find(filter).sort({ checkpoint_id: -1 });
    if (limit !== undefined) found.limit(limit);
    return found.lean<CheckpointRecord[]>().exec();
  }

  async save(record: CheckpointRecord): Promise<void> {
    const { thread_id, checkpoint_ns, checkpoint_id } = record;
    await this.checkpoints
      .updateOne({ thread_id, checkpoint_ns, checkpoint_id }, { $set: record }, { upsert: true })
      .exec();
  }

  writesFor(threadId: string, ns: string, checkpointId: string): Promise<WriteRecord[]> {
    return this.writes
      .find({ thread_id: threadId, checkpoint_ns: ns, checkpoint_id: checkpointId })
      .lean<WriteRecord[]>()
      .exec();
  }

  /** `replace` false keeps a write already stored under the same key (a replayed task). */
  async saveWrite(record: WriteRecord, replace: boolean): Promise<void> {
    const { thread_id, checkpoint_ns, checkpoint_id, task_id, idx } = record;
    const key = { thread_id, checkpoint_ns, checkpoint_id, task_id, idx };
    await this.writes
      .updateOne(key, replace ? { $set: record } : { $setOnInsert: record }, { upsert: true })
      .exec();
  }

  /** Account retention purge: the threads of the given runs, in one query per collection. */
  async deleteThreads(threadIds: readonly string[]): Promise<void> {
    if (threadIds.length === 0) return;
    const filter = { thread_id: { $in: [...threadIds] } };
    await Promise.all([
      this.checkpoints.deleteMany(filter).exec(),
      this.writes.deleteMany(filter).exec(),
    ]);
  }

  async deleteThread(threadId: string): Promise<void> {
    await Promise.all([
      this.checkpoints.deleteMany({ thread_id: threadId }).exec(),
      this.writes.deleteMany({ thread_id: threadId }).exec(),
    ]);
  }
}
