import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';

/**
 * pending: queued, no attempt made yet in this round · retrying: an attempt failed and the
 * next is scheduled · succeeded: a 2xx · failed: no attempt left (or the endpoint was disabled).
 */
export const DELIVERY_STATUSES = ['pending', 'retrying', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

@Schema({ _id: false, versionKey: false })
export class WebhookAttempt {
  /** 1-based within its round; a redelivery starts a new round at 1. */
  @Prop({ type: Number, required: true }) attempt!: number;
  @Prop({ type: Number, required: true }) round!: number;
  @Prop({ type: Date, required: true }) at!: Date;
  @Prop({ type: Number, default: null }) status_code!: number | null;
  @Prop({ type: Number, required: true }) latency_ms!: number;
  @Prop({ type: String, default: null }) error!: string | null;
  @Prop({ type: String, default: null }) response_excerpt!: string | null;
}
const WebhookAttemptSchema = SchemaFactory.createForClass(WebhookAttempt);

/**
 * One event for one endpoint. The payload is stored as the exact bytes every attempt sends
 * (without its signature, which depends on the secret in use when it is sent); `_id` is the
 * payload's delivery_id.
 */
@Schema({ collection: 'webhook_deliveries', versionKey: false })
export class WebhookDelivery {
  _id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  user_id!: Types.ObjectId;

  @Prop({ type: Types.ObjectId, required: true })
  endpoint_id!: Types.ObjectId;

  @Prop({ type: String, required: true })
  event!: string;

  @Prop({ type: String, required: true })
  payload!: string;

  @Prop({ type: String, enum: DELIVERY_STATUSES, default: 'pending' })
  status!: DeliveryStatus;

  /** 0 for the automatic attempts, +1 for each manual redelivery. */
  @Prop({ type: Number, default: 0 })
  round!: number;

  /** Oldest first; the last MAX_ATTEMPTS_KEPT. */
  @Prop({ type: [WebhookAttemptSchema], default: [] })
  attempts!: WebhookAttempt[];

  @Prop({ type: Date, default: null })
  next_retry_at!: Date | null;

  @Prop({ type: Date, required: true })
  created_at!: Date;
}

/** A delivery log's order: newest first, `_id` breaking ties so that pages never overlap. */
export const DELIVERY_LOG_ORDER = { created_at: -1, _id: -1 } as const;

export const WebhookDeliverySchema = SchemaFactory.createForClass(WebhookDelivery);
// An endpoint's delivery log, in its order: every key of the sort, `_id` included, is in the index,
// so MongoDB walks it instead of sorting the log in memory.
WebhookDeliverySchema.index({ user_id: 1, endpoint_id: 1, ...DELIVERY_LOG_ORDER });
WebhookDeliverySchema.index({ created_at: 1 });
