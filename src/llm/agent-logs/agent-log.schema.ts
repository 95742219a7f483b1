import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export const AGENT_RUN_STATUSES = ['success', 'error', 'timeout'] as const;
export type AgentRunStatus = (typeof AGENT_RUN_STATUSES)[number];

export interface AgentLogTokens {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface AgentErrorDetails {
  name: string;
  message: string;
  code: string | null;
}

/**
 * The agent_logs collection: one entry per graph run (`node` null) and one per node it
 * executed, sharing the run's `execution_id`; plus what the LLM calls cost (tokens, cost_usd,
 * model_used, provider). Written by AgentLogsRepository only.
 */
@Schema({ collection: 'agent_logs', versionKey: false })
export class AgentLog {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  user_id!: Types.ObjectId;

  /** Null for runs outside a project (the chat graph). */
  @Prop({ type: Types.ObjectId, default: null })
  project_id!: Types.ObjectId | null;

  @Prop({ type: String, default: null })
  session_id!: string | null;

  /** The graph: "clarification_agent", "generation_agent", ... */
  @Prop({ type: String, required: true })
  agent_type!: string;

  @Prop({ type: String, required: true })
  execution_id!: string;

  /** Null for the run's own entry; the node's name for a node's entry. */
  @Prop({ type: String, default: null })
  node!: string | null;

  @Prop({ type: Object, default: () => ({}) })
  input_data!: Record<string, unknown>;

  @Prop({ type: Object, default: null })
  output_data!: Record<string, unknown> | null;

  @Prop({ type: Number, required: true })
  execution_time_ms!: number;

  @Prop({ type: String, enum: AGENT_RUN_STATUSES, required: true })
  status!: AgentRunStatus;

  @Prop({ type: Object, default: null })
  error_details!: AgentErrorDetails | null;

  @Prop({ type: Date, required: true })
  timestamp!: Date;

  @Prop({
    type: { prompt_tokens: Number, completion_tokens: Number, total_tokens: Number },
    _id: false,
    default: () => ({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 }),
  })
  tokens!: AgentLogTokens;

  @Prop({ type: Number, default: 0 })
  cost_usd!: number;

  /** The model(s) that answered, comma-separated when a run used several. */
  @Prop({ type: String, default: null })
  model_used!: string | null;

  @Prop({ type: String, default: null })
  provider!: string | null;
}

export const AgentLogSchema = SchemaFactory.createForClass(AgentLog);
// The contract's indexes.
AgentLogSchema.index({ user_id: 1, timestamp: -1 });
AgentLogSchema.index({ execution_id: 1 });
AgentLogSchema.index({ timestamp: -1 });
