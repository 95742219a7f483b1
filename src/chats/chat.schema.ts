import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export const CHAT_STATUSES = ['active', 'archived', 'deleted'] as const;
export type ChatStatus = (typeof CHAT_STATUSES)[number];

/** Who named the chat: a placeholder until the AI titles it, unless the user named it first. */
export const NAME_SOURCES = ['placeholder', 'ai', 'user'] as const;
export type NameSource = (typeof NAME_SOURCES)[number];

@Schema({ _id: false, versionKey: false })
export class ChatMetadata {
  /** Derived from the messages under the chat's lock: the newest message's place, never incremented. */
  @Prop({ type: Number, default: 0 })
  message_count!: number;

  @Prop({ type: Boolean, default: false })
  has_project!: boolean;

  @Prop({ type: Types.ObjectId, default: null })
  project_id!: Types.ObjectId | null;
}
const ChatMetadataSchema = SchemaFactory.createForClass(ChatMetadata);

/** The rolling summary the model reads instead of the messages up to `through_seq`. */
@Schema({ _id: false, versionKey: false })
export class ChatContext {
  @Prop({ type: String, default: null })
  summary!: string | null;

  @Prop({ type: Number, default: 0 })
  through_seq!: number;
}
const ChatContextSchema = SchemaFactory.createForClass(ChatContext);

/** A summary asked for with POST /chats/{id}/summary. */
@Schema({ versionKey: false })
export class ChatSummaryNote {
  _id!: Types.ObjectId;

  @Prop({ type: String, required: true })
  summary!: string;

  @Prop({ type: String, required: true })
  model_used!: string;

  /** How many messages the chat had when it was written. */
  @Prop({ type: Number, required: true })
  message_count!: number;

  @Prop({ type: Date, required: true })
  created_at!: Date;
}
const ChatSummaryNoteSchema = SchemaFactory.createForClass(ChatSummaryNote);

/** Reflections asked for with POST /chats/{id}/reflections. */
@Schema({ versionKey: false })
export class ChatReflectionNote {
  _id!: Types.ObjectId;

  @Prop({ type: [String], required: true })
  reflections!: string[];

  @Prop({ type: String, required: true })
  model_used!: string;

  @Prop({ type: Number, required: true })
  message_count!: number;

  @Prop({ type: Date, required: true })
  created_at!: Date;
}
const ChatReflectionNoteSchema = SchemaFactory.createForClass(ChatReflectionNote);

/**
 * The contract's chats collection, plus how the chat got its name, the rolling summary of its older
 * messages, and the summaries and reflections asked for (the newest few of each). Every write
 * goes through ChatLock: the document store may not apply concurrent updates atomically.
 */
@Schema({
  collection: 'chats',
  versionKey: false,
  timestamps: { createdAt: 'created_at', updatedAt: 'updated_at' },
})
export class Chat {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  user_id!: Types.ObjectId;

  @Prop({ type: String, required: true })
  chat_name!: string;

  @Prop({ type: String, enum: NAME_SOURCES, default: 'user' })
  name_source!: NameSource;

  @Prop({ type: String, enum: CHAT_STATUSES, default: 'active' })
  status!: ChatStatus;

  /** Derived, like message_count: the newest message's timestamp. */
  @Prop({ type: Date, default: null })
  last_message_at!: Date | null;

  @Prop({ type: ChatMetadataSchema, default: () => ({}) })
  metadata!: ChatMetadata;

  @Prop({ type: ChatContextSchema, default: () => ({}) })
  context!: ChatContext;

  @Prop({ type: [ChatSummaryNoteSchema], default: [] })
  summaries!: ChatSummaryNote[];

  @Prop({ type: [ChatReflectionNoteSchema], default: [] })
  reflections!: ChatReflectionNote[];

  created_at!: Date;
  updated_at!: Date;
}

/** GET /chats' order: newest first, `_id` breaking ties so that pages never overlap. */
export const CHAT_LIST_ORDER = { created_at: -1, _id: -1 } as const;

export const ChatSchema = SchemaFactory.createForClass(Chat);
// The list query: one user's chats in one status, in the list's order (every key of it indexed,
// so MongoDB walks the index instead of sorting the user's chats).
ChatSchema.index({ user_id: 1, status: 1, ...CHAT_LIST_ORDER });
ChatSchema.index({ user_id: 1, updated_at: -1 });
ChatSchema.index({ last_message_at: -1 });
