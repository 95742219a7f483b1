import { Injectable } from '@nestjs/common';
import { Histogram } from 'prom-client';
import { MetricsService } from '@/infra/metrics/metrics.service';
import { AGENT_RUN_STATUSES, AgentRunStatus } from './agent-log.schema';

/** Every agent that logs its runs: the closed set of `agent_type` values. */
export const AGENT_TYPES = [
  'clarification_agent',
  'generation_agent',
  'iteration_agent',
  'chat_agent',
  'chat_title_agent',
  'chat_distil_agent',
  'chat_summary_agent',
  'chat_reflection_agent',
  'markdown_edit_agent',
] as const;
export type AgentType = (typeof AGENT_TYPES)[number];

/**
 * `agent_run_duration_seconds{agent,status}`: every whole graph run (not its nodes), in the
 * process that ran it (clarify, chat and markdown edits in the API; generate and iterate where
 * the agents queue is consumed). Its `_count` is the number of runs; every series starts at 0.
 */
@Injectable()
export class AgentMetrics {
  private readonly duration: Histogram<'agent' | 'status'>;

  constructor(metrics: MetricsService) {
    this.duration = new Histogram({
      name: 'agent_run_duration_seconds',
      help: 'Agent graph runs by agent and status (success, error, timeout), and how long they took',
      labelNames: ['agent', 'status'],
      buckets: [0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
      registers: [metrics.registry],
    });
    for (const agent of AGENT_TYPES) {
      for (const status of AGENT_RUN_STATUSES) this.duration.zero({ agent, status });
    }
  }

  run(agent: AgentType, status: AgentRunStatus, seconds: number): void {
    this.duration.observe({ agent, status }, seconds);
  }
}
