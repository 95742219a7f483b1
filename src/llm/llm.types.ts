import type { LlmProviderName } from '@/config/llm-chain';
import type { JsonSchema } from './structured/json-schema';

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
  /**
   * Ask for one JSON object of this shape (implies `json`): OpenAI enforces it (json_schema),
   * Anthropic through a forced tool call, OpenAI-compatible servers get JSON mode and the schema
   * in the prompt. The gateway only checks the answer is not empty: validating and repairing it
   * is the caller's (completeStructured), which can say what is wrong.
   */
  readonly schema?: OutputSchema;
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

/** A named JSON schema for a structured answer. */
export interface OutputSchema {
  /** Letters, digits, _ and -, at most 64: OpenAI's and Anthropic's rule for the name. */
  readonly name: string;
  readonly description: string;
  readonly schema: JsonSchema;
}
