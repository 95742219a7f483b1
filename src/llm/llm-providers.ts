import { AppConfig } from '@/config/app-config';
import type { LlmProviderName } from '@/config/llm-chain';
import { AnthropicProvider } from './anthropic.provider';
import { LlmProvider } from './llm.provider';
import { OfflineProvider } from './offline.provider';
import { OfflineDrafters } from './offline/offline-drafters';
import { OpenAiCompatibleProvider } from './openai-compatible.provider';
import { OpenAiProvider } from './openai.provider';

/** The adapters the configured chain uses, one client each (models share their provider's). */
export class LlmProviders {
  constructor(private readonly byName: ReadonlyMap<LlmProviderName, LlmProvider>) {}

  get(name: LlmProviderName): LlmProvider {
    const provider = this.byName.get(name);
    // Config validation guarantees every chain entry has its provider; this is a wiring bug.
    if (!provider) throw new Error(`LLM provider "${name}" is not configured`);
    return provider;
  }
}

export function createLlmProviders(config: AppConfig, drafters: OfflineDrafters): LlmProviders {
  const { llm } = config;
  const needed = new Set(llm.chain.map((entry) => entry.provider));
  const byName = new Map<LlmProviderName, LlmProvider>();
  for (const name of needed) {
    switch (name) {
      case 'openai':
        byName.set(
          name,
          new OpenAiProvider({
            apiKey: llm.openai.apiKey ?? '',
            baseUrl: llm.openai.baseUrl,
            maxTokens: llm.openai.maxTokens,
          }),
        );
        break;
      case 'compatible':
        byName.set(
          name,
          new OpenAiCompatibleProvider({
            // Local servers ignore the key, but the SDK refuses to start without one.
            apiKey: llm.compatible.apiKey ?? 'not-needed',
            baseUrl: llm.compatible.baseUrl,
            maxTokens: llm.openai.maxTokens,
          }),
        );
        break;
      case 'anthropic':
        byName.set(
          name,
          new AnthropicProvider({
            apiKey: llm.anthropic.apiKey ?? '',
            baseUrl: llm.anthropic.baseUrl,
            maxTokens: llm.anthropic.maxTokens,
          }),
        );
        break;
      case 'offline':
        byName.set(name, new OfflineProvider(drafters));
        break;
    }
  }
  return new LlmProviders(byName);
}
