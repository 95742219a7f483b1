import { Module } from '@nestjs/common';
import { AgentsModule } from '@/agents/agents.module';
import { ChatsModule } from '@/chats/chats.module';
import { AgentLogsModule } from '@/llm/agent-logs/agent-logs.module';
import { ProjectsModule } from '@/projects/projects.module';
import { UsersModule } from '@/users/users.module';
import { WebhooksModule } from '@/webhooks/webhooks.module';
import { RetentionService } from './retention.service';
import { SessionSweepService } from './session-sweep.service';

/** Scheduled housekeeping (the `maintenance` queue's work); it reaches across the owners' data. */
@Module({
  imports: [
    UsersModule,
    ProjectsModule,
    ChatsModule,
    AgentLogsModule,
    AgentsModule,
    WebhooksModule,
  ],
  providers: [RetentionService, SessionSweepService],
  // WebhooksModule too: the processor's log-retention job is WebhooksService's.
  exports: [RetentionService, SessionSweepService, WebhooksModule],
})
export class MaintenanceModule {}
