import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export const EXTRACTION_STATUSES = ['extracted', 'failed', 'not_applicable'] as const;
export type ExtractionStatus = (typeof EXTRACTION_STATUSES)[number];

/**
 * A file attached to a chat message: one record per content per chat (unique chat_id +
 * file_hash), stored at `chats/{chat_id}/attachments/{sha256}.{ext}` with its extracted text
 * beside it. Messages point at it by `file_id`.
 */
@Schema({ collection: 'chat_attachments', versionKey: false })
export class ChatAttachment {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  user_id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  chat_id!: Types.ObjectId;

  @Prop({ type: String, required: true })
  filename!: string;

  @Prop({ type: String, required: true })
  original_filename!: string;

  @Prop({ type: Number, required: true })
  file_size!: number;

  /** From the sniffed content, never from the client's header. */
  @Prop({ type: String, required: true })
  content_type!: string;

  @Prop({ type: String, required: true })
  s3_key!: string;

  @Prop({ type: String, required: true })
  file_hash!: string;

  @Prop({ type: String, enum: EXTRACTION_STATUSES, required: true })
  extraction_status!: ExtractionStatus;

  /** The extracted text's object, when there is some. */
  @Prop({ type: String, default: null })
  text_key!: string | null;

  @Prop({ type: Date, required: true })
  uploaded_at!: Date;
}

export const ChatAttachmentSchema = SchemaFactory.createForClass(ChatAttachment);
ChatAttachmentSchema.index({ chat_id: 1, file_hash: 1 }, { unique: true });
ChatAttachmentSchema.index({ user_id: 1 });
