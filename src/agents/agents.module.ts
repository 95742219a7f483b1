import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { JobsModule } from '@/jobs/jobs.module';
import { LlmModule } from '@/llm/llm.module';
import { ProjectsModule } from '@/projects/projects.module';
import { WebhooksModule } from '@/webhooks/webhooks.module';
import { ChatAgentService } from './chat/chat-agent.service';
import {
  AgentCheckpoint,
  AgentCheckpointSchema,
  AgentCheckpointWrite,
  AgentCheckpointWriteSchema,
} from './checkpoints/agent-checkpoint.schema';
import { AgentCheckpointsRepository } from './checkpoints/agent-checkpoints.repository';
import { DocumentCheckpointSaver } from './checkpoints/document-checkpoint-saver';
import { GenerationService } from './generation/generation.service';
import { IterationService } from './iteration/iteration.service';
import { MarkdownEditController } from './markdown-edit/markdown-edit.controller';
import { MarkdownEditService } from './markdown-edit/markdown-edit.service';
import { AgentJobRunner } from './runs/agent-job-runner';
import { AgentRunsModule } from './runs/agent-runs.module';
import { AgentTasksController } from './tasks/agent-tasks.controller';
import { AgentTasksService } from './tasks/agent-tasks.service';

/**
 * The agent graphs behind seed 000's agent endpoints: tasks are queued on `agents` and run by
 * AgentJobRunner (in the worker, or in the API with RUN_WORKERS_IN_API).
 */
@Module({
  imports: [
    AgentRunsModule,
    LlmModule,
    ProjectsModule,
    JobsModule,
    // A task that fails for good publishes generation.failed.
    WebhooksModule,
    MongooseModule.forFeature([
      { name: AgentCheckpoint.name, schema: AgentCheckpointSchema },
      { name: AgentCheckpointWrite.name, schema: AgentCheckpointWriteSchema },
    ]),
  ],
  controllers: [AgentTasksController, MarkdownEditController],
  providers: [
    AgentCheckpointsRepository,
    DocumentCheckpointSaver,
    GenerationService,
    IterationService,
    MarkdownEditService,
    ChatAgentService,
    AgentTasksService,
    AgentJobRunner,
  ],
  // ChatAgentService for the chat-conversation workflows.
  // AgentCheckpointsRepository for the maintenance queue's retention purge.
  exports: [AgentJobRunner, ChatAgentService, AgentCheckpointsRepository],
})
export class AgentsModule {}
