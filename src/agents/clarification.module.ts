import { Module } from '@nestjs/common';
import { ClarificationService } from './clarification/clarification.service';
import { AgentRunsModule } from './runs/agent-runs.module';

/** The clarify agent, on its own so ProjectsModule can use it without the rest of the agents. */
@Module({
  imports: [AgentRunsModule],
  providers: [ClarificationService],
  exports: [ClarificationService],
})
export class ClarificationModule {}
