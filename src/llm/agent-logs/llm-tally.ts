import type { LlmResult } from '../llm.types';
import type { AgentLogTokens } from './agent-log.schema';

export interface LlmTotals {
  readonly tokens: AgentLogTokens;
  readonly cost_usd: number;
  readonly model_used: string | null;
  readonly provider: string | null;
}

/** Adds up the LLM calls of one run or node for its agent_logs entry. */
export class LlmTally {
  private readonly results: LlmResult[] = [];

  add(result: LlmResult): LlmResult {
    this.results.push(result);
    return result;
  }

  get totals(): LlmTotals {
    const sum = (pick: (result: LlmResult) => number): number =>
      this.results.reduce((total, result) => total + pick(result), 0);
    const distinct = (pick: (result: LlmResult) => string): string | null =>
      this.results.length === 0 ? null : [...new Set(this.results.map(pick))].join(',');
    return {
      tokens: {
        prompt_tokens: sum((r) => r.usage.prompt_tokens),
        completion_tokens: sum((r) => r.usage.completion_tokens),
        total_tokens: sum((r) => r.usage.total_tokens),
      },
      cost_usd: Math.round(sum((r) => r.cost_usd) * 1e8) / 1e8,
      model_used: distinct((r) => r.model),
      provider: distinct((r) => r.provider),
    };
  }
}
