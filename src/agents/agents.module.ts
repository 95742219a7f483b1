import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { LlmModule } from '@/llm/llm.module';
import { AgentRecordsService } from './agent-records.service';
import { ChatAgentService } from './chat/chat-agent.service';
import {
  AgentCheckpoint,
  AgentCheckpointSchema,
  AgentCheckpointWrite,
  AgentCheckpointWriteSchema,
} from './checkpoints/agent-checkpoint.schema';
import { AgentCheckpointsRepository } from './checkpoints/agent-checkpoints.repository';
import { DocumentCheckpointSaver } from './checkpoints/document-checkpoint-saver';
import { ClarificationService } from './clarification/clarification.service';
import { GenerationService } from './generation/generation.service';
import { IterationService } from './iteration/iteration.service';
import { MarkdownEditService } from './markdown-edit/markdown-edit.service';
import { AgentDraftersRegistration } from './offline/agent-drafters';
import { ReviewService } from './review/review.service';
import { AgentRuns } from './runs/agent-runs';

/**
 * The AI library: LangGraph agents on the LLM gateway (with their offline drafters registered),
 * each behind one service. Inputs in, results out: callers read and save the project's data and
 * pass it in (a loader, a save callback), so this module imports no feature. It keeps its own
 * records only: graph checkpoints, and agent_logs through the LLM module.
 */
@Module({
  imports: [
    LlmModule,
    MongooseModule.forFeature([
      { name: AgentCheckpoint.name, schema: AgentCheckpointSchema },
      { name: AgentCheckpointWrite.name, schema: AgentCheckpointWriteSchema },
    ]),
  ],
  providers: [
    AgentRuns,
    AgentDraftersRegistration,
    AgentCheckpointsRepository,
    DocumentCheckpointSaver,
    ClarificationService,
    GenerationService,
    IterationService,
    MarkdownEditService,
    ChatAgentService,
    AgentRecordsService,
    ReviewService,
  ],
  exports: [
    ClarificationService,
    GenerationService,
    IterationService,
    MarkdownEditService,
    ChatAgentService,
    AgentRecordsService,
    ReviewService,
  ],
})
export class AgentsModule {}
