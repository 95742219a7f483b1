import { Module } from '@nestjs/common';
import { AgentsModule } from '@/agents/agents.module';
import { MarkdownEditController } from './markdown-edit.controller';
import { MarkdownEditWorkflow } from './markdown-edit.workflow';

/** AI markdown editing over HTTP: the route and its rules, on the markdown edit agent. */
@Module({
  imports: [AgentsModule],
  controllers: [MarkdownEditController],
  providers: [MarkdownEditWorkflow],
})
export class MarkdownEditModule {}
