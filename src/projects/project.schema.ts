import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import type { ModelUsage } from '@/domain/agent-run';
import { ThinkingLensStatus } from '@/domain/thinking-lenses';

export const PROJECT_STATUSES = ['active', 'archived', 'deleted'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

@Schema({ _id: false, versionKey: false })
export class LensStatus implements ThinkingLensStatus {
  @Prop({ type: Boolean, default: false }) discovery!: boolean;
  @Prop({ type: Boolean, default: false }) user_journey!: boolean;
  @Prop({ type: Boolean, default: false }) metrics!: boolean;
  @Prop({ type: Boolean, default: false }) gtm!: boolean;
  @Prop({ type: Boolean, default: false }) risks!: boolean;
}
export const LensStatusSchema = SchemaFactory.createForClass(LensStatus);

/** What the agent run that wrote a version used (a person's save has none). */
@Schema({ _id: false, versionKey: false })
export class VersionUsage implements ModelUsage {
  @Prop({ type: String, required: true }) model_used!: string;
  @Prop({ type: Number, required: true }) tokens_used!: number;
  @Prop({ type: Number, required: true }) cost_usd!: number;
}
export const VersionUsageSchema = SchemaFactory.createForClass(VersionUsage);

@Schema({ _id: false, versionKey: false })
export class ProjectMetadata {
  @Prop({ type: LensStatusSchema, default: () => ({}) })
  thinking_lens_status!: LensStatus;

  @Prop({ type: Date, default: null })
  last_agent_run!: Date | null;

  /** Versions saved so far. */
  @Prop({ type: Number, default: 0 })
  total_iterations!: number;
}
const ProjectMetadataSchema = SchemaFactory.createForClass(ProjectMetadata);

/**
 * The projects collection, plus two version counters:
 * - `next_version_seq` is only ever incremented ($inc, one atomic single-document update), so
 *   every save gets its own number even when two run at once: v1.{seq}.
 * - `current_version_seq` says which version is current; rollback moves it back, a save moves it
 *   to its own (newer) number, so history is never rewritten.
 */
@Schema({
  collection: 'projects',
  versionKey: false,
  timestamps: { createdAt: 'created_at', updatedAt: 'updated_at' },
})
export class Project {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  user_id!: Types.ObjectId;

  @Prop({ type: String, required: true })
  project_name!: string;

  @Prop({ type: String, required: true })
  initial_idea!: string;

  @Prop({ type: String, enum: PROJECT_STATUSES, default: 'active' })
  status!: ProjectStatus;

  @Prop({ type: Types.ObjectId, default: null })
  source_chat_id!: Types.ObjectId | null;

  @Prop({ type: Boolean, default: false })
  created_from_chat!: boolean;

  @Prop({ type: String, default: null })
  current_version!: string | null;

  @Prop({ type: Number, default: null })
  current_version_seq!: number | null;

  /** The current version's usage, copied with the pointer so that lists need no second read. */
  @Prop({ type: VersionUsageSchema, default: null })
  current_version_usage!: VersionUsage | null;

  @Prop({ type: Number, default: 0 })
  next_version_seq!: number;

  /** The project's folder in the bucket, with the environment prefix. */
  @Prop({ type: String, required: true })
  s3_path!: string;

  @Prop({ type: ProjectMetadataSchema, default: () => ({}) })
  metadata!: ProjectMetadata;

  created_at!: Date;
  updated_at!: Date;
}

/** GET /projects' order: newest first, `_id` breaking ties so that pages never overlap. */
export const PROJECT_LIST_ORDER = { created_at: -1, _id: -1 } as const;

export const ProjectSchema = SchemaFactory.createForClass(Project);
// The list query: one user's projects in one status, in the list's order. The order's every key,
// `_id` included, is in the index, so MongoDB walks it instead of sorting the user's projects.
ProjectSchema.index({ user_id: 1, status: 1, ...PROJECT_LIST_ORDER });
ProjectSchema.index({ user_id: 1, updated_at: -1 });
ProjectSchema.index({ created_at: -1 });
ProjectSchema.index({ source_chat_id: 1 });
