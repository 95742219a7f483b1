import { getEncoding, Tiktoken } from 'js-tiktoken';
import type { LlmMessage } from './llm.types';

/**
 * Token estimates with cl100k_base, for budgets and for providers that report no usage.
 * One encoding for every model on purpose: building o200k_base costs about 1 s and 100 MB of
 * heap, while the counts differ by a few percent, well inside the budgets' safety margins.
 * Built on first use (about 250 ms), so processes that never count pay nothing.
 */
let encoder: Tiktoken | undefined;

function encoding(): Tiktoken {
  encoder ??= getEncoding('cl100k_base');
  return encoder;
}

export function countTextTokens(text: string): number {
  return text.length === 0 ? 0 : encoding().encode(text).length;
}

/** OpenAI's chat framing: about 3 tokens per message plus 3 to prime the reply. */
export function countMessageTokens(messages: readonly LlmMessage[]): number {
  return messages.reduce((sum, message) => sum + 3 + countTextTokens(message.content), 3);
}
