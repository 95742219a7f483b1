import { Inject, OnModuleInit } from '@nestjs/common';
import type {
  FilterQuery,
  Model,
  MongooseUpdateQueryOptions,
  QueryOptions,
  Types,
  UpdateQuery,
  UpdateWriteOpResult,
} from 'mongoose';
import { DocumentLocks } from './document-locks';
import { parseObjectId } from './object-id';

declare const OWNER: unique symbol;

/** A filter naming the owner (and the parent record, when asked): only `owner()` makes one. */
export type OwnerFilter<T> = FilterQuery<T> & { readonly [OWNER]: true };

/**
 * The base of every repository of user data. The model is private here and every query method
 * takes an OwnerFilter, which only `owner()` makes, and which goes into the query last (a filter
 * cannot overwrite it): a new method cannot forget the owner, because there is no other way to
 * the collection. The one way round it, `acrossOwners()`, is named for what it is.
 *
 * Every update names one document by its `_id` (in the owner filter or the filter) and runs
 * through DocumentLocks, so two writers of one document cannot undo each other's fields on a
 * store that does not apply updates atomically.
 */
export abstract class OwnedRepository<
  T extends { user_id: Types.ObjectId },
> implements OnModuleInit {
  protected constructor(
    private readonly model: Model<T>,
    /**
     * The field naming the record a document belongs to under its owner: `_id` for a top-level
     * record (a project, a chat, a webhook endpoint), else the parent's (`project_id` for a
     * project's versions, uploads and sessions, `chat_id` for a chat's messages, `endpoint_id`
     * for a webhook's deliveries).
     */
    private readonly parentField: '_id' | 'project_id' | 'chat_id' | 'endpoint_id',
  ) {}

  // Property injection keeps every subclass's constructor as it is (model, parent field).
  @Inject(DocumentLocks) private readonly documentLocks!: DocumentLocks;

  /** Indexes, unique ones above all, exist before the first write can race. */
  async onModuleInit(): Promise<void> {
    await this.model.init();
  }

  /**
   * The owner's filter, narrowed to one parent record (a project, a chat, …) when `parentId` is
   * given. Null when an id cannot name anything: callers answer "not found", as for someone
   * else's.
   */
  protected owner(userId: string, parentId?: string): OwnerFilter<T> | null {
    const user_id = parseObjectId(userId);
    if (!user_id) return null;
    if (parentId === undefined) return { user_id } as OwnerFilter<T>;
    const parent = parseObjectId(parentId);
    return parent ? ({ user_id, [this.parentField]: parent } as OwnerFilter<T>) : null;
  }

  /** Creates a document of the owner (and parent); the ids come from records already read. */
  protected async insert(
    userId: string,
    parentId: string | undefined,
    fields: Partial<T>,
  ): Promise<T> {
    const owner = this.owner(userId, parentId);
    if (!owner) throw new Error(`Not an owner id: ${JSON.stringify({ userId, parentId })}`);
    const created = await this.model.create({ ...fields, ...owner });
    return created.toObject();
  }

  protected find(owner: OwnerFilter<T>, filter: FilterQuery<T> = {}) {
    return this.model.find({ ...filter, ...owner });
  }

  protected findOne(owner: OwnerFilter<T>, filter: FilterQuery<T> = {}) {
    return this.model.findOne({ ...filter, ...owner });
  }

  /**
   * One document by its id, if it is the owner's (and, when the owner filter names a parent,
   * that parent's): null for anyone else's, exactly as a query carrying the owner answers. The
   * query names `_id` alone because that is the one filter the embedded FerretDB (SQLite backend)
   * answers from its primary key; with any other field in it, it reads and decodes every document
   * of the collection, whoever owns them. The owner is then checked here, on the document.
   * `id` defaults to the record the owner filter names (a top-level record's `_id`).
   */
  protected async findById(
    owner: OwnerFilter<T>,
    id: Types.ObjectId = owner._id as Types.ObjectId,
  ): Promise<T | null> {
    const found = await this.model.findOne({ _id: id }).lean<T>().exec();
    if (!found) return null;
    const fields = found as Record<string, unknown>;
    const owned = Object.entries(owner).every(
      ([field, value]) => String(fields[field]) === String(value),
    );
    return owned ? found : null;
  }

  protected countDocuments(owner: OwnerFilter<T>, filter: FilterQuery<T> = {}) {
    return this.model.countDocuments({ ...filter, ...owner });
  }

  protected updateOne(
    owner: OwnerFilter<T>,
    filter: FilterQuery<T>,
    update: UpdateQuery<T>,
    options: MongooseUpdateQueryOptions<T> = {},
  ): Promise<UpdateWriteOpResult> {
    const query = { ...filter, ...owner };
    return this.documentLocks.update(this.model.collection.collectionName, query._id, () =>
      this.model.updateOne(query, update, options).exec(),
    );
  }

  /**
   * Updates the one document a filter on other fields than `_id` matches (a session by its
   * session_id, a task record by its task_id): its `_id` is read first, since every update names
   * its document by `_id`. The filter still applies to the update itself. Matches nothing (0)
   * when no document matches.
   */
  protected async updateMatching(
    owner: OwnerFilter<T>,
    filter: FilterQuery<T>,
    update: UpdateQuery<T>,
  ): Promise<number> {
    const found = await this.findOne(owner, filter)
      .select('_id')
      .lean<{ _id: Types.ObjectId }>()
      .exec();
    if (!found) return 0;
    const updated = await this.updateOne(owner, { ...filter, _id: found._id }, update);
    return updated.matchedCount;
  }

  /** The document before or after (`new: true`) the update, as a plain object. */
  protected findOneAndUpdate<R = T>(
    owner: OwnerFilter<T>,
    filter: FilterQuery<T>,
    update: UpdateQuery<T>,
    options: QueryOptions<T> = {},
  ): Promise<R | null> {
    const query = { ...filter, ...owner };
    return this.documentLocks.update(this.model.collection.collectionName, query._id, () =>
      this.model.findOneAndUpdate(query, update, options).lean<R>().exec(),
    );
  }

  protected deleteOne(owner: OwnerFilter<T>, filter: FilterQuery<T> = {}) {
    return this.model.deleteOne({ ...filter, ...owner });
  }

  protected deleteMany(owner: OwnerFilter<T>, filter: FilterQuery<T> = {}) {
    return this.model.deleteMany({ ...filter, ...owner });
  }

  /** Account purge: every document of the owner, whatever the parent. */
  async deleteAllForOwner(userId: string): Promise<number> {
    const owner = this.owner(userId);
    return owner ? (await this.deleteMany(owner).exec()).deletedCount : 0;
  }

  /** For a query that acts for no user (a sweep of expired records). Use nowhere else. */
  protected acrossOwners(): Model<T> {
    return this.model;
  }
}
