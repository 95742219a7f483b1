import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import type { RecordedAnswer } from '@/domain/clarification';
import type { LensCoverageMap } from '@/domain/thinking-lenses';
import { OwnedRepository } from '@/infra/database/owned.repository';
import { parseObjectId } from '@/infra/database/object-id';
import { ClarificationSession } from './session.schema';

export interface AnswersRecord {
  readonly answers: readonly RecordedAnswer[];
  readonly coverage: LensCoverageMap;
}

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
export class SessionsRepository extends OwnedRepository<ClarificationSession> {
  constructor(@InjectModel(ClarificationSession.name) model: Model<ClarificationSession>) {
    super(model, 'project_id');
  }

  create(input: NewSession): Promise<ClarificationSession> {
    return this.insert(input.userId, input.projectId, {
      session_id: input.sessionId,
      agent_state: input.agentState,
      created_at: input.now,
      last_activity: input.now,
      expires_at: input.expiresAt,
    });
  }

  /** Unexpired sessions only: expiry is the app's job, not a TTL index's. */
  findLive(
    userId: string,
    projectId: string,
    sessionId: string,
    now: Date,
  ): Promise<ClarificationSession | null> {
    const owner = this.owner(userId, projectId);
    if (!owner) return Promise.resolve(null);
    return this.findOne(owner, { session_id: sessionId, expires_at: { $gt: now } })
      .lean<ClarificationSession>()
      .exec();
  }

  /**
   * The answers posted to a live session, with what each counted for and the coverage per lens.
   * One `$set` of whole values beside the questions (no read-modify-write): of two posts racing,
   * the later one is what the session keeps, as it is the later generation. False when the
   * session is gone or expired.
   */
  async recordAnswers(
    userId: string,
    projectId: string,
    sessionId: string,
    record: AnswersRecord,
    now: Date,
  ): Promise<boolean> {
    const owner = this.owner(userId, projectId);
    if (!owner) return false;
    const matched = await this.updateMatching(
      owner,
      { session_id: sessionId, expires_at: { $gt: now } },
      {
        $set: {
          'agent_state.current_step': 'generation',
          'agent_state.intermediate_outputs.clarification_answers': record.answers,
          'agent_state.intermediate_outputs.lens_coverage': record.coverage,
          'agent_state.intermediate_outputs.answered_at': now.toISOString(),
          last_activity: now,
        },
      },
    );
    return matched > 0;
  }

  /** The project's session with this id, expired or not (until the sweep removes it). */
  findAny(
    userId: string,
    projectId: string,
    sessionId: string,
  ): Promise<ClarificationSession | null> {
    const owner = this.owner(userId, projectId);
    if (!owner) return Promise.resolve(null);
    return this.findOne(owner, { session_id: sessionId }).lean<ClarificationSession>().exec();
  }

  /** The project's most recently used session, expired or not (null when it has none left). */
  latest(userId: string, projectId: string): Promise<ClarificationSession | null> {
    const owner = this.owner(userId, projectId);
    if (!owner) return Promise.resolve(null);
    return this.findOne(owner)
      .sort({ last_activity: -1, _id: -1 })
      .lean<ClarificationSession>()
      .exec();
  }

  /**
   * The live sessions of several projects of one owner, most recently used first (one query for
   * a page of the project list).
   */
  async liveForProjects(
    userId: string,
    projectIds: readonly string[],
    now: Date,
  ): Promise<ClarificationSession[]> {
    const owner = this.owner(userId);
    const ids = projectIds.flatMap((id) => parseObjectId(id) ?? []);
    if (!owner || ids.length === 0) return [];
    return this.find(owner, { project_id: { $in: ids }, expires_at: { $gt: now } })
      .sort({ last_activity: -1, _id: -1 })
      .lean<ClarificationSession[]>()
      .exec();
  }

  /**
   * Activity: the session lives on until `expiresAt`. Concurrent uses each set about the same
   * instant, so a lost update costs nothing. False when the session is gone (swept meanwhile).
   */
  async touch(
    userId: string,
    projectId: string,
    sessionId: string,
    now: Date,
    expiresAt: Date,
  ): Promise<boolean> {
    const owner = this.owner(userId, projectId);
    if (!owner) return false;
    const touched = await this.updateMatching(
      owner,
      { session_id: sessionId },
      { $set: { last_activity: now, expires_at: expiresAt } },
    );
    return touched === 1;
  }

  async removeForProject(userId: string, projectId: string): Promise<void> {
    const owner = this.owner(userId, projectId);
    if (owner) await this.deleteMany(owner).exec();
  }

  /**
   * The expired-session sweep: sessions past `expires_at`, whoever owns them (the sweep is the
   * one caller that is not acting for a user). Uses the expires_at index.
   */
  async deleteExpired(now: Date): Promise<number> {
    const swept = await this.acrossOwners()
      .deleteMany({ expires_at: { $lte: now } })
      .exec();
    return swept.deletedCount;
  }
}
