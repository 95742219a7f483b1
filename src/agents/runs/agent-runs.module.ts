import { Module } from '@nestjs/common';
import { LlmModule } from '@/llm/llm.module';
import { RealtimeModule } from '@/realtime/realtime.module';
import { AgentDraftersRegistration } from '../offline/agent-drafters';
import { AgentProgress } from '@/workflows/agent-runs/job-progress';
import { AgentRuns } from './agent-runs';

/**
 * What every agent graph runs on: the LLM gateway (with the agents' offline drafters
 * registered), agent_logs (AgentLogsService, from the LLM module) and progress (on the job and
 * live to the project's room). Shared by the clarification seam and the agents module.
 */
@Module({
  imports: [LlmModule, RealtimeModule],
  providers: [AgentRuns, AgentProgress, AgentDraftersRegistration],
  exports: [AgentRuns, AgentProgress, RealtimeModule],
})
export class AgentRunsModule {}
