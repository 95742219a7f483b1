import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

export const EXTRACTION_STATUSES = ['extracted', 'failed', 'not_applicable'] as const;
export type ExtractionStatus = (typeof EXTRACTION_STATUSES)[number];

@Schema({ _id: false, versionKey: false })
export class TextExtractionRecord {
  @Prop({ type: String, enum: EXTRACTION_STATUSES, required: true })
  status!: ExtractionStatus;

  /** Where the extracted text is stored (beside the file), when there is some. */
  @Prop({ type: String, default: null })
  text_key!: string | null;

  @Prop({ type: Number, default: 0 })
  chars!: number;

  @Prop({ type: Boolean, default: false })
  truncated!: boolean;

  @Prop({ type: String, default: null })
  error!: string | null;
}
const TextExtractionSchema = SchemaFactory.createForClass(TextExtractionRecord);

/**
 * The uploads collection, plus the extraction outcome. One record per content per
 * project (unique project_id + file_hash): the object key is the content hash, so a re-upload of
 * the same bytes is the same upload.
 */
@Schema({ collection: 'uploads', versionKey: false })
export class Upload {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  user_id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  project_id!: Types.ObjectId;

  /** Sanitised name shown to users and offered on download. */
  @Prop({ type: String, required: true })
  filename!: string;

  /** As the client sent it (control characters removed), for the record only. */
  @Prop({ type: String, required: true })
  original_filename!: string;

  @Prop({ type: Number, required: true })
  file_size!: number;

  /** From the sniffed content, never from the client's header. */
  @Prop({ type: String, required: true })
  content_type!: string;

  @Prop({ type: String, required: true })
  s3_key!: string;

  /** sha256 of the content, hex. */
  @Prop({ type: String, required: true })
  file_hash!: string;

  @Prop({ type: TextExtractionSchema, required: true })
  text_extraction!: TextExtractionRecord;

  @Prop({ type: Date, required: true })
  uploaded_at!: Date;
}

/** A project's uploads: oldest first, the order they were added in, `_id` breaking ties. */
export const UPLOAD_LIST_ORDER = { uploaded_at: 1, _id: 1 } as const;

export const UploadSchema = SchemaFactory.createForClass(Upload);
UploadSchema.index({ project_id: 1, file_hash: 1 }, { unique: true });
// A project's uploads in their order (`_id` included, so MongoDB needs no in-memory sort).
UploadSchema.index({ user_id: 1, project_id: 1, ...UPLOAD_LIST_ORDER });
UploadSchema.index({ file_hash: 1 });
