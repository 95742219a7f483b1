import type { RunnableConfig } from '@langchain/core/runnables';
import {
  BaseCheckpointSaver,
  ChannelVersions,
  Checkpoint,
  CheckpointListOptions,
  CheckpointTuple,
  compareWritesSortKeys,
  copyCheckpoint,
  WRITES_IDX_MAP,
  writesSortKey,
} from '@langchain/langgraph-checkpoint';
import type { CheckpointMetadata, PendingWrite } from '@langchain/langgraph-checkpoint';
import { Injectable } from '@nestjs/common';
import {
  AgentCheckpointsRepository,
  CheckpointRecord,
  WriteRecord,
} from './agent-checkpoints.repository';

/**
 * LangGraph's checkpointer on the document store: each step's state and each node's pending
 * writes become documents, so a run that stops half-way (a crashed worker, a BullMQ retry)
 * resumes from its last finished node instead of starting over. Only single-document writes
 * and plain finds are used (the portable Mongo subset).
 */
@Injectable()
export class DocumentCheckpointSaver extends BaseCheckpointSaver {
  constructor(private readonly repository: AgentCheckpointsRepository) {
    super();
  }

  async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const { threadId, ns, checkpointId } = keysOf(config);
    if (threadId === undefined) return undefined;
    const [record] = await this.repository.find({ threadId, ns, checkpointId }, 1);
    return record ? this.toTuple(record) : undefined;
  }

  async *list(
    config: RunnableConfig,
    options: CheckpointListOptions = {},
  ): AsyncGenerator<CheckpointTuple> {
    const { threadId, checkpointId } = keysOf(config);
    const ns = config.configurable?.checkpoint_ns as string | undefined;
    const before = options.before?.configurable?.checkpoint_id as string | undefined;
    const records = await this.repository.find({ threadId, ns, checkpointId, before });
    let remaining = options.limit;
    for (const record of records) {
      const tuple = await this.toTuple(record);
      const metadata = (tuple.metadata ?? {}) as Record<string, unknown>;
      const filter = options.filter ?? {};
      if (!Object.entries(filter).every(([key, value]) => metadata[key] === value)) continue;
      if (remaining !== undefined && remaining-- <= 0) return;
      yield tuple;
    }
  }

  async put(
    config: RunnableConfig,
    checkpoint: Checkpoint,
    metadata: CheckpointMetadata,
    _newVersions: ChannelVersions,
  ): Promise<RunnableConfig> {
    const { threadId, ns, checkpointId: parent } = keysOf(config);
    if (threadId === undefined) throw new Error('A checkpoint needs configurable.thread_id');
    const [[checkpointType, state], [metadataType, meta]] = await Promise.all([
      this.serde.dumpsTyped(copyCheckpoint(checkpoint)),
      this.serde.dumpsTyped(metadata),
    ]);
    await this.repository.save({
      thread_id: threadId,
      checkpoint_ns: ns,
      checkpoint_id: checkpoint.id,
      parent_checkpoint_id: parent ?? null,
      checkpoint_type: checkpointType,
      checkpoint: toBase64(state),
      metadata_type: metadataType,
      metadata: toBase64(meta),
      created_at: new Date(),
    });
    return {
      configurable: { thread_id: threadId, checkpoint_ns: ns, checkpoint_id: checkpoint.id },
    };
  }

  async putWrites(
    config: RunnableConfig,
    writes: PendingWrite[],
    taskId: string,
    taskPath = '',
  ): Promise<void> {
    const { threadId, ns, checkpointId } = keysOf(config);
    if (threadId === undefined || checkpointId === undefined) {
      throw new Error('Pending writes need configurable.thread_id and checkpoint_id');
    }
    await Promise.all(
      writes.map(async ([channel, value], index) => {
        const [valueType, bytes] = await this.serde.dumpsTyped(value);
        const idx = WRITES_IDX_MAP[channel] ?? index;
        await this.repository.saveWrite(
          {
            thread_id: threadId,
            checkpoint_ns: ns,
            checkpoint_id: checkpointId,
            task_id: taskId,
            task_path: taskPath,
            idx,
            channel,
            value_type: valueType,
            value: toBase64(bytes),
          },
          // Special channels (errors, interrupts) have negative indexes and are overwritten.
          idx < 0,
        );
      }),
    );
  }

  deleteThread(threadId: string): Promise<void> {
    return this.repository.deleteThread(threadId);
  }

  private async toTuple(record: CheckpointRecord): Promise<CheckpointTuple> {
    // The serializer is typed `any`; these are the objects `put` stored.
    const checkpoint = (await this.serde.loadsTyped(
      record.checkpoint_type,
      fromBase64(record.checkpoint),
    )) as Checkpoint;
    const metadata = (await this.serde.loadsTyped(
      record.metadata_type,
      fromBase64(record.metadata),
    )) as CheckpointMetadata;
    const writes = await this.repository.writesFor(
      record.thread_id,
      record.checkpoint_ns,
      record.checkpoint_id,
    );
    const configurable = {
      thread_id: record.thread_id,
      checkpoint_ns: record.checkpoint_ns,
    };
    return {
      config: { configurable: { ...configurable, checkpoint_id: record.checkpoint_id } },
      checkpoint,
      metadata,
      pendingWrites: await this.pendingWrites(writes),
      ...(record.parent_checkpoint_id
        ? {
            parentConfig: {
              configurable: { ...configurable, checkpoint_id: record.parent_checkpoint_id },
            },
          }
        : {}),
    };
  }

  private pendingWrites(writes: WriteRecord[]): Promise<[string, string, unknown][]> {
    const ordered = [...writes].sort((a, b) =>
      compareWritesSortKeys(
        writesSortKey(a.task_path, a.task_id, a.idx),
        writesSortKey(b.task_path, b.task_id, b.idx),
      ),
    );
    return Promise.all(
      ordered.map(async (write): Promise<[string, string, unknown]> => [
        write.task_id,
        write.channel,
        await this.serde.loadsTyped(write.value_type, fromBase64(write.value)),
      ]),
    );
  }
}

function keysOf(config: RunnableConfig): {
  threadId: string | undefined;
  ns: string;
  checkpointId: string | undefined;
} {
  const configurable = config.configurable ?? {};
  return {
    threadId: configurable.thread_id as string | undefined,
    ns: (configurable.checkpoint_ns as string | undefined) ?? '',
    checkpointId: (configurable.checkpoint_id as string | undefined) || undefined,
  };
}

function toBase64(bytes: Uint8Array | string): string {
  return Buffer.from(bytes).toString('base64');
}

function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}
