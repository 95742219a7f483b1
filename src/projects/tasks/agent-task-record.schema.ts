import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export const TASK_RECORD_STATUSES = ['queued', 'completed', 'error'] as const;
export type TaskRecordStatus = (typeof TASK_RECORD_STATUSES)[number];

/**
 * One agent task (a queued generate or iterate), kept as long as its project: the queue forgets
 * finished jobs (a day, at most the last thousand), this record does not, so generation-status
 * still answers with how the task ended. Written when the task is queued and when it ends.
 */
@Schema({ collection: 'agent_tasks', versionKey: false })
export class AgentTaskRecord {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  user_id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  project_id!: Types.ObjectId;

  /** The uuid4 clients poll with (the queue's job id). */
  @Prop({ type: String, required: true })
  task_id!: string;

  /** The job's name: generate or iterate. */
  @Prop({ type: String, required: true })
  kind!: string;

  @Prop({ type: String, enum: TASK_RECORD_STATUSES, required: true })
  status!: TaskRecordStatus;

  /** What generation-status returns as `result` once completed. */
  @Prop({ type: Object, default: null })
  result!: Record<string, unknown> | null;

  /** `{error_code, message}` once it failed for good. */
  @Prop({ type: Object, default: null })
  error!: Record<string, unknown> | null;

  @Prop({ type: Date, required: true })
  created_at!: Date;

  @Prop({ type: Date, default: null })
  finished_at!: Date | null;
}

export const AgentTaskRecordSchema = SchemaFactory.createForClass(AgentTaskRecord);
AgentTaskRecordSchema.index({ task_id: 1 }, { unique: true });
AgentTaskRecordSchema.index({ user_id: 1, project_id: 1 });
