import type { ModelPrice } from '@/config/llm-chain';
import type { ProviderUsage } from './llm.provider';

/**
 * List prices in USD per 1M tokens (input, output) as the providers published them in 2025;
 * claude-sonnet-4-6 is assumed at the Sonnet tier's long-standing $3/$15. Prices change:
 * LLM_PRICES overrides any entry or adds models (e.g. a self-hosted one at 0).
 */
export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  o3: { input: 2, output: 8 },
  'o3-mini': { input: 1.1, output: 4.4 },
  'o4-mini': { input: 1.1, output: 4.4 },
  'gpt-4-turbo': { input: 10, output: 30 },
  'gpt-4-1106-preview': { input: 10, output: 30 },
  'gpt-4': { input: 30, output: 60 },
  'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
  'gpt-3.5-turbo-1106': { input: 1, output: 2 },
  'claude-opus-4-5': { input: 5, output: 25 },
  'claude-opus-4-1': { input: 15, output: 75 },
  'claude-opus-4': { input: 15, output: 75 },
  'claude-sonnet-4-6': { input: 3, output: 15 },
  'claude-sonnet-4-5': { input: 3, output: 15 },
  'claude-sonnet-4': { input: 3, output: 15 },
  'claude-haiku-4-5': { input: 1, output: 5 },
  'claude-3-7-sonnet': { input: 3, output: 15 },
  'claude-3-5-sonnet': { input: 3, output: 15 },
  'claude-3-5-haiku': { input: 0.8, output: 4 },
  'claude-3-sonnet': { input: 3, output: 15 },
  'claude-3-haiku': { input: 0.25, output: 1.25 },
  offline: { input: 0, output: 0 },
};

/** A dated or tagged variant of a listed model: "gpt-4o-2024-08-06", "claude-sonnet-4-5-20250929". */
const VARIANT_SUFFIX = /^[-:@]\d/;

export class PriceTable {
  private readonly prices: Readonly<Record<string, ModelPrice>>;

  constructor(overrides: Readonly<Record<string, ModelPrice>> = {}) {
    this.prices = { ...DEFAULT_PRICES, ...overrides };
  }

  /**
   * The exact model, else the longest listed name it is a dated variant of. "gpt-4o-mini" never
   * falls back to "gpt-4o": a wrong price is worse than a visible zero.
   */
  priceOf(model: string): ModelPrice | null {
    const exact = this.prices[model];
    if (exact) return exact;
    let best: string | null = null;
    for (const name of Object.keys(this.prices)) {
      const isVariant = model.startsWith(name) && VARIANT_SUFFIX.test(model.slice(name.length));
      if (isVariant && (best === null || name.length > best.length)) best = name;
    }
    return best === null ? null : this.prices[best];
  }

  /** USD, rounded to 1e-8 so sums in logs and metrics stay readable. Unpriced models cost 0. */
  costUsd(model: string, usage: ProviderUsage): number {
    const price = this.priceOf(model);
    if (!price) return 0;
    const cost = (usage.promptTokens * price.input + usage.completionTokens * price.output) / 1e6;
    return Math.round(cost * 1e8) / 1e8;
  }
}
