import { INestApplication } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type Redis from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { AppConfig } from '@/config/app-config';
import { MetricsService } from '@/infra/metrics/metrics.service';
import { watchConnections } from './connection-metrics';
import { realtimeChannelKey } from './realtime-channels';
import { quitRedis, realtimeRedis } from './realtime-redis';

/**
 * Socket.IO on the HTTP server with the Redis adapter: rooms are shared by every API instance,
 * and events published by RealtimeService (from any process) reach this instance's sockets.
 * CORS follows CORS_ORIGINS, like the HTTP API.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly pub: Redis;
  private readonly sub: Redis;

  constructor(
    private readonly app: INestApplication,
    private readonly config: AppConfig,
  ) {
    super(app);
    this.pub = realtimeRedis(config, 'publisher');
    this.sub = realtimeRedis(config, 'subscriber');
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const origins = this.config.http.corsOrigins;
    const server = super.createIOServer(port, {
      ...options,
      // Every project and chat is its own namespace: drop one (and its adapter's Redis
      // subscriptions) when its last socket leaves, or each replica keeps one per room ever joined.
      cleanupEmptyChildNamespaces: true,
      cors: {
        origin: origins.includes('*') ? true : [...origins],
        credentials: !origins.includes('*'),
      },
    }) as Server;
    server.adapter(createAdapter(this.pub, this.sub, { key: realtimeChannelKey(this.config) }));
    watchConnections(server, this.app.get(MetricsService).registry);
    return server;
  }

  /** Nest calls this once its gateways' servers are closed (app.close()). */
  override async dispose(): Promise<void> {
    await Promise.all([quitRedis(this.pub), quitRedis(this.sub)]);
  }
}

/** Shared by main.ts and the e2e app factory, before init/listen. */
export function configureRealtime(app: INestApplication, config: AppConfig): void {
  app.useWebSocketAdapter(new RedisIoAdapter(app, config));
}
