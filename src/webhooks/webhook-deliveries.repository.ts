import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { parseObjectId } from '@/infra/database/object-id';
import { OwnedRepository, OwnerFilter } from '@/infra/database/owned.repository';
import {
  DELIVERY_LOG_ORDER,
  DeliveryStatus,
  WebhookAttempt,
  WebhookDelivery,
} from './webhook-delivery.schema';

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

/**
 * The only class that touches webhook_deliveries; every query carries the owner's id, and the
 * endpoint's where it names one (an endpoint is a delivery's parent record).
 */
@Injectable()
export class WebhookDeliveriesRepository extends OwnedRepository<WebhookDelivery> {
  constructor(@InjectModel(WebhookDelivery.name) model: Model<WebhookDelivery>) {
    super(model, 'endpoint_id');
  }

  newId(): string {
    return new Types.ObjectId().toHexString();
  }

  async create(input: NewDelivery): Promise<void> {
    await this.insert(input.userId, input.endpointId, {
      _id: new Types.ObjectId(input.id),
      event: input.event,
      payload: input.payload,
      created_at: input.createdAt,
    });
  }

  findOwned(userId: string, deliveryId: string): Promise<WebhookDelivery | null> {
    const owner = this.owner(userId);
    const _id = parseObjectId(deliveryId);
    if (!owner || !_id) return Promise.resolve(null);
    return this.findById(owner, _id);
  }

  /** Newest first. */
  async listForEndpoint(
    userId: string,
    endpointId: string,
    page: { limit: number; offset: number },
  ): Promise<{ deliveries: WebhookDelivery[]; total: number }> {
    const owner = this.owner(userId, endpointId);
    if (!owner) return { deliveries: [], total: 0 };
    const [deliveries, total] = await Promise.all([
      this.find(owner)
        .sort(DELIVERY_LOG_ORDER)
        .skip(page.offset)
        .limit(page.limit)
        .lean<WebhookDelivery[]>()
        .exec(),
      this.countDocuments(owner).exec(),
    ]);
    return { deliveries, total };
  }

  /**
   * Writes the outcome of an attempt. One attempt of a delivery runs at a time (the next is
   * queued only after this write, and a redelivery is refused while one is due), so rewriting
   * the list loses nothing.
   */
  async recordProgress(delivery: WebhookDelivery, progress: DeliveryProgress): Promise<void> {
    await this.updateOne(
      this.ownerOf(delivery),
      { _id: delivery._id },
      {
        $set: {
          status: progress.status,
          attempts: [...progress.attempts],
          next_retry_at: progress.nextRetryAt,
        },
      },
    );
  }

  /** A manual redelivery: a new round of attempts. */
  async restart(delivery: WebhookDelivery, round: number): Promise<void> {
    await this.updateOne(
      this.ownerOf(delivery),
      { _id: delivery._id },
      { $set: { status: 'pending', round, next_retry_at: null } },
    );
  }

  async deleteForEndpoint(userId: string, endpointId: string): Promise<number> {
    const owner = this.owner(userId, endpointId);
    if (!owner) return 0;
    return (await this.deleteMany(owner).exec()).deletedCount;
  }

  /** The maintenance queue's log retention: across every owner, by age alone. */
  async deleteCreatedBefore(cutoff: Date): Promise<number> {
    const old = await this.acrossOwners()
      .deleteMany({ created_at: { $lt: cutoff } })
      .exec();
    return old.deletedCount;
  }

  /** The owner of a delivery already read (its ids are valid: they came from the store). */
  private ownerOf(delivery: WebhookDelivery): OwnerFilter<WebhookDelivery> {
    return this.owner(delivery.user_id.toHexString(), delivery.endpoint_id.toHexString())!;
  }
}
