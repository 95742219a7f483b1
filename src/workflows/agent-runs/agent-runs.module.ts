import { Module } from '@nestjs/common';
import { AgentsModule } from '@/agents/agents.module';
import { ProjectsModule } from '@/projects/projects.module';
import { RealtimeModule } from '@/realtime/realtime.module';
import { WebhooksModule } from '@/webhooks/webhooks.module';
import { AgentJobRunner } from './agent-job-runner';
import { GenerateRunWorkflow } from './generate-run.workflow';
import { IterateRunWorkflow } from './iterate-run.workflow';
import { JobProgress } from './job-progress';

/**
 * Queued agent work, run: generate and iterate read the project, run their agent and save the
 * version it wrote. The agents processor (src/worker/) hands every job to AgentJobRunner.
 */
@Module({
  // WebhooksModule: a task that fails for good publishes generation.failed.
  imports: [AgentsModule, ProjectsModule, RealtimeModule, WebhooksModule],
  providers: [JobProgress, GenerateRunWorkflow, IterateRunWorkflow, AgentJobRunner],
  exports: [AgentJobRunner],
})
export class AgentRunsModule {}
