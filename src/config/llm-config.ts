import type { EnvironmentVariables } from './env.schema';

export const LLM_PROVIDERS = ['openai', 'anthropic', 'compatible', 'offline'] as const;
export type LlmProviderName = (typeof LLM_PROVIDERS)[number];

/** One link of the fallback chain: which adapter, and which model it asks for. */
export interface LlmChainEntry {
  readonly provider: LlmProviderName;
  readonly model: string;
}

/** List price in USD per one million tokens. */
export interface ModelPrice {
  readonly input: number;
  readonly output: number;
}

export interface LlmConfig {
  /** Tried in order; the first entry that answers wins (seed 000 §4 fallback strategy). */
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

/** Builds the `llm` section; adds a line naming the variable to `problems` for each bad value. */
export function buildLlmConfig(vars: EnvironmentVariables, problems: string[]): LlmConfig {
  const raw = vars.LLM_CHAIN ?? defaultChain(vars);
  const chain = parseChain(raw, vars, problems);
  return {
    chain,
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
}

/** Seed 000's order from whichever keys are present; the offline drafter when there are none. */
function defaultChain(vars: EnvironmentVariables): string {
  const entries: string[] = [];
  if (vars.OPENAI_API_KEY) {
    entries.push(`openai:${vars.OPENAI_MODEL_PRIMARY}`);
    if (vars.OPENAI_MODEL_FALLBACK !== vars.OPENAI_MODEL_PRIMARY) {
      entries.push(`openai:${vars.OPENAI_MODEL_FALLBACK}`);
    }
  }
  if (vars.ANTHROPIC_API_KEY) entries.push(`anthropic:${vars.ANTHROPIC_MODEL}`);
  return entries.length > 0 ? entries.join(',') : 'offline';
}

function parseChain(raw: string, vars: EnvironmentVariables, problems: string[]): LlmChainEntry[] {
  const report = (message: string): void => {
    problems.push(`LLM_CHAIN: ${message} (got ${JSON.stringify(raw)})`);
  };
  const items = raw.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) {
    report('empty entry; use provider:model separated by commas');
    return [];
  }
  const chain: LlmChainEntry[] = [];
  for (const item of items) {
    // Split at the first colon only: Ollama model tags contain one ("llama3.1:8b").
    const colon = item.indexOf(':');
    const provider = colon === -1 ? item : item.slice(0, colon);
    const model = colon === -1 ? '' : item.slice(colon + 1).trim();
    if (!isProvider(provider)) {
      report(`unknown provider "${provider}" in "${item}" (one of ${LLM_PROVIDERS.join(', ')})`);
      continue;
    }
    if (provider === 'offline') {
      chain.push({ provider, model: 'offline' });
      continue;
    }
    if (!model) {
      report(`"${item}" names no model (write ${provider}:<model>)`);
      continue;
    }
    const missing = missingSetting(provider, vars);
    if (missing) report(`"${item}" needs ${missing}`);
    chain.push({ provider, model });
  }
  const seen = new Set<string>();
  for (const entry of chain) {
    const id = `${entry.provider}:${entry.model}`;
    if (seen.has(id)) report(`"${id}" is listed twice`);
    seen.add(id);
  }
  const offlineAt = chain.findIndex((entry) => entry.provider === 'offline');
  if (offlineAt !== -1 && offlineAt !== chain.length - 1) {
    report('offline never fails, so it must be the last entry');
  }
  return chain;
}

function isProvider(value: string): value is LlmProviderName {
  return (LLM_PROVIDERS as readonly string[]).includes(value);
}

function missingSetting(provider: LlmProviderName, vars: EnvironmentVariables): string | null {
  switch (provider) {
    case 'openai':
      return vars.OPENAI_API_KEY ? null : 'OPENAI_API_KEY';
    case 'anthropic':
      return vars.ANTHROPIC_API_KEY ? null : 'ANTHROPIC_API_KEY';
    case 'compatible':
      return vars.OPENAI_COMPATIBLE_BASE_URL ? null : 'OPENAI_COMPATIBLE_BASE_URL';
    case 'offline':
      return null;
  }
}

function parsePrices(raw: string | undefined, problems: string[]): Record<string, ModelPrice> {
  if (!raw) return {};
  const report = (message: string): Record<string, ModelPrice> => {
    problems.push(`LLM_PRICES: ${message}`);
    return {};
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return report(`not valid JSON (got ${JSON.stringify(raw)})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return report('must be a JSON object {"<model>": {"input": <usd>, "output": <usd>}}');
  }
  const prices: Record<string, ModelPrice> = {};
  for (const [model, price] of Object.entries(parsed)) {
    if (!isPrice(price)) {
      return report(`"${model}" needs non-negative "input" and "output" USD per 1M tokens`);
    }
    prices[model] = { input: price.input, output: price.output };
  }
  return prices;
}

function isPrice(value: unknown): value is ModelPrice {
  if (typeof value !== 'object' || value === null) return false;
  const { input, output } = value as Record<string, unknown>;
  return [input, output].every(
    (amount) => typeof amount === 'number' && Number.isFinite(amount) && amount >= 0,
  );
}
