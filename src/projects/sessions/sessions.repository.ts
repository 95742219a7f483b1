import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { parseObjectId } from '@/infra/database/object-id';
import { AgentSession } from './session.schema';

export interface NewSession {
  readonly userId: string;
  readonly projectId: string;
  readonly sessionId: string;
  readonly agentState: Record<string, unknown>;
  readonly now: Date;
  readonly expiresAt: Date;
}

/** The only class that touches the sessions collection; every query carries the owner's id. */
@Injectable()
export class SessionsRepository implements OnModuleInit {
  constructor(@InjectModel(AgentSession.name) private readonly sessions: Model<AgentSession>) {}

  async onModuleInit(): Promise<void> {
    await this.sessions.init();
  }

  async create(input: NewSession): Promise<AgentSession> {
    const created = await this.sessions.create({
      user_id: new Types.ObjectId(input.userId),
      project_id: new Types.ObjectId(input.projectId),
      session_id: input.sessionId,
      agent_state: input.agentState,
      created_at: input.now,
      last_activity: input.now,
      expires_at: input.expiresAt,
    });
    return created.toObject();
  }

  /** Unexpired sessions only: expiry is the app's job, not a TTL index's. */
  findLive(
    userId: string,
    projectId: string,
    sessionId: string,
    now: Date,
  ): Promise<AgentSession | null> {
    const user_id = parseObjectId(userId);
    const project_id = parseObjectId(projectId);
    if (!user_id || !project_id) return Promise.resolve(null);
    return this.sessions
      .findOne({ user_id, project_id, session_id: sessionId, expires_at: { $gt: now } })
      .lean<AgentSession>()
      .exec();
  }

  async removeForProject(userId: string, projectId: string): Promise<void> {
    const user_id = parseObjectId(userId);
    const project_id = parseObjectId(projectId);
    if (user_id && project_id) await this.sessions.deleteMany({ user_id, project_id }).exec();
  }

  /** Account retention purge: every session of the owner, whatever the project. */
  async deleteAllForOwner(userId: string): Promise<number> {
    const user_id = parseObjectId(userId);
    if (!user_id) return 0;
    return (await this.sessions.deleteMany({ user_id }).exec()).deletedCount;
  }

  /**
   * The expired-session sweep: sessions past `expires_at`, whoever owns them (the sweep is the
   * one caller that is not acting for a user). Uses the expires_at index.
   */
  async deleteExpired(now: Date): Promise<number> {
    return (await this.sessions.deleteMany({ expires_at: { $lte: now } }).exec()).deletedCount;
  }
}
