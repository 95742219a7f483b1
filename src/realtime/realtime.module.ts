import { Module } from '@nestjs/common';
import { LiveRooms } from './live-rooms';
import { RealtimeService } from './realtime.service';
import { RoomLog } from './room-log';

/**
 * Emitting live updates: RealtimeService numbers and publishes through Redis, so the API and the
 * worker both import this module (queued agent runs report progress through it wherever they
 * run). LiveRooms is the delivering side, used by the gateways (API only: it subscribes on their
 * first use). It is platform: it imports no feature. The gateways that own the sockets live with
 * their features (src/projects/live/, src/chats/live/).
 */
@Module({
  providers: [RoomLog, RealtimeService, LiveRooms],
  exports: [RealtimeService, LiveRooms],
})
export class RealtimeModule {}
