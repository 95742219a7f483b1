import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/**
 * One LangGraph checkpoint: the graph's state after a step. Payloads are the serializer's bytes
 * as base64 strings (not BSON binary or nested documents), which every MongoDB-wire store keeps
 * byte for byte and which never puts a "." or "$" key into a document.
 */
@Schema({ collection: 'agent_checkpoints', versionKey: false })
export class AgentCheckpoint {
  _id!: Types.ObjectId;

  @Prop({ type: String, required: true }) thread_id!: string;
  @Prop({ type: String, default: '' }) checkpoint_ns!: string;
  /** uuid6, time-ordered: the newest checkpoint of a thread sorts last. */
  @Prop({ type: String, required: true }) checkpoint_id!: string;
  @Prop({ type: String, default: null }) parent_checkpoint_id!: string | null;
  @Prop({ type: String, required: true }) checkpoint_type!: string;
  @Prop({ type: String, required: true }) checkpoint!: string;
  @Prop({ type: String, required: true }) metadata_type!: string;
  @Prop({ type: String, required: true }) metadata!: string;
  @Prop({ type: Date, required: true }) created_at!: Date;
}

export const AgentCheckpointSchema = SchemaFactory.createForClass(AgentCheckpoint);
AgentCheckpointSchema.index(
  { thread_id: 1, checkpoint_ns: 1, checkpoint_id: -1 },
  { unique: true },
);

/** A node's pending write against a checkpoint (what a resumed run replays). */
@Schema({ collection: 'agent_checkpoint_writes', versionKey: false })
export class AgentCheckpointWrite {
  _id!: Types.ObjectId;

  @Prop({ type: String, required: true }) thread_id!: string;
  @Prop({ type: String, default: '' }) checkpoint_ns!: string;
  @Prop({ type: String, required: true }) checkpoint_id!: string;
  @Prop({ type: String, required: true }) task_id!: string;
  @Prop({ type: String, default: '' }) task_path!: string;
  @Prop({ type: Number, required: true }) idx!: number;
  @Prop({ type: String, required: true }) channel!: string;
  @Prop({ type: String, required: true }) value_type!: string;
  @Prop({ type: String, required: true }) value!: string;
}

export const AgentCheckpointWriteSchema = SchemaFactory.createForClass(AgentCheckpointWrite);
AgentCheckpointWriteSchema.index(
  { thread_id: 1, checkpoint_ns: 1, checkpoint_id: 1, task_id: 1, idx: 1 },
  { unique: true },
);
