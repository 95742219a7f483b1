import type { LlmMessage } from '../llm.types';

export interface DraftInput {
  readonly messages: readonly LlmMessage[];
  readonly purpose: string;
  readonly json: boolean;
  readonly maxTokens: number | undefined;
}

/**
 * Writes an answer with no model: a pure, deterministic function of the request, so the whole
 * product works without a network and tests can assert exact output.
 */
export type OfflineDrafter = (input: DraftInput) => string;

export function lastUserMessage(messages: readonly LlmMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].role === 'user') return messages[i].content.trim();
  }
  return '';
}
