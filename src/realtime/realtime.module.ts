import { Module } from '@nestjs/common';
import { RealtimeService } from './realtime.service';

/**
 * Emitting live updates: RealtimeService publishes through Redis, so the API and the worker both
 * import this module (queued agent runs report progress through it wherever they run). It is
 * platform: it imports no feature. The gateways that own the sockets live with their features
 * (the projects gateway in src/projects/live/).
 */
@Module({ providers: [RealtimeService], exports: [RealtimeService] })
export class RealtimeModule {}
