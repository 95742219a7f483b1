import { Module } from '@nestjs/common';
import { AgentsModule } from '@/agents/agents.module';
import { ProjectsModule } from '@/projects/projects.module';
import { ProjectIntakeController } from './project-intake.controller';
import { ProjectIntakeWorkflow } from './project-intake.workflow';

/** Creating a project: the projects feature's records and uploads, with the clarify agent. */
@Module({
  imports: [ProjectsModule, AgentsModule],
  controllers: [ProjectIntakeController],
  providers: [ProjectIntakeWorkflow],
})
export class ProjectIntakeModule {}
