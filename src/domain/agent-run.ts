import { type ErrorCode, isErrorCode } from '@/common/errors';
import type { ThinkingLensStatus } from './thinking-lenses';

/**
 * The contract of an agent run, the one place its shapes are declared. A task's `result` and
 * `error` (GET /generation-status), the job's stored value and the `agent_complete` / `error`
 * events all derive from these types.
 */

/** "agent" edits the PRD into a new version; "think" answers from it and never writes. */
export const ITERATE_MODES = ['agent', 'think'] as const;
export type IterateMode = (typeof ITERATE_MODES)[number];

/**
 * What a run's model calls used: the model (the offline drafter says "offline"; several, after a
 * fallback, are joined with commas), tokens (the provider's count, else an estimate) and cost in
 * USD (0 for the offline drafter and for models without a known price). A run resumed after a
 * crash counts the calls made since it resumed.
 */
export interface ModelUsage {
  readonly model_used: string;
  readonly tokens_used: number;
  readonly cost_usd: number;
}

/** A finished generate or agent-mode iterate: the document as saved. */
export interface DocumentResult extends ModelUsage {
  readonly prd_content: string;
  readonly flowchart_content: string;
  readonly thinking_lens_status: ThinkingLensStatus;
  /** Beyond the contract's fields: the version the run saved and its one-line changes. */
  readonly version: string;
  readonly changes: string;
}

/** A think-mode iterate: an answer read from the PRD, and no version. */
export interface ThinkResult extends ModelUsage {
  readonly mode: 'think';
  readonly answer: string;
  /** The version the answer was read from. */
  readonly based_on_version: string | null;
}

export type AgentRunResult = DocumentResult | ThinkResult;

/** How far a run is: percent done, the step's name, the estimated seconds left. */
export interface AgentRunProgress {
  readonly percent: number;
  readonly step: string;
  readonly eta: number;
}

export function isAgentRunProgress(value: unknown): value is AgentRunProgress {
  const candidate = value as Partial<AgentRunProgress> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.percent === 'number' &&
    typeof candidate.step === 'string'
  );
}

/** A run that failed for good, safe to show: internal details stay in agent_logs. */
export interface AgentRunFailure {
  readonly error_code: ErrorCode;
  readonly message: string;
}

export const AGENT_FAILED: AgentRunFailure = {
  error_code: 'AGENT_FAILED',
  message: 'Agent execution failed',
};

/** A job keeps one string per failure: the failure travels as its JSON. */
export function encodeRunFailure(failure: AgentRunFailure): string {
  return JSON.stringify({ error_code: failure.error_code, message: failure.message });
}

/** The failure a job stored, or AGENT_FAILED when it stored none of ours (a crash, say). */
export function decodeRunFailure(reason: string | undefined): AgentRunFailure {
  if (!reason?.startsWith('{')) return AGENT_FAILED;
  try {
    const parsed = JSON.parse(reason) as Partial<Record<keyof AgentRunFailure, unknown>>;
    return isErrorCode(parsed.error_code) && typeof parsed.message === 'string'
      ? { error_code: parsed.error_code, message: parsed.message }
      : AGENT_FAILED;
  } catch {
    return AGENT_FAILED;
  }
}
