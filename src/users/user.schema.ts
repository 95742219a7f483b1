import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, Types } from 'mongoose';

/**
 * The users collection, with phone_number, avatar_url and deleted_at.
 *
 * Email and phone are each optional, but a unique index on an optional field would treat every
 * missing value as a duplicate `null`, and partial/sparse indexes are outside the portable subset
 * (the portable Mongo subset). So each has an always-present key with the unique index instead: the normalised
 * value (lower-cased email, E.164 phone) when there is one, else a placeholder made from the
 * user's own id that no real value can equal (see user-identity.ts). One insert with both keys is
 * atomic, so two concurrent registrations of the same email cannot both succeed.
 */
@Schema({
  collection: 'users',
  versionKey: false,
  timestamps: { createdAt: 'created_at', updatedAt: 'updated_at' },
})
export class User {
  _id!: Types.ObjectId;

  /** As the user typed it (trimmed); comparisons use email_key. */
  @Prop({ type: String, default: null })
  email!: string | null;

  @Prop({ type: String, required: true })
  email_key!: string;

  /** E.164. */
  @Prop({ type: String, default: null })
  phone_number!: string | null;

  @Prop({ type: String, required: true })
  phone_key!: string;

  @Prop({ type: String, required: true })
  password_hash!: string;

  @Prop({ type: String, default: null })
  full_name!: string | null;

  @Prop({ type: String, default: null })
  avatar_url!: string | null;

  @Prop({ type: Boolean, default: true })
  is_active!: boolean;

  @Prop({ type: Date, default: null })
  last_login!: Date | null;

  /** Set by DELETE /users/me; the document stays for the retention period. */
  @Prop({ type: Date, default: null })
  deleted_at!: Date | null;

  created_at!: Date;
  updated_at!: Date;
}

export type UserDocument = HydratedDocument<User>;

export const UserSchema = SchemaFactory.createForClass(User);
UserSchema.index({ email_key: 1 }, { unique: true });
UserSchema.index({ phone_key: 1 }, { unique: true });
UserSchema.index({ created_at: 1 });
