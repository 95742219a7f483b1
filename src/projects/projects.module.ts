import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ClarificationModule } from '@/agents/clarification.module';
import { RealtimeModule } from '@/realtime/realtime.module';
import { WebhooksModule } from '@/webhooks/webhooks.module';
import { ProjectAccess } from './project-access';
import { ProjectLock } from './project-lock';
import { Project, ProjectSchema } from './project.schema';
import { ProjectsController } from './projects.controller';
import { ProjectsRepository } from './projects.repository';
import { ProjectsService } from './projects.service';
import { AgentSession, AgentSessionSchema } from './sessions/session.schema';
import { SessionsRepository } from './sessions/sessions.repository';
import { SessionsService } from './sessions/sessions.service';
import { MultipartFilesInterceptor } from '@/common/uploads/multipart-files.interceptor';
import { Upload, UploadSchema } from './uploads/upload.schema';
import { UploadsController } from './uploads/uploads.controller';
import { UploadsRepository } from './uploads/uploads.repository';
import { UploadsService } from './uploads/uploads.service';
import { CurrentCopy } from './versions/current-copy';
import { ProjectVersion, ProjectVersionSchema } from './versions/project-version.schema';
import { VersionsController } from './versions/versions.controller';
import { VersionsRepository } from './versions/versions.repository';
import { VersionsService } from './versions/versions.service';

/**
 * Projects and what hangs off them: uploads, versions, agent sessions. VersionsService,
 * UploadsService and SessionsService are exported for the agents (they save versions, read
 * upload text and check session ids).
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Project.name, schema: ProjectSchema },
      { name: ProjectVersion.name, schema: ProjectVersionSchema },
      { name: Upload.name, schema: UploadSchema },
      { name: AgentSession.name, schema: AgentSessionSchema },
    ]),
    ClarificationModule,
    // Archiving or deleting a project ends its live connections.
    RealtimeModule,
    // Creating a project and every version change publish webhook events.
    WebhooksModule,
  ],
  // Sub-resource controllers first: Express matches routes in registration order.
  controllers: [UploadsController, VersionsController, ProjectsController],
  providers: [
    ProjectsRepository,
    ProjectAccess,
    ProjectLock,
    ProjectsService,
    UploadsRepository,
    UploadsService,
    MultipartFilesInterceptor,
    VersionsRepository,
    VersionsService,
    CurrentCopy,
    SessionsRepository,
    SessionsService,
  ],
  // The repositories for the maintenance queue (retention purge, expired-session sweep).
  exports: [
    // Project creation with its clarification, for the chat conversion workflow.
    ProjectsService,
    ProjectAccess,
    VersionsService,
    UploadsService,
    SessionsService,
    ProjectsRepository,
    SessionsRepository,
    UploadsRepository,
    VersionsRepository,
  ],
})
export class ProjectsModule {}
