import { LlmProvider, ProviderAnswer, ProviderCall, ProviderChunk } from './llm.provider';
import { OfflineDrafters } from './offline/offline-drafters';

/**
 * The provider that needs no network: drafts deterministically from the request with the
 * drafter registered for its purpose. The default when no key is configured; its answers are
 * labelled provider "offline", model "offline". Usage is left to the gateway's token estimate.
 */
export class OfflineProvider extends LlmProvider {
  readonly name = 'offline';

  constructor(private readonly drafters: OfflineDrafters) {
    super();
  }

  complete(call: ProviderCall): Promise<ProviderAnswer> {
    return Promise.resolve({ text: this.draft(call), usage: null });
  }

  async *stream(call: ProviderCall): AsyncIterable<ProviderChunk> {
    // Word-sized deltas, so streaming clients behave exactly as they do with a real model.
    for (const piece of this.draft(call).match(/\S+\s*|\s+/g) ?? []) {
      yield await Promise.resolve({ text: piece });
    }
  }

  private draft(call: ProviderCall): string {
    const drafter = this.drafters.for(call.purpose);
    return drafter({
      messages: call.messages,
      purpose: call.purpose,
      json: call.json,
      maxTokens: call.maxTokens,
    });
  }
}
