import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import Redis from 'ioredis';
import { AppConfig } from '@/config/app-config';
import { projectNamespace, projectRoom, realtimeChannelKey } from './realtime-channels';
import {
  AgentCompleteData,
  AgentProgressData,
  ProjectEvents,
  RealtimeErrorData,
} from './realtime.events';
import { quitRedis, realtimeRedis } from './realtime-redis';

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

  projectError(projectId: string, error: RealtimeErrorData): void {
    this.toProject(projectId).emit('error', error);
  }

  async onApplicationShutdown(): Promise<void> {
    await quitRedis(this.redis);
  }

  private toProject(projectId: string) {
    return this.emitter.of(projectNamespace(projectId)).to(projectRoom(projectId));
  }
}
