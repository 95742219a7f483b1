import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import type { ProviderCall } from './llm.provider';
import { OpenAiProvider } from './openai.provider';

/**
 * Any server speaking OpenAI's chat completions API (Ollama, vLLM, LM Studio). Same SDK, but the
 * older `max_tokens` field, which these servers all accept, no reasoning-model rules, and JSON
 * mode for structured answers (few of them implement json_schema; the schema is in the prompt).
 */
export class OpenAiCompatibleProvider extends OpenAiProvider {
  override readonly name = 'compatible';

  protected override body(call: ProviderCall): ChatCompletionCreateParamsBase {
    const { max_completion_tokens: maxTokens, ...rest } = super.body(call);
    return {
      ...rest,
      max_tokens: maxTokens,
      temperature: call.temperature,
      response_format: call.json ? { type: 'json_object' } : undefined,
    };
  }
}
