import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export const CONVERSION_STATUSES = ['pending', 'done'] as const;
export type ConversionStatus = (typeof CONVERSION_STATUSES)[number];

@Schema({ _id: false, versionKey: false })
export class ConvertedQuestion {
  @Prop({ type: String, required: true }) lens!: string;
  @Prop({ type: String, required: true }) question!: string;
  @Prop({ type: String, required: true }) context!: string;
  @Prop({ type: [String], default: [] }) options!: string[];
  @Prop({ type: String, default: '' }) recommended!: string;
  @Prop({ type: String, default: '' }) recommended_reason!: string;
}
const ConvertedQuestionSchema = SchemaFactory.createForClass(ConvertedQuestion);

/**
 * The claim that makes converting a chat idempotent: its _id IS the chat's id, so of two
 * conversions racing (two tabs, two API instances) exactly one insert succeeds and does the work;
 * the other waits for it and answers with the same project. Once done it keeps the answer.
 */
@Schema({ collection: 'chat_conversions', versionKey: false })
export class ChatConversion {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  user_id!: Types.ObjectId;

  @Prop({ type: String, enum: CONVERSION_STATUSES, required: true })
  status!: ConversionStatus;

  /** Who holds a pending claim: only they complete or release it. */
  @Prop({ type: String, required: true })
  token!: string;

  @Prop({ type: Date, required: true })
  claimed_at!: Date;

  @Prop({ type: Types.ObjectId, default: null })
  project_id!: Types.ObjectId | null;

  @Prop({ type: String, default: null })
  session_id!: string | null;

  @Prop({ type: [ConvertedQuestionSchema], default: [] })
  clarification_questions!: ConvertedQuestion[];
}

export const ChatConversionSchema = SchemaFactory.createForClass(ChatConversion);
ChatConversionSchema.index({ user_id: 1 });
