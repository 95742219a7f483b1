import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import { LensStatus, LensStatusSchema, VersionUsage, VersionUsageSchema } from '../project.schema';

export const AUTHOR_KINDS = ['user', 'agent'] as const;
export type AuthorKind = (typeof AUTHOR_KINDS)[number];

@Schema({ _id: false, versionKey: false })
export class VersionAuthor {
  @Prop({ type: String, enum: AUTHOR_KINDS, required: true })
  kind!: AuthorKind;

  /** The user's id, or the agent graph's name (e.g. "generate", "iterate"). */
  @Prop({ type: String, required: true })
  id!: string;
}
const VersionAuthorSchema = SchemaFactory.createForClass(VersionAuthor);

/**
 * One saved PRD + flowchart. The record is inserted first, to claim its number (the unique index
 * refuses a second v1.3), then its objects are written, then it is marked complete; after that it
 * never changes: rollback only moves the project's pointer.
 */
@Schema({ collection: 'project_versions', versionKey: false })
export class ProjectVersion {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  project_id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  user_id!: Types.ObjectId;

  /** From the project's counter; the label is v1.{seq}. */
  @Prop({ type: Number, required: true })
  seq!: number;

  @Prop({ type: String, required: true })
  version!: string;

  @Prop({ type: Date, required: true })
  timestamp!: Date;

  /** One line, shown in the history. */
  @Prop({ type: String, required: true })
  changes!: string;

  @Prop({ type: VersionAuthorSchema, required: true })
  author!: VersionAuthor;

  @Prop({ type: String, required: true })
  prd_key!: string;

  @Prop({ type: String, required: true })
  flowchart_key!: string;

  @Prop({ type: String, required: true })
  metadata_key!: string;

  @Prop({ type: String, required: true })
  prd_sha256!: string;

  @Prop({ type: LensStatusSchema, required: true })
  thinking_lens_status!: LensStatus;

  /** What the agent run that wrote it used; null for a person's save (and older records). */
  @Prop({ type: VersionUsageSchema, default: null })
  usage!: VersionUsage | null;

  /**
   * False while the save that claimed this number is still writing its objects; such a record is
   * invisible to every read and is removed if the save fails.
   */
  @Prop({ type: Boolean, default: false })
  complete!: boolean;
}

export const ProjectVersionSchema = SchemaFactory.createForClass(ProjectVersion);
// Uniqueness backs the counter: even a bug that reused a number could not create a second v1.3.
ProjectVersionSchema.index({ project_id: 1, seq: 1 }, { unique: true });
ProjectVersionSchema.index({ project_id: 1, version: 1 }, { unique: true });
ProjectVersionSchema.index({ user_id: 1, project_id: 1, seq: -1 });
