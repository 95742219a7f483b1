import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import Redis from 'ioredis';
import { AppConfig } from '@/config/app-config';
import type { AgentRunFailure } from '@/domain/agent-run';
import {
  projectNamespace,
  familyRoom,
  projectRoom,
  realtimeChannelKey,
  REVOKE_EVENT,
  userRoom,
} from './realtime-channels';
import { AgentCompleteData, AgentProgressData, ProjectEvents } from './realtime.events';
import { quitRedis, realtimeRedis } from './realtime-redis';
import { RevokeRequest } from './realtime-revocation';

/**
 * The one place socket events leave. It always publishes through Redis (the Socket.IO Redis
 * emitter), never through a local server: the worker has no server, and an API instance's own
 * clients hear the message through its Redis adapter like every other instance's do.
 *
 * Live updates are best effort: a failed publish is logged and never fails the agent run
 * (GET /generation-status stays the source of truth).
 */
@Injectable()
export class RealtimeService implements OnApplicationShutdown {
  private readonly logger = new Logger(RealtimeService.name);
  private readonly redis: Redis;
  private readonly emitter: Emitter<ProjectEvents>;

  constructor(config: AppConfig) {
    this.redis = realtimeRedis(config, 'publisher');
    // The emitter fires PUBLISH and drops the promise: catch here so an outage is a log line,
    // not an unhandled rejection.
    const publisher = {
      publish: (channel: string, message: string | Buffer) =>
        this.redis.publish(channel, message).catch((error: unknown) => {
          this.logger.warn(`Live update not published: ${(error as Error).message}`);
          return 0;
        }),
    };
    this.emitter = new Emitter<ProjectEvents>(publisher, { key: realtimeChannelKey(config) });
  }

  projectProgress(projectId: string, update: AgentProgressData): void {
    this.toProject(projectId).emit('agent_progress', update);
  }

  projectComplete(projectId: string, result: AgentCompleteData): void {
    this.toProject(projectId).emit('agent_complete', result);
  }

  projectError(projectId: string, failure: AgentRunFailure): void {
    this.toProject(projectId).emit('error', failure);
  }

  /** Ended token families: their sockets get `error` UNAUTHORIZED, then disconnect. */
  endFamilies(familyIds: readonly string[]): void {
    if (familyIds.length === 0) return;
    this.revoke({
      rooms: familyIds.map(familyRoom),
      error: { message: 'The session has ended', error_code: 'UNAUTHORIZED' },
    });
  }

  /** A deleted account: every socket of the user, whichever token family opened it. */
  endUser(userId: string): void {
    this.revoke({
      rooms: [userRoom(userId)],
      error: { message: 'The account has been deleted', error_code: 'UNAUTHORIZED' },
    });
  }

  /** An archived or deleted project: its sockets get `error` NOT_FOUND, then disconnect. */
  closeProject(projectId: string): void {
    this.revoke({
      rooms: [projectRoom(projectId)],
      error: { message: 'Project not found', error_code: 'NOT_FOUND' },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await quitRedis(this.redis);
  }

  /**
   * Every API replica ends its own sockets in the rooms (see realtime-revocation.ts): a room-wide
   * disconnectSockets through the emitter would need each socket's child namespace, which a
   * token family or a user does not name.
   */
  private revoke(request: RevokeRequest): void {
    this.emitter.serverSideEmit(REVOKE_EVENT, request);
  }

  private toProject(projectId: string) {
    return this.emitter.of(projectNamespace(projectId)).to(projectRoom(projectId));
  }
}
