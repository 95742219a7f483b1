import { Transform, Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import { configArea } from './config-area';
import { emptyToUndefined } from './env-transforms';
import { LlmChainEntry, ModelPrice, parsePrices, readChain } from './llm-chain';

/** The contract's variable names; the model defaults are newer (see .env.example). */
export class LlmEnv {
  /** provider:model entries tried in order; derived from the keys present when unset. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  LLM_CHAIN?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  OPENAI_API_KEY?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  OPENAI_BASE_URL?: string;

  @IsString()
  @MinLength(1)
  OPENAI_MODEL_PRIMARY = 'gpt-4o';

  @IsString()
  @MinLength(1)
  OPENAI_MODEL_FALLBACK = 'gpt-4o-mini';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  OPENAI_MAX_TOKENS = 4096;

  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(2)
  OPENAI_TEMPERATURE = 0.7;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  ANTHROPIC_API_KEY?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  ANTHROPIC_BASE_URL?: string;

  @IsString()
  @MinLength(1)
  ANTHROPIC_MODEL = 'claude-sonnet-4-6';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  ANTHROPIC_MAX_TOKENS = 4096;

  /** Ollama, vLLM, LM Studio...: used by `compatible:<model>` chain entries. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  OPENAI_COMPATIBLE_BASE_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  OPENAI_COMPATIBLE_API_KEY?: string;

  /** Per attempt: the whole answer (or, streaming, the gap between two chunks). */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600_000)
  LLM_TIMEOUT_MS = 60_000;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10)
  LLM_MAX_RETRIES = 2;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60_000)
  LLM_RETRY_BASE_DELAY_MS = 500;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(300_000)
  LLM_RETRY_MAX_DELAY_MS = 10_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  LLM_CIRCUIT_FAILURES = 5;

  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  LLM_CIRCUIT_COOLDOWN_MS = 30_000;

  /** The AI answer cache lives 24 hours by default; 0 turns it off. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(2_592_000)
  LLM_CACHE_TTL_SECONDS = 86_400;

  /** JSON {"<model>": {"input": usd, "output": usd}} per 1M tokens, over the built-in table. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  LLM_PRICES?: string;
}

export interface LlmConfig {
  /** Tried in order; the first entry that answers wins (the contract's fallback strategy). */
  readonly chain: readonly LlmChainEntry[];
  readonly openai: {
    readonly apiKey: string | undefined;
    readonly baseUrl: string | undefined;
    readonly modelPrimary: string;
    readonly modelFallback: string;
    readonly maxTokens: number;
  };
  readonly anthropic: {
    readonly apiKey: string | undefined;
    readonly baseUrl: string | undefined;
    readonly model: string;
    readonly maxTokens: number;
  };
  readonly compatible: {
    readonly baseUrl: string | undefined;
    readonly apiKey: string | undefined;
  };
  /** OPENAI_TEMPERATURE is the default for every provider (clamped to each provider's range). */
  readonly defaultTemperature: number;
  readonly timeoutMs: number;
  readonly retry: {
    readonly maxRetries: number;
    readonly baseDelayMs: number;
    readonly maxDelayMs: number;
  };
  readonly circuit: { readonly failures: number; readonly cooldownMs: number };
  /** 0 turns the response cache off. */
  readonly cacheTtlSeconds: number;
  /** Overrides of the built-in price table, by model name. */
  readonly prices: Readonly<Record<string, ModelPrice>>;
}

/** The LLM gateway: fallback chain, providers, retries, circuit breaker, cache, prices. */
export const llmConfig = configArea(LlmEnv, (vars, { problems }) => {
  const llm: LlmConfig = {
    chain: readChain(vars, problems),
    openai: {
      apiKey: vars.OPENAI_API_KEY,
      baseUrl: vars.OPENAI_BASE_URL,
      modelPrimary: vars.OPENAI_MODEL_PRIMARY,
      modelFallback: vars.OPENAI_MODEL_FALLBACK,
      maxTokens: vars.OPENAI_MAX_TOKENS,
    },
    anthropic: {
      apiKey: vars.ANTHROPIC_API_KEY,
      baseUrl: vars.ANTHROPIC_BASE_URL,
      model: vars.ANTHROPIC_MODEL,
      maxTokens: vars.ANTHROPIC_MAX_TOKENS,
    },
    compatible: {
      baseUrl: vars.OPENAI_COMPATIBLE_BASE_URL,
      apiKey: vars.OPENAI_COMPATIBLE_API_KEY,
    },
    defaultTemperature: vars.OPENAI_TEMPERATURE,
    timeoutMs: vars.LLM_TIMEOUT_MS,
    retry: {
      maxRetries: vars.LLM_MAX_RETRIES,
      baseDelayMs: vars.LLM_RETRY_BASE_DELAY_MS,
      maxDelayMs: vars.LLM_RETRY_MAX_DELAY_MS,
    },
    circuit: { failures: vars.LLM_CIRCUIT_FAILURES, cooldownMs: vars.LLM_CIRCUIT_COOLDOWN_MS },
    cacheTtlSeconds: vars.LLM_CACHE_TTL_SECONDS,
    prices: parsePrices(vars.LLM_PRICES, problems),
  };
  return { llm };
});
