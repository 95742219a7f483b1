import type { LlmProviderName } from '@/config/llm-chain';
import type { LlmMessage, OutputSchema } from './llm.types';

/** One attempt against one provider, with every default already resolved by the gateway. */
export interface ProviderCall {
  readonly model: string;
  readonly messages: readonly LlmMessage[];
  /** Undefined: the provider's configured maximum. */
  readonly maxTokens: number | undefined;
  readonly temperature: number;
  readonly json: boolean;
  /** A structured answer: adapters ask their provider to enforce it where it can. */
  readonly schema: OutputSchema | undefined;
  readonly purpose: string;
  /** Aborted by the gateway on timeout; adapters pass it to their SDK. */
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
}

/** Token counts as the provider reported them; null when it did not (the gateway estimates). */
export interface ProviderUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

export interface ProviderAnswer {
  readonly text: string;
  readonly usage: ProviderUsage | null;
}

export type ProviderChunk = { readonly text: string } | { readonly usage: ProviderUsage };

/**
 * The LLM port. Several adapters exist (OpenAI, Anthropic, any OpenAI-compatible server, the
 * offline drafter), so the abstract class is the shared type the fallback chain iterates over.
 * Adapters make exactly one HTTP attempt and throw SDK errors as they come: retries, timeouts,
 * the circuit breaker and fallback are the gateway's job, in one place for every provider.
 */
export abstract class LlmProvider {
  abstract readonly name: LlmProviderName;

  abstract complete(call: ProviderCall): Promise<ProviderAnswer>;

  abstract stream(call: ProviderCall): AsyncIterable<ProviderChunk>;
}
