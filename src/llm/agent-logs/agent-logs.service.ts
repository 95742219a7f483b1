import { Injectable, Logger } from '@nestjs/common';
import { AppError } from '@/common/errors';
import { AiUnavailableError } from '../llm-gateway.service';
import { AgentErrorDetails, AgentLog, AgentRunStatus } from './agent-log.schema';
import { AgentLogsRepository } from './agent-logs.repository';
import { AgentMetrics, AgentType } from './agent-metrics';
import { LlmTally, LlmTotals } from './llm-tally';
import { portableData } from './portable-data';

/** Who and what a run belongs to; shared by the run's entry and its nodes' entries. */
export interface AgentRunContext {
  readonly userId: string;
  readonly projectId?: string | null;
  readonly sessionId?: string | null;
  /** Runs nobody logs (AgentRuns.startUnlogged) are `unlogged`. */
  readonly agentType: AgentType | 'unlogged';
  readonly executionId: string;
}

export interface AgentLogEntry {
  /** The graph node; omitted for the run's own entry. */
  readonly node?: string | null;
  readonly input: unknown;
  readonly output?: unknown;
  readonly executionTimeMs: number;
  readonly status: AgentRunStatus;
  readonly error?: unknown;
  readonly llm?: LlmTotals;
}

/**
 * Writes agent_logs for graph runs and nodes, and counts whole runs in agent_run_duration_seconds.
 * Logging is never the reason a run fails: a write error is logged and swallowed.
 */
@Injectable()
export class AgentLogsService {
  private readonly logger = new Logger(AgentLogsService.name);

  constructor(
    private readonly repository: AgentLogsRepository,
    private readonly metrics: AgentMetrics,
  ) {}

  async record(context: AgentRunContext, entry: AgentLogEntry): Promise<void> {
    const llm = entry.llm ?? new LlmTally().totals;
    if (!entry.node && context.agentType !== 'unlogged') {
      this.metrics.run(context.agentType, entry.status, entry.executionTimeMs / 1000);
    }
    try {
      await this.repository.add({
        user_id: context.userId,
        project_id: context.projectId ?? null,
        session_id: context.sessionId ?? null,
        agent_type: context.agentType,
        execution_id: context.executionId,
        node: entry.node ?? null,
        input_data: portableData(entry.input),
        output_data: entry.output === undefined ? null : portableData(entry.output),
        execution_time_ms: Math.round(entry.executionTimeMs),
        status: entry.status,
        error_details: entry.error === undefined ? null : errorDetails(entry.error),
        timestamp: new Date(),
        ...llm,
      });
    } catch (error) {
      this.logger.warn(
        { err: error, execution_id: context.executionId, node: entry.node ?? null },
        'Could not write an agent_logs entry',
      );
    }
  }

  /**
   * Runs `work` (a whole graph with `node` null, or one node), timing it and logging its outcome
   * with the LLM usage it added to the tally. The work's result or error passes through.
   */
  async track<T>(
    context: AgentRunContext,
    node: string | null,
    input: unknown,
    work: (tally: LlmTally) => Promise<T>,
  ): Promise<T> {
    const tally = new LlmTally();
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    try {
      const output = await work(tally);
      await this.record(context, {
        node,
        input,
        output,
        executionTimeMs: elapsed(),
        status: 'success',
        llm: tally.totals,
      });
      return output;
    } catch (error) {
      await this.record(context, {
        node,
        input,
        executionTimeMs: elapsed(),
        status: isTimeout(error) ? 'timeout' : 'error',
        error,
        llm: tally.totals,
      });
      throw error;
    }
  }

  findExecution(userId: string, executionId: string): Promise<AgentLog[]> {
    return this.repository.findExecution(userId, executionId);
  }

  /** The owner's run ids (a queued run's id is its task id, which names its checkpoint thread). */
  executionIdsForOwner(userId: string): Promise<string[]> {
    return this.repository.executionIdsForOwner(userId);
  }

  /** Account purge: every entry of the owner; answers how many went. */
  purgeOwner(userId: string): Promise<number> {
    return this.repository.deleteAllForOwner(userId);
  }
}

/** A timeout is a run that ran out of time: its own deadline, or every provider timing out. */
function isTimeout(error: unknown): boolean {
  if (error instanceof AiUnavailableError) {
    return error.failures.length > 0 && error.failures.every((f) => f.failure.reason === 'timeout');
  }
  return (error as { name?: unknown } | null)?.name === 'TimeoutError';
}

function errorDetails(error: unknown): AgentErrorDetails {
  if (error instanceof AppError)
    return { name: error.name, message: error.message, code: error.code };
  if (error instanceof Error) return { name: error.name, message: error.message, code: null };
  return { name: 'Error', message: String(error), code: null };
}
