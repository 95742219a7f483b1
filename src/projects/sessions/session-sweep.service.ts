import { Injectable, Logger } from '@nestjs/common';
import { SessionsRepository } from './sessions.repository';

/**
 * Expired clarification-session sweep: reads already refuse a session past its expires_at (no TTL index in the
 * portable subset), so this only keeps the collection from growing without end.
 */
@Injectable()
export class SessionSweepService {
  private readonly logger = new Logger(SessionSweepService.name);

  constructor(private readonly sessions: SessionsRepository) {}

  async sweepExpired(now = new Date()): Promise<{ readonly removed: number }> {
    const removed = await this.sessions.deleteExpired(now);
    if (removed > 0) {
      this.logger.log({ event: 'sessions_swept', removed }, 'Removed expired sessions');
    }
    return { removed };
  }
}
