import { Module } from '@nestjs/common';
import { RealtimeService } from './realtime.service';

/**
 * Emitting live updates: RealtimeService publishes through Redis, so the API and the worker both
 * import this module (agents report progress through it wherever their jobs run). It imports no
 * feature module, so the agents can import it without a cycle; the gateways live in
 * RealtimeGatewaysModule.
 */
@Module({ providers: [RealtimeService], exports: [RealtimeService] })
export class RealtimeModule {}
