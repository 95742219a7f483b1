import { Module } from '@nestjs/common';
import { LiveRooms } from './live-rooms';
import { RealtimeService } from './realtime.service';
import { RoomLog } from './room-log';

/**
 * Emitting live updates: RealtimeService numbers and publishes through Redis, so the API and the
 * worker both import this module (agents report progress through it wherever their jobs run).
 * LiveRooms is the delivering side, used by the gateways (API only: it subscribes on their
 * first use). It imports no feature module, so features and agents can import it without a cycle.
 */
@Module({
  providers: [RoomLog, RealtimeService, LiveRooms],
  exports: [RealtimeService, LiveRooms],
})
export class RealtimeModule {}
