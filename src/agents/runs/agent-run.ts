import type { ModelUsage } from '@/domain/agent-run';
import type { AgentLogEntry, AgentRunContext } from '@/llm/agent-logs/agent-logs.service';
import type { ProgressSink } from './agent-task';
import type { AgentLlm } from './agent-llm';

export type AgentLogWriter = (entry: AgentLogEntry) => Promise<void>;

/**
 * What a graph's nodes share during one run: the LLM (with its tallies), progress and logs.
 * `node()` wraps each node so every one reports progress, is timed and leaves an agent_logs
 * entry with the tokens and models it used, whether it succeeds or fails.
 */
export class AgentRun {
  private readonly started = performance.now();

  constructor(
    readonly context: AgentRunContext,
    readonly llm: AgentLlm,
    private readonly progress: ProgressSink,
    private readonly log: AgentLogWriter,
  ) {}

  node<S, U>(
    name: string,
    step: { label: string; percent: number },
    work: (state: S) => Promise<U>,
    summarise: (update: U) => Record<string, unknown> = () => ({}),
  ): (state: S) => Promise<U> {
    return async (state: S) => {
      await this.report(step.label, step.percent);
      const tally = this.llm.startNode();
      const started = performance.now();
      const entry = (fields: Pick<AgentLogEntry, 'status' | 'output' | 'error'>) =>
        this.log({
          node: name,
          input: { step: step.label },
          executionTimeMs: performance.now() - started,
          llm: tally.totals,
          ...fields,
        });
      try {
        const update = await work(state);
        this.llm.endNode();
        await entry({ status: 'success', output: summarise(update) });
        return update;
      } catch (error) {
        this.llm.endNode();
        await entry({ status: 'error', error });
        throw error;
      }
    };
  }

  /** What the run's model calls used so far (no call at all: the offline drafter's way). */
  usage(): ModelUsage {
    const totals = this.llm.runTally.totals;
    return {
      model_used: totals.model_used ?? 'offline',
      tokens_used: totals.tokens.total_tokens,
      cost_usd: totals.cost_usd,
    };
  }

  /** Progress with an ETA from the pace so far: elapsed / done × remaining. */
  async report(step: string, percent: number): Promise<void> {
    const elapsed = (performance.now() - this.started) / 1000;
    const eta = percent > 0 ? Math.round((elapsed / percent) * (100 - percent)) : 60;
    await this.progress.report({ percent, step, eta });
  }

  /** The run's own agent_logs entry (node null), written when the run ends. */
  async finish(
    status: 'success' | 'error',
    input: Record<string, unknown>,
    result: { output?: Record<string, unknown>; error?: unknown },
  ): Promise<void> {
    await this.log({
      input,
      executionTimeMs: performance.now() - this.started,
      status,
      llm: this.llm.runTally.totals,
      ...result,
    });
  }
}
