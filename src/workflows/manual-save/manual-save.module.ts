import { Module } from '@nestjs/common';
import { AgentsModule } from '@/agents/agents.module';
import { ProjectsModule } from '@/projects/projects.module';
import { ManualSaveController } from './manual-save.controller';
import { ManualSaveWorkflow } from './manual-save.workflow';

/** A version the user wrote: the versions feature saves it, the review agent reviews it first. */
@Module({
  imports: [ProjectsModule, AgentsModule],
  controllers: [ManualSaveController],
  providers: [ManualSaveWorkflow],
})
export class ManualSaveModule {}
