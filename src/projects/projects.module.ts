import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MultipartFilesInterceptor } from '@/common/uploads/multipart-files.interceptor';
import { RealtimeModule } from '@/realtime/realtime.module';
import { WebhooksModule } from '@/webhooks/webhooks.module';
import { ProjectAccess } from './project-access';
import { ProjectLock } from './project-lock';
import { Project, ProjectSchema } from './project.schema';
import { ProjectsController } from './projects.controller';
import { ProjectsRepository } from './projects.repository';
import { ProjectsService } from './projects.service';
import { SessionSweepService } from './sessions/session-sweep.service';
import { ClarificationSession, ClarificationSessionSchema } from './sessions/session.schema';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsRepository } from './sessions/sessions.repository';
import { SessionsService } from './sessions/sessions.service';
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
 * Projects and what hangs off them: uploads, versions, clarification sessions. It knows nothing
 * of the agents: the workflows (project intake, agent tasks and runs, account purge) combine its
 * services with them. Services are exported, never repositories.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Project.name, schema: ProjectSchema },
      { name: ProjectVersion.name, schema: ProjectVersionSchema },
      { name: Upload.name, schema: UploadSchema },
      { name: ClarificationSession.name, schema: ClarificationSessionSchema },
    ]),
    // Archiving or deleting a project ends its live connections.
    RealtimeModule,
    // Every version change publishes a webhook event.
    WebhooksModule,
  ],
  // Sub-resource controllers first: Express matches routes in registration order.
  controllers: [UploadsController, VersionsController, SessionsController, ProjectsController],
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
    SessionSweepService,
  ],
  exports: [
    ProjectAccess,
    ProjectsService,
    VersionsService,
    UploadsService,
    SessionsService,
    SessionSweepService,
  ],
})
export class ProjectsModule {}
