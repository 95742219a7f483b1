/** The variables the chain is read from (LlmEnv in llm.config.ts has them all). */
export interface ChainVariables {
  readonly LLM_CHAIN?: string;
  readonly OPENAI_API_KEY?: string;
  readonly OPENAI_MODEL_PRIMARY: string;
  readonly OPENAI_MODEL_FALLBACK: string;
  readonly ANTHROPIC_API_KEY?: string;
  readonly ANTHROPIC_MODEL: string;
  readonly OPENAI_COMPATIBLE_BASE_URL?: string;
}

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

/**
 * LLM_CHAIN as entries, checked: each provider's settings present, no duplicates, offline last.
 * Unset, the contract's order from whichever keys are present (OpenAI primary, its fallback
 * model, Anthropic); the offline drafter when there are none.
 */
export function readChain(vars: ChainVariables, problems: string[]): LlmChainEntry[] {
  return parseChain(vars.LLM_CHAIN ?? defaultChain(vars), vars, problems);
}

function defaultChain(vars: ChainVariables): string {
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

function parseChain(raw: string, vars: ChainVariables, problems: string[]): LlmChainEntry[] {
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

function missingSetting(provider: LlmProviderName, vars: ChainVariables): string | null {
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

/** LLM_PRICES: {"<model>": {"input": usd, "output": usd}} per 1M tokens, over the built-in table. */
export function parsePrices(
  raw: string | undefined,
  problems: string[],
): Record<string, ModelPrice> {
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
