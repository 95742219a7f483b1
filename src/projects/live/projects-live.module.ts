import { Module } from '@nestjs/common';
import { TokensModule } from '@/auth/tokens/tokens.module';
import { RealtimeModule } from '@/realtime/realtime.module';
import { ProjectsModule } from '../projects.module';
import { ProjectRoomAccess } from './project-room-access';
import { ProjectsGateway } from './projects.gateway';

/**
 * /ws/projects/{project_id}, in the API only (the worker has no server). The server itself, with
 * the Redis adapter and CORS, is set up by configureRealtime (src/realtime/redis-io.adapter.ts);
 * events reach these sockets only through RealtimeService.
 */
@Module({
  imports: [TokensModule, ProjectsModule, RealtimeModule],
  providers: [ProjectRoomAccess, ProjectsGateway],
})
export class ProjectsLiveModule {}
