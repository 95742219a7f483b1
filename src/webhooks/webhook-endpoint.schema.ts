import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/**
 * A receiver an account registered: where to POST, which events, and the signing secret
 * (sealed, see signing/secret-box.ts). `failing_since` is the first failed attempt since the
 * last success; an endpoint failing for WEBHOOK_DISABLE_AFTER_HOURS is disabled with a reason.
 */
@Schema({
  collection: 'webhook_endpoints',
  versionKey: false,
  timestamps: { createdAt: 'created_at', updatedAt: 'updated_at' },
})
export class WebhookEndpoint {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  user_id!: Types.ObjectId;

  /** As the owner sent it. */
  @Prop({ type: String, required: true })
  url!: string;

  @Prop({ type: String, default: null })
  description!: string | null;

  @Prop({ type: [String], required: true })
  events!: string[];

  @Prop({ type: Boolean, default: true })
  active!: boolean;

  @Prop({ type: String, required: true })
  secret!: string;

  /** The secret before the last rotation, still signing until `previous_secret_expires_at`. */
  @Prop({ type: String, default: null })
  previous_secret!: string | null;

  @Prop({ type: Date, default: null })
  previous_secret_expires_at!: Date | null;

  @Prop({ type: Date, default: null })
  secret_rotated_at!: Date | null;

  /** Set when deliveries disabled the endpoint (not when its owner paused it). */
  @Prop({ type: String, default: null })
  disabled_reason!: string | null;

  @Prop({ type: Date, default: null })
  disabled_at!: Date | null;

  @Prop({ type: Date, default: null })
  failing_since!: Date | null;

  @Prop({ type: Date, default: null })
  last_success_at!: Date | null;

  @Prop({ type: Date, default: null })
  last_failure_at!: Date | null;

  created_at!: Date;
  updated_at!: Date;
}

/** GET /webhooks' order: newest first, `_id` breaking ties. */
export const ENDPOINT_LIST_ORDER = { created_at: -1, _id: -1 } as const;

export const WebhookEndpointSchema = SchemaFactory.createForClass(WebhookEndpoint);
// The list query, in its order (`_id` included, so MongoDB needs no in-memory sort).
WebhookEndpointSchema.index({ user_id: 1, ...ENDPOINT_LIST_ORDER });
