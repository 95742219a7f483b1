import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import {
  FilterQuery,
  Model,
  MongooseUpdateQueryOptions,
  Types,
  UpdateQuery,
  UpdateWriteOpResult,
} from 'mongoose';
import { DocumentLocks } from '@/infra/database/document-locks';
import { absentKey, emailKeyOf, releasedKey } from './user-identity';
import { User } from './user.schema';

export interface NewUser {
  readonly email?: string;
  readonly phoneNumber?: string;
  readonly passwordHash: string;
  readonly fullName?: string;
}

export type CreateResult =
  { readonly created: User } | { readonly duplicate: 'email' | 'phone_number' };

export interface ProfileChanges {
  readonly full_name?: string;
  readonly avatar_url?: string | null;
}

const DUPLICATE_KEY = 11000;
const USER_ID = /^[0-9a-f]{24}$/i;

/** Our ids are 24 hex digits; anything else cannot name a user (and must never reach a query). */
export function isUserId(value: string): boolean {
  return USER_ID.test(value);
}
// An account that can sign in: not deleted, not deactivated.
const ACTIVE = { deleted_at: null, is_active: true } as const;

/** ACTIVE, on a document read without it (`deleted_at: null` also matches a missing field). */
function isActive(user: Pick<User, 'deleted_at' | 'is_active'>): boolean {
  return (user.deleted_at === null || user.deleted_at === undefined) && user.is_active === true;
}

/**
 * The only class that touches the users collection. Lookups take a typed value, never a filter.
 * Updates go through DocumentLocks: a login's bookkeeping and a profile change can race.
 */
@Injectable()
export class UsersRepository implements OnModuleInit {
  constructor(
    @InjectModel(User.name) private readonly users: Model<User>,
    private readonly documentLocks: DocumentLocks,
  ) {}

  /** The unique indexes must exist before the first registration, or a race could slip through. */
  async onModuleInit(): Promise<void> {
    await this.users.init();
  }

  async create(input: NewUser): Promise<CreateResult> {
    const _id = new Types.ObjectId();
    const emailKey = input.email ? emailKeyOf(input.email) : absentKey(_id);
    const phoneKey = input.phoneNumber ?? absentKey(_id);
    try {
      const created = await this.users.create({
        _id,
        email: input.email ?? null,
        email_key: emailKey,
        phone_number: input.phoneNumber ?? null,
        phone_key: phoneKey,
        password_hash: input.passwordHash,
        full_name: input.fullName ?? null,
      });
      return { created: created.toObject() };
    } catch (error) {
      if ((error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
      return { duplicate: await this.whichKeyIsTaken(error, emailKey) };
    }
  }

  findActiveByEmail(email: string): Promise<User | null> {
    return this.users
      .findOne({ email_key: { $eq: emailKeyOf(email) }, ...ACTIVE })
      .lean<User>()
      .exec();
  }

  findActiveByPhone(phoneNumber: string): Promise<User | null> {
    return this.users
      .findOne({ phone_key: { $eq: phoneNumber }, ...ACTIVE })
      .lean<User>()
      .exec();
  }

  /**
   * A malformed id finds nothing, as an unknown one does. The query names `_id` alone, the one
   * filter the embedded FerretDB answers from its primary key (with ACTIVE beside it, it decodes
   * every account); ACTIVE is then checked on the document, as the query would have.
   */
  async findActiveById(userId: string): Promise<User | null> {
    if (!isUserId(userId)) return null;
    const user = await this.users
      .findOne({ _id: new Types.ObjectId(userId) })
      .lean<User>()
      .exec();
    return user && isActive(user) ? user : null;
  }

  updateProfile(userId: string, changes: ProfileChanges): Promise<User | null> {
    const _id = new Types.ObjectId(userId);
    return this.documentLocks.update(this.users.collection.collectionName, _id, () =>
      this.users
        .findOneAndUpdate({ _id, ...ACTIVE }, { $set: changes }, { new: true })
        .lean<User>()
        .exec(),
    );
  }

  async recordLogin(userId: string, at: Date): Promise<void> {
    // A login is not a profile change: updated_at stays.
    await this.updateOne(
      { _id: new Types.ObjectId(userId) },
      { $set: { last_login: at } },
      { timestamps: false },
    );
  }

  async replacePasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.updateOne(
      { _id: new Types.ObjectId(userId), ...ACTIVE },
      { $set: { password_hash: passwordHash } },
    );
  }

  /** Keeps the document (retention) but frees its email and phone and stops every sign-in. */
  async softDelete(userId: string, at: Date): Promise<boolean> {
    const _id = new Types.ObjectId(userId);
    const result = await this.updateOne(
      { _id, deleted_at: null },
      {
        $set: {
          deleted_at: at,
          is_active: false,
          email_key: releasedKey(_id, 'email'),
          phone_key: releasedKey(_id, 'phone'),
        },
      },
    );
    return result.modifiedCount === 1;
  }

  /**
   * Accounts soft-deleted before `cutoff`, oldest first: the retention purge's work list. Not
   * owner-scoped because it is how the owners are found; it returns ids only.
   */
  async findDeletedBefore(cutoff: Date, limit: number): Promise<string[]> {
    const found = await this.users
      .find({ deleted_at: { $ne: null, $lt: cutoff } })
      .sort({ deleted_at: 1, _id: 1 })
      .limit(limit)
      .select({ _id: 1 })
      .lean<Pick<User, '_id'>[]>()
      .exec();
    return found.map((user) => user._id.toHexString());
  }

  /** Removes the document for good, and only a soft-deleted one: a live account is never purged. */
  async purgeDeleted(userId: string): Promise<boolean> {
    if (!isUserId(userId)) return false;
    const result = await this.users
      .deleteOne({ _id: new Types.ObjectId(userId), deleted_at: { $ne: null } })
      .exec();
    return result.deletedCount === 1;
  }

  /** One update of the user document the filter names by `_id`. */
  private updateOne(
    filter: FilterQuery<User> & { _id: Types.ObjectId },
    update: UpdateQuery<User>,
    options: MongooseUpdateQueryOptions<User> = {},
  ): Promise<UpdateWriteOpResult> {
    return this.documentLocks.update(this.users.collection.collectionName, filter._id, () =>
      this.users.updateOne(filter, update, options).exec(),
    );
  }

  /**
   * MongoDB names the violated index in the error; FerretDB does not, so ask. Only the email and
   * phone keys are unique, and a placeholder email key can never be taken.
   */
  private async whichKeyIsTaken(
    error: unknown,
    emailKey: string,
  ): Promise<'email' | 'phone_number'> {
    const pattern = (error as { keyPattern?: Record<string, unknown> }).keyPattern;
    if (pattern?.email_key) return 'email';
    if (pattern?.phone_key) return 'phone_number';
    const emailTaken = await this.users.exists({ email_key: { $eq: emailKey } }).exec();
    return emailTaken ? 'email' : 'phone_number';
  }
}
