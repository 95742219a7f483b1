import { Module } from '@nestjs/common';
import { AgentsModule } from '@/agents/agents.module';
import { ProjectsModule } from '@/projects/projects.module';
import { WebhooksModule } from '@/webhooks/webhooks.module';
import { ProjectIntakeController } from './project-intake.controller';
import { ProjectIntakeWorkflow } from './project-intake.workflow';

/**
 * Creating a project: the projects feature's records and uploads, with the clarify agent; also
 * how a chat becomes a project (the chat conversation workflow imports it).
 */
@Module({
  imports: [ProjectsModule, AgentsModule, WebhooksModule],
  controllers: [ProjectIntakeController],
  providers: [ProjectIntakeWorkflow],
  exports: [ProjectIntakeWorkflow],
})
export class ProjectIntakeModule {}
