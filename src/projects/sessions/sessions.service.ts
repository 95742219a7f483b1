import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppError } from '@/common/errors';
import type { ClarificationQuestion } from '@/domain/clarification';
import { ClarificationSession } from './session.schema';
import { AnswersRecord, SessionsRepository } from './sessions.repository';

/** A clarification session may be answered the next day; activity does not extend it. */
export const SESSION_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Clarification sessions: created with a project's first questions, looked up when answers (and
 * iterations) arrive. A token family is never called a session.
 */
@Injectable()
export class SessionsService {
  constructor(private readonly sessions: SessionsRepository) {}

  async start(
    userId: string,
    projectId: string,
    questions: readonly ClarificationQuestion[],
  ): Promise<string> {
    const now = new Date();
    const sessionId = randomUUID();
    await this.sessions.create({
      userId,
      projectId,
      sessionId,
      now,
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
      agentState: {
        current_step: 'clarification',
        intermediate_outputs: { clarification_questions: questions },
      },
    });
    return sessionId;
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

  /** Null when the session is unknown, someone else's, another project's or expired. */
  findLive(
    userId: string,
    projectId: string,
    sessionId: string,
  ): Promise<ClarificationSession | null> {
    return this.sessions.findLive(userId, projectId, sessionId, new Date());
  }

  removeForProject(userId: string, projectId: string): Promise<void> {
    return this.sessions.removeForProject(userId, projectId);
  }

  /** Account purge: every session of the owner; answers how many went. */
  purgeOwner(userId: string): Promise<number> {
    return this.sessions.deleteAllForOwner(userId);
  }
}
