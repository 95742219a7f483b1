import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { OwnedRepository } from '@/infra/database/owned.repository';
import { ENDPOINT_LIST_ORDER, WebhookEndpoint } from './webhook-endpoint.schema';

export interface NewEndpoint {
  readonly id: string;
  readonly userId: string;
  readonly url: string;
  readonly description: string | null;
  readonly events: readonly string[];
  readonly active: boolean;
  readonly sealedSecret: string;
}

export type EndpointChanges = Partial<
  Pick<
    WebhookEndpoint,
    | 'url'
    | 'description'
    | 'events'
    | 'active'
    | 'secret'
    | 'previous_secret'
    | 'previous_secret_expires_at'
    | 'secret_rotated_at'
    | 'disabled_reason'
    | 'disabled_at'
    | 'failing_since'
  >
>;

/** The only class that touches webhook_endpoints; every query carries the owner's id. */
@Injectable()
export class WebhookEndpointsRepository extends OwnedRepository<WebhookEndpoint> {
  constructor(@InjectModel(WebhookEndpoint.name) model: Model<WebhookEndpoint>) {
    super(model, '_id');
  }

  newId(): string {
    return new Types.ObjectId().toHexString();
  }

  create(input: NewEndpoint): Promise<WebhookEndpoint> {
    return this.insert(input.userId, input.id, {
      url: input.url,
      description: input.description,
      events: [...input.events],
      active: input.active,
      secret: input.sealedSecret,
    });
  }

  countOwned(userId: string): Promise<number> {
    const owner = this.owner(userId);
    return owner ? this.countDocuments(owner).exec() : Promise.resolve(0);
  }

  /** Newest first. */
  listOwned(userId: string): Promise<WebhookEndpoint[]> {
    const owner = this.owner(userId);
    if (!owner) return Promise.resolve([]);
    return this.find(owner).sort(ENDPOINT_LIST_ORDER).lean<WebhookEndpoint[]>().exec();
  }

  findOwned(userId: string, endpointId: string): Promise<WebhookEndpoint | null> {
    const owner = this.owner(userId, endpointId);
    return owner ? this.findById(owner) : Promise.resolve(null);
  }

  /** The owner's active endpoints that subscribed to `event`. */
  subscribedTo(userId: string, event: string): Promise<WebhookEndpoint[]> {
    const owner = this.owner(userId);
    if (!owner) return Promise.resolve([]);
    return this.find(owner, { active: true, events: event }).lean<WebhookEndpoint[]>().exec();
  }

  update(
    userId: string,
    endpointId: string,
    changes: EndpointChanges,
  ): Promise<WebhookEndpoint | null> {
    const owner = this.owner(userId, endpointId);
    if (!owner) return Promise.resolve(null);
    return this.findOneAndUpdate<WebhookEndpoint>(owner, {}, { $set: changes }, { new: true });
  }

  async deleteOwned(userId: string, endpointId: string): Promise<boolean> {
    const owner = this.owner(userId, endpointId);
    if (!owner) return false;
    return (await this.deleteOne(owner).exec()).deletedCount > 0;
  }

  /** A 2xx: whatever failed before is over. */
  async recordSuccess(userId: string, endpointId: string, at: Date): Promise<void> {
    const owner = this.owner(userId, endpointId);
    if (!owner) return;
    await this.updateOne(owner, {}, { $set: { failing_since: null, last_success_at: at } });
  }

  /** A failed attempt. `failing_since` is only set by the first failure after a success. */
  async recordFailure(userId: string, endpointId: string, at: Date): Promise<void> {
    const owner = this.owner(userId, endpointId);
    if (!owner) return;
    await this.updateOne(owner, {}, { $set: { last_failure_at: at } });
    await this.updateOne(owner, { failing_since: null }, { $set: { failing_since: at } });
  }

  async disable(userId: string, endpointId: string, reason: string, at: Date): Promise<void> {
    const owner = this.owner(userId, endpointId);
    if (!owner) return;
    await this.updateOne(
      owner,
      { active: true },
      { $set: { active: false, disabled_reason: reason, disabled_at: at } },
    );
  }
}
