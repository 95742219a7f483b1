import { Module } from '@nestjs/common';
import { AgentsModule } from '@/agents/agents.module';
import { ProjectsModule } from '@/projects/projects.module';
import { UsersModule } from '@/users/users.module';
import { AccountPurgeWorkflow } from './account-purge.workflow';

/** The account retention purge: every feature's `purgeOwner`, in order (the maintenance queue). */
@Module({
  imports: [UsersModule, ProjectsModule, AgentsModule],
  providers: [AccountPurgeWorkflow],
  exports: [AccountPurgeWorkflow],
})
export class AccountPurgeModule {}
