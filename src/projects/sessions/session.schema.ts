import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/**
 * The sessions collection: one clarification session about a project, named by a uuid4
 * `session_id` that clients send back with their clarification answers and iterations.
 * `expires_at` is enforced by the app (no TTL index: the portable Mongo subset has none); the index on
 * it lets a sweeper find stale sessions.
 */
@Schema({ collection: 'sessions', versionKey: false })
export class ClarificationSession {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  user_id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  project_id!: Types.ObjectId;

  @Prop({ type: String, required: true })
  session_id!: string;

  @Prop({ type: String, default: null })
  websocket_id!: string | null;

  /**
   * The agents' working state: `current_step` ("clarification", then "generation" once answers
   * arrive) and `intermediate_outputs` with `clarification_questions` (asked at creation) and,
   * once posted, `clarification_answers` (numbered, with what each counted for),
   * `lens_coverage` (clear, partial or missing per lens) and `answered_at`.
   */
  @Prop({ type: Object, default: () => ({}) })
  agent_state!: Record<string, unknown>;

  @Prop({ type: Date, required: true })
  created_at!: Date;

  @Prop({ type: Date, required: true })
  last_activity!: Date;

  @Prop({ type: Date, required: true })
  expires_at!: Date;
}

export const ClarificationSessionSchema = SchemaFactory.createForClass(ClarificationSession);
ClarificationSessionSchema.index({ session_id: 1 }, { unique: true });
ClarificationSessionSchema.index({ user_id: 1, project_id: 1 });
ClarificationSessionSchema.index({ expires_at: 1 });
