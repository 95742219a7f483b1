import { Module } from '@nestjs/common';
import { TokensModule } from '@/auth/tokens/tokens.module';
import { ProjectsModule } from '@/projects/projects.module';
import { RealtimeModule } from './realtime.module';
import { ProjectRoomAccess } from './project-room-access';
import { ProjectsGateway } from './projects.gateway';

/**
 * The Socket.IO gateways, in the API only (the worker has no server). The server itself, with the
 * Redis adapter and CORS, is set up by configureRealtime (redis-io.adapter.ts).
 */
@Module({
  imports: [TokensModule, ProjectsModule, RealtimeModule],
  providers: [ProjectRoomAccess, ProjectsGateway],
})
export class RealtimeGatewaysModule {}
