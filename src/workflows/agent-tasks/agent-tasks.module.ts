import { Module } from '@nestjs/common';
import { JobsModule } from '@/jobs/jobs.module';
import { ProjectsModule } from '@/projects/projects.module';
import { AgentTasksController } from './agent-tasks.controller';
import { AgentTasksWorkflow } from './agent-tasks.workflow';

/**
 * Agent work as tasks: POST clarifications and iterate check the caller's project and
 * clarification session and queue the job; GET generation-status reads it back. The jobs run in
 * the agent-runs workflow.
 */
@Module({
  imports: [JobsModule, ProjectsModule],
  controllers: [AgentTasksController],
  providers: [AgentTasksWorkflow],
})
export class AgentTasksModule {}
