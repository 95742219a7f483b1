import { Injectable } from '@nestjs/common';
import { AgentLogsService, AgentRunContext } from '@/llm/agent-logs/agent-logs.service';
import { LlmGateway } from '@/llm/llm-gateway.service';
import type { ProgressSink } from './agent-task';
import { AgentLlm } from './agent-llm';
import { AgentRun } from './agent-run';

/** Starts agent runs: each gets its own LLM tally, the given progress sink and agent_logs. */
@Injectable()
export class AgentRuns {
  constructor(
    private readonly gateway: LlmGateway,
    private readonly logs: AgentLogsService,
  ) {}

  start(context: AgentRunContext, progress: ProgressSink): AgentRun {
    return new AgentRun(context, new AgentLlm(this.gateway), progress, (entry) =>
      this.logs.record(context, entry),
    );
  }

  /** A run with no owner to log it under (a graph used outside any user's request). */
  startUnlogged(): AgentRun {
    const context = { agentType: 'unlogged' as const, executionId: '', userId: '' };
    return new AgentRun(context, new AgentLlm(this.gateway), NO_PROGRESS, () => Promise.resolve());
  }
}

/** For runs nobody watches (synchronous endpoints): progress goes nowhere. */
export const NO_PROGRESS: ProgressSink = { report: () => Promise.resolve() };
