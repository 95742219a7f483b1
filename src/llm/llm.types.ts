import type { LlmProviderName } from '@/config/llm-chain';

export type LlmRole = 'system' | 'user' | 'assistant';

export interface LlmMessage {
  readonly role: LlmRole;
  readonly content: string;
}

/** One question for the gateway. Everything except messages and purpose has a configured default. */
export interface LlmRequest {
  readonly messages: readonly LlmMessage[];
  /**
   * What the call is for ("clarify.questions", "chat.reply", "llm.summary"): shows in logs, and
   * picks the offline drafter. Dotted segments let a drafter cover a family ("clarify").
   */
  readonly purpose: string;
  readonly maxTokens?: number;
  readonly temperature?: number;
  /** Ask for one JSON object; an answer that does not parse is malformed and retried. */
  readonly json?: boolean;
  /** Skip the cache read (a "regenerate"); the cached answer stays the last resort. */
  readonly refresh?: boolean;
}

export interface LlmUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
}

/** What every answer reports: who answered, what it cost, whether it came from the cache. */
export interface LlmResult {
  readonly text: string;
  readonly provider: LlmProviderName;
  readonly model: string;
  readonly usage: LlmUsage;
  readonly cost_usd: number;
  readonly cached: boolean;
  readonly latency_ms: number;
}

/** A stream is text deltas, then exactly one `done` with the same summary as `complete`. */
export type LlmStreamEvent =
  | { readonly type: 'delta'; readonly text: string }
  | { readonly type: 'done'; readonly result: LlmResult };
