import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export const MESSAGE_TYPES = ['user', 'assistant', 'system'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** An assistant message whose reply failed for good stays, marked failed, with no content. */
export const MESSAGE_STATUSES = ['complete', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** The contract's message metadata, for assistant messages. */
@Schema({ _id: false, versionKey: false })
export class MessageMetadata {
  @Prop({ type: Number, required: true })
  tokens_used!: number;

  @Prop({ type: Number, required: true })
  response_time_ms!: number;

  @Prop({ type: String, required: true })
  model_used!: string;

  /** Prompt tokens the model read for the reply. */
  @Prop({ type: Number, required: true })
  context_length!: number;
}
const MessageMetadataSchema = SchemaFactory.createForClass(MessageMetadata);

@Schema({ _id: false, versionKey: false })
export class MessageAttachment {
  @Prop({ type: Types.ObjectId, required: true })
  file_id!: Types.ObjectId;

  @Prop({ type: String, required: true })
  filename!: string;

  @Prop({ type: String, required: true })
  s3_key!: string;

  @Prop({ type: Number, required: true })
  size!: number;

  @Prop({ type: String, required: true })
  content_type!: string;
}
const MessageAttachmentSchema = SchemaFactory.createForClass(MessageAttachment);

@Schema({ _id: false, versionKey: false })
export class StoredSuggestedAction {
  @Prop({ type: String, required: true })
  type!: string;

  @Prop({ type: String, required: true })
  label!: string;

  @Prop({ type: String, default: '' })
  description!: string;

  /** What the project would start from. */
  @Prop({ type: String, default: '' })
  initial_idea!: string;
}
const StoredSuggestedActionSchema = SchemaFactory.createForClass(StoredSuggestedAction);

@Schema({ _id: false, versionKey: false })
export class MessageError {
  @Prop({ type: String, required: true })
  code!: string;

  @Prop({ type: String, required: true })
  message!: string;
}
const MessageErrorSchema = SchemaFactory.createForClass(MessageError);

/**
 * The contract's messages collection. `seq` is the message's place in its chat (1, 2, …), handed out
 * under the chat's lock together with a timestamp that is strictly later than the previous
 * message's, so both orders agree and a timestamp is an exact paging cursor.
 */
@Schema({ collection: 'messages', versionKey: false })
export class Message {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  chat_id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  user_id!: Types.ObjectId;

  @Prop({ type: Number, required: true })
  seq!: number;

  @Prop({ type: String, enum: MESSAGE_TYPES, required: true })
  message_type!: MessageType;

  @Prop({ type: String, default: '' })
  content!: string;

  @Prop({ type: Date, required: true })
  timestamp!: Date;

  @Prop({ type: String, enum: MESSAGE_STATUSES, default: 'complete' })
  status!: MessageStatus;

  /** For an assistant message: the user message it answers. */
  @Prop({ type: Types.ObjectId, default: null })
  reply_to!: Types.ObjectId | null;

  @Prop({ type: MessageMetadataSchema, default: null })
  metadata!: MessageMetadata | null;

  @Prop({ type: [StoredSuggestedActionSchema], default: [] })
  suggested_actions!: StoredSuggestedAction[];

  @Prop({ type: [MessageAttachmentSchema], default: [] })
  attachments!: MessageAttachment[];

  @Prop({ type: MessageErrorSchema, default: null })
  error!: MessageError | null;
}

export const MessageSchema = SchemaFactory.createForClass(Message);
// The total order of a chat: one message per place, even if two writers ever raced.
MessageSchema.index({ chat_id: 1, seq: 1 }, { unique: true });
MessageSchema.index({ chat_id: 1, timestamp: 1 });
MessageSchema.index({ user_id: 1, timestamp: -1 });
MessageSchema.index({ timestamp: -1 });
