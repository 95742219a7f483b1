import { Module } from '@nestjs/common';
import { AgentsModule } from '@/agents/agents.module';
import { ChatsModule } from '@/chats/chats.module';
import { ProjectsModule } from '@/projects/projects.module';
import { UsersModule } from '@/users/users.module';
import { WebhooksModule } from '@/webhooks/webhooks.module';
import { AccountPurgeWorkflow } from './account-purge.workflow';

/** The account retention purge: every feature's `purgeOwner`, in order (the maintenance queue). */
@Module({
  imports: [UsersModule, ProjectsModule, AgentsModule, WebhooksModule, ChatsModule],
  providers: [AccountPurgeWorkflow],
  exports: [AccountPurgeWorkflow],
})
export class AccountPurgeModule {}
