import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { parseObjectId } from '@/infra/database/object-id';
import { DeliveryStatus, WebhookAttempt, WebhookDelivery } from './webhook-delivery.schema';

export interface NewDelivery {
  readonly id: string;
  readonly userId: string;
  readonly endpointId: string;
  readonly event: string;
  readonly payload: string;
  readonly createdAt: Date;
}

export interface DeliveryProgress {
  readonly status: DeliveryStatus;
  readonly attempts: readonly WebhookAttempt[];
  readonly nextRetryAt: Date | null;
}

/** The only class that touches webhook_deliveries; every query carries the owner's id. */
@Injectable()
export class WebhookDeliveriesRepository implements OnModuleInit {
  constructor(
    @InjectModel(WebhookDelivery.name) private readonly deliveries: Model<WebhookDelivery>,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.deliveries.init();
  }

  newId(): string {
    return new Types.ObjectId().toHexString();
  }

  async create(input: NewDelivery): Promise<void> {
    await this.deliveries.create({
      _id: new Types.ObjectId(input.id),
      user_id: new Types.ObjectId(input.userId),
      endpoint_id: new Types.ObjectId(input.endpointId),
      event: input.event,
      payload: input.payload,
      created_at: input.createdAt,
    });
  }

  findOwned(userId: string, deliveryId: string): Promise<WebhookDelivery | null> {
    const _id = parseObjectId(deliveryId);
    const user_id = parseObjectId(userId);
    if (!_id || !user_id) return Promise.resolve(null);
    return this.deliveries.findOne({ _id, user_id }).lean<WebhookDelivery>().exec();
  }

  /** Newest first. */
  async listForEndpoint(
    userId: string,
    endpointId: string,
    page: { limit: number; offset: number },
  ): Promise<{ deliveries: WebhookDelivery[]; total: number }> {
    const filter = endpointFilter(userId, endpointId);
    if (!filter) return { deliveries: [], total: 0 };
    const [deliveries, total] = await Promise.all([
      this.deliveries
        .find(filter)
        .sort({ created_at: -1, _id: -1 })
        .skip(page.offset)
        .limit(page.limit)
        .lean<WebhookDelivery[]>()
        .exec(),
      this.deliveries.countDocuments(filter).exec(),
    ]);
    return { deliveries, total };
  }

  /**
   * Writes the outcome of an attempt. One attempt of a delivery runs at a time (the next is
   * queued only after this write, and a redelivery is refused while one is due), so rewriting
   * the list loses nothing.
   */
  async recordProgress(delivery: WebhookDelivery, progress: DeliveryProgress): Promise<void> {
    await this.deliveries
      .updateOne(
        { _id: delivery._id, user_id: delivery.user_id },
        {
          $set: {
            status: progress.status,
            attempts: progress.attempts,
            next_retry_at: progress.nextRetryAt,
          },
        },
      )
      .exec();
  }

  /** A manual redelivery: a new round of attempts. */
  async restart(delivery: WebhookDelivery, round: number): Promise<void> {
    await this.deliveries
      .updateOne(
        { _id: delivery._id, user_id: delivery.user_id },
        { $set: { status: 'pending', round, next_retry_at: null } },
      )
      .exec();
  }

  async deleteForEndpoint(userId: string, endpointId: string): Promise<number> {
    const filter = endpointFilter(userId, endpointId);
    if (!filter) return 0;
    return (await this.deliveries.deleteMany(filter).exec()).deletedCount;
  }

  /** Account retention purge. */
  async deleteAllForOwner(userId: string): Promise<number> {
    const user_id = parseObjectId(userId);
    if (!user_id) return 0;
    return (await this.deliveries.deleteMany({ user_id }).exec()).deletedCount;
  }

  /** The maintenance queue's log retention: across every owner, by age alone. */
  async deleteCreatedBefore(cutoff: Date): Promise<number> {
    return (await this.deliveries.deleteMany({ created_at: { $lt: cutoff } }).exec()).deletedCount;
  }
}

function endpointFilter(userId: string, endpointId: string): Record<string, Types.ObjectId> | null {
  const endpoint_id = parseObjectId(endpointId);
  const user_id = parseObjectId(userId);
  return endpoint_id && user_id ? { endpoint_id, user_id } : null;
}
