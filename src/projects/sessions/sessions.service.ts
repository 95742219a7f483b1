import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppError } from '@/common/errors';
import { AppConfig } from '@/config/app-config';
import type { ClarificationQuestion } from '@/domain/clarification';
import { ProjectAccess } from '../project-access';
import { ProjectLock } from '../project-lock';
import { ClarificationSession } from './session.schema';
import { AnswersRecord, SessionsRepository } from './sessions.repository';

/** A session as clients see it: the id they send back, and until when it lives unused. */
export interface LiveSession {
  readonly sessionId: string;
  readonly expiresAt: Date;
}

/** A new session, with the questions of the session it follows (none for a project's first). */
export interface StartedSession extends LiveSession {
  readonly questions: readonly ClarificationQuestion[];
}

/**
 * Clarification sessions: created with a project's first questions, used by its clarification
 * answers and iterations. Every use extends a session by SESSION_TTL_HOURS; one unused that long
 * expires (and the maintenance sweep removes it). A project's current session is its most
 * recently used live one. A token family is never called a session.
 */
@Injectable()
export class SessionsService {
  private readonly ttlMs: number;

  constructor(
    config: AppConfig,
    private readonly sessions: SessionsRepository,
    private readonly access: ProjectAccess,
    private readonly lock: ProjectLock,
  ) {
    this.ttlMs = config.sessions.ttlMs;
  }

  /** The project's first session, holding the questions POST /projects answered with. */
  async start(
    userId: string,
    projectId: string,
    questions: readonly ClarificationQuestion[],
  ): Promise<string> {
    return (await this.create(userId, projectId, questions)).sessionId;
  }

  /**
   * Records the answers posted to the session: each numbered with what it counted for, and the
   * per-lens coverage they give (`current_step` moves on to generation). A 404 when the session
   * is unknown, someone else's or expired.
   */
  async recordAnswers(
    userId: string,
    projectId: string,
    sessionId: string,
    record: AnswersRecord,
  ): Promise<void> {
    if (!(await this.sessions.recordAnswers(userId, projectId, sessionId, record, new Date()))) {
      throw AppError.notFound('Session');
    }
  }

  /**
   * A fresh session for the project (POST /projects/{id}/sessions), carrying the questions of
   * the one before it so they can still be answered. It becomes the current session.
   */
  async startAnother(userId: string, projectId: string): Promise<StartedSession> {
    await this.access.active(userId, projectId);
    const previous = await this.sessions.latest(userId, projectId);
    const questions = questionsOf(previous);
    const session = await this.create(userId, projectId, questions);
    return { ...session, questions };
  }

  /**
   * The live session answers are sent for, extended by this use; null when it is unknown,
   * someone else's, another project's or expired (clarification answers belong to the session
   * that asked, so they never fall back to another).
   */
  async useLive(userId: string, projectId: string, sessionId: string): Promise<LiveSession | null> {
    const now = new Date();
    const live = await this.sessions.findLive(userId, projectId, sessionId, now);
    if (!live) return null;
    return this.extend(userId, projectId, live.session_id, now);
  }

  /**
   * The session an iteration runs in, never missing: the one named if it is this project's
   * (renewed if it expired), else the project's current one, else a new one (a client back the
   * next day, after the sweep, or one that never kept the id). Extended by this use.
   */
  async resume(userId: string, projectId: string, sessionId?: string): Promise<LiveSession> {
    const now = new Date();
    const named = sessionId ? await this.sessions.findAny(userId, projectId, sessionId) : null;
    const renewed = named && (await this.extend(userId, projectId, named.session_id, now));
    if (renewed) return renewed;
    // Under a lock, so two iterations at once do not open two new sessions.
    return this.lock.runOnSessions(projectId, async () => {
      const latest = await this.sessions.latest(userId, projectId);
      const current = latest && (await this.extend(userId, projectId, latest.session_id, now));
      return current || this.create(userId, projectId, questionsOf(latest));
    });
  }

  /** The project's current session, or null when none is live (GET /projects/{id}). */
  async current(userId: string, projectId: string): Promise<LiveSession | null> {
    const [latest] = await this.sessions.liveForProjects(userId, [projectId], new Date());
    return latest ? liveSession(latest) : null;
  }

  /** The current session of each project that has one (a page of GET /projects). */
  async currentOf(
    userId: string,
    projectIds: readonly string[],
  ): Promise<Map<string, LiveSession>> {
    const live = await this.sessions.liveForProjects(userId, projectIds, new Date());
    const current = new Map<string, LiveSession>();
    // Most recently used first: the first one seen for a project is its current session.
    for (const session of live) {
      const projectId = session.project_id.toHexString();
      if (!current.has(projectId)) current.set(projectId, liveSession(session));
    }
    return current;
  }

  removeForProject(userId: string, projectId: string): Promise<void> {
    return this.sessions.removeForProject(userId, projectId);
  }

  /** Account purge: every session of the owner; answers how many went. */
  purgeOwner(userId: string): Promise<number> {
    return this.sessions.deleteAllForOwner(userId);
  }

  private async create(
    userId: string,
    projectId: string,
    questions: readonly ClarificationQuestion[],
  ): Promise<LiveSession> {
    const now = new Date();
    const session = { sessionId: randomUUID(), expiresAt: new Date(now.getTime() + this.ttlMs) };
    await this.sessions.create({
      userId,
      projectId,
      sessionId: session.sessionId,
      now,
      expiresAt: session.expiresAt,
      agentState: {
        current_step: 'clarification',
        intermediate_outputs: { clarification_questions: questions },
      },
    });
    return session;
  }

  /** Null when the session was swept between reading and extending it. */
  private async extend(
    userId: string,
    projectId: string,
    sessionId: string,
    now: Date,
  ): Promise<LiveSession | null> {
    const expiresAt = new Date(now.getTime() + this.ttlMs);
    const touched = await this.sessions.touch(userId, projectId, sessionId, now, expiresAt);
    return touched ? { sessionId, expiresAt } : null;
  }
}

function liveSession(session: ClarificationSession): LiveSession {
  return { sessionId: session.session_id, expiresAt: session.expires_at };
}

/** The questions a session was opened with (stored by `create`), or none. */
function questionsOf(session: ClarificationSession | null): ClarificationQuestion[] {
  const outputs = session?.agent_state.intermediate_outputs as
    { clarification_questions?: ClarificationQuestion[] } | undefined;
  // Sessions opened before questions carried options and a recommendation have neither.
  return (outputs?.clarification_questions ?? []).map((asked) => ({
    lens: asked.lens,
    question: asked.question,
    context: asked.context,
    options: [...(asked.options ?? [])],
    recommended: asked.recommended ?? '',
    recommended_reason: asked.recommended_reason ?? '',
  }));
}
