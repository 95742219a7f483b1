import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { parseObjectId } from '@/infra/database/object-id';
import { WebhookEndpoint } from './webhook-endpoint.schema';

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
export class WebhookEndpointsRepository implements OnModuleInit {
  constructor(
    @InjectModel(WebhookEndpoint.name) private readonly endpoints: Model<WebhookEndpoint>,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.endpoints.init();
  }

  newId(): string {
    return new Types.ObjectId().toHexString();
  }

  async create(input: NewEndpoint): Promise<WebhookEndpoint> {
    const created = await this.endpoints.create({
      _id: new Types.ObjectId(input.id),
      user_id: new Types.ObjectId(input.userId),
      url: input.url,
      description: input.description,
      events: [...input.events],
      active: input.active,
      secret: input.sealedSecret,
    });
    return created.toObject();
  }

  countOwned(userId: string): Promise<number> {
    const user_id = parseObjectId(userId);
    return user_id ? this.endpoints.countDocuments({ user_id }).exec() : Promise.resolve(0);
  }

  /** Newest first. */
  listOwned(userId: string): Promise<WebhookEndpoint[]> {
    const user_id = parseObjectId(userId);
    if (!user_id) return Promise.resolve([]);
    return this.endpoints
      .find({ user_id })
      .sort({ created_at: -1, _id: -1 })
      .lean<WebhookEndpoint[]>()
      .exec();
  }

  findOwned(userId: string, endpointId: string): Promise<WebhookEndpoint | null> {
    const filter = ownedBy(userId, endpointId);
    if (!filter) return Promise.resolve(null);
    return this.endpoints.findOne(filter).lean<WebhookEndpoint>().exec();
  }

  /** The owner's active endpoints that subscribed to `event`. */
  subscribedTo(userId: string, event: string): Promise<WebhookEndpoint[]> {
    const user_id = parseObjectId(userId);
    if (!user_id) return Promise.resolve([]);
    return this.endpoints
      .find({ user_id, active: true, events: event })
      .lean<WebhookEndpoint[]>()
      .exec();
  }

  update(
    userId: string,
    endpointId: string,
    changes: EndpointChanges,
  ): Promise<WebhookEndpoint | null> {
    const filter = ownedBy(userId, endpointId);
    if (!filter) return Promise.resolve(null);
    return this.endpoints
      .findOneAndUpdate(filter, { $set: changes }, { new: true })
      .lean<WebhookEndpoint>()
      .exec();
  }

  async deleteOwned(userId: string, endpointId: string): Promise<boolean> {
    const filter = ownedBy(userId, endpointId);
    if (!filter) return false;
    return (await this.endpoints.deleteOne(filter).exec()).deletedCount > 0;
  }

  /** A 2xx: whatever failed before is over. */
  async recordSuccess(userId: string, endpointId: string, at: Date): Promise<void> {
    const filter = ownedBy(userId, endpointId);
    if (!filter) return;
    await this.endpoints
      .updateOne(filter, { $set: { failing_since: null, last_success_at: at } })
      .exec();
  }

  /**
   * A failed attempt. `failing_since` is only set by the first failure after a success; two
   * failures racing may both set it, milliseconds apart, which changes nothing that matters.
   */
  async recordFailure(userId: string, endpointId: string, at: Date): Promise<void> {
    const filter = ownedBy(userId, endpointId);
    if (!filter) return;
    await this.endpoints.updateOne(filter, { $set: { last_failure_at: at } }).exec();
    await this.endpoints
      .updateOne({ ...filter, failing_since: null }, { $set: { failing_since: at } })
      .exec();
  }

  async disable(userId: string, endpointId: string, reason: string, at: Date): Promise<void> {
    const filter = ownedBy(userId, endpointId);
    if (!filter) return;
    await this.endpoints
      .updateOne(
        { ...filter, active: true },
        { $set: { active: false, disabled_reason: reason, disabled_at: at } },
      )
      .exec();
  }

  /** Account retention purge. */
  async deleteAllForOwner(userId: string): Promise<number> {
    const user_id = parseObjectId(userId);
    if (!user_id) return 0;
    return (await this.endpoints.deleteMany({ user_id }).exec()).deletedCount;
  }
}

function ownedBy(userId: string, endpointId: string): Record<string, Types.ObjectId> | null {
  const _id = parseObjectId(endpointId);
  const user_id = parseObjectId(userId);
  return _id && user_id ? { _id, user_id } : null;
}
