import Anthropic from '@anthropic-ai/sdk';
import type {
  MessageParam,
  Tool,
  ToolChoiceTool,
} from '@anthropic-ai/sdk/resources/messages/messages';
import { ProviderFailure } from './llm-failure';
import { LlmProvider, ProviderAnswer, ProviderCall, ProviderChunk } from './llm.provider';
import type { LlmMessage } from './llm.types';
import { providerSchema } from './structured/json-schema';

export interface AnthropicProviderOptions {
  readonly apiKey: string;
  readonly baseUrl: string | undefined;
  readonly maxTokens: number;
}

interface AnthropicBody {
  model: string;
  max_tokens: number;
  temperature: number;
  system?: string;
  messages: MessageParam[];
  tools?: Tool[];
  tool_choice?: ToolChoiceTool;
}

/** Anthropic's messages API through the official SDK, streamed or not. */
export class AnthropicProvider extends LlmProvider {
  readonly name = 'anthropic';
  private readonly client: Anthropic;

  constructor(private readonly options: AnthropicProviderOptions) {
    super();
    // An explicit key stops the SDK looking for credentials in the environment or on disk.
    this.client = new Anthropic({
      apiKey: options.apiKey,
      baseURL: options.baseUrl,
      maxRetries: 0,
      logLevel: 'off',
    });
  }

  async complete(call: ProviderCall): Promise<ProviderAnswer> {
    const message: unknown = await this.client.messages.create(
      { ...this.body(call), stream: false },
      { signal: call.signal, timeout: call.timeoutMs, maxRetries: 0 },
    );
    const body = message as {
      content?: { type?: string; text?: unknown; name?: unknown; input?: unknown }[];
      usage?: { input_tokens?: number | null; output_tokens?: number };
    } | null;
    if (typeof body !== 'object' || !Array.isArray(body?.content)) {
      throw new ProviderFailure('malformed', 'the message has no content blocks');
    }
    // A structured answer is the forced tool call's input; text is the fallback, left to the
    // caller's validation (a model may still answer in prose).
    const tool = call.schema
      ? body.content.find((block) => block.type === 'tool_use' && block.name === call.schema?.name)
      : undefined;
    const text = tool
      ? JSON.stringify(tool.input ?? null)
      : body.content
          .filter((block) => block.type === 'text' && typeof block.text === 'string')
          .map((block) => block.text as string)
          .join('');
    const usage = body.usage;
    return {
      text,
      usage:
        typeof usage?.output_tokens === 'number'
          ? { promptTokens: usage.input_tokens ?? 0, completionTokens: usage.output_tokens }
          : null,
    };
  }

  async *stream(call: ProviderCall): AsyncIterable<ProviderChunk> {
    const stream = await this.client.messages.create(
      { ...this.body(call), stream: true },
      { signal: call.signal, timeout: call.timeoutMs, maxRetries: 0 },
    );
    // Input tokens arrive first (message_start), output tokens last (message_delta).
    let promptTokens = 0;
    let finished = false;
    for await (const event of stream) {
      if (event.type === 'message_start') {
        promptTokens = event.message.usage.input_tokens ?? 0;
      } else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
        yield { text: event.delta.text };
      } else if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') {
        yield { text: event.delta.partial_json };
      } else if (event.type === 'message_delta') {
        yield { usage: { promptTokens, completionTokens: event.usage.output_tokens } };
      } else if (event.type === 'message_stop') {
        finished = true;
      }
    }
    // The SDK ends quietly when the connection closes early; a missing message_stop tells.
    if (!finished) throw new ProviderFailure('connection', 'the stream ended before message_stop');
  }

  private body(call: ProviderCall): AnthropicBody {
    const system = call.messages
      .filter((message) => message.role === 'system')
      .map((message) => message.content)
      .join('\n\n');
    return {
      model: call.model,
      max_tokens: Math.min(call.maxTokens ?? this.options.maxTokens, this.options.maxTokens),
      // Anthropic's range is 0-1; OPENAI_TEMPERATURE's is 0-2.
      temperature: Math.min(call.temperature, 1),
      ...(system ? { system } : {}),
      messages: alternatingTurns(call.messages),
      ...(call.schema
        ? {
            tools: [
              {
                name: call.schema.name,
                description: call.schema.description,
                input_schema: providerSchema(call.schema.schema) as Tool.InputSchema,
              },
            ],
            tool_choice: { type: 'tool', name: call.schema.name },
          }
        : {}),
    };
  }
}

/** Anthropic wants user/assistant turns that alternate and start with the user. */
function alternatingTurns(messages: readonly LlmMessage[]): MessageParam[] {
  const turns: { role: 'user' | 'assistant'; content: string }[] = [];
  for (const message of messages) {
    if (message.role === 'system') continue;
    const last = turns.at(-1);
    if (last?.role === message.role) last.content += `\n\n${message.content}`;
    else turns.push({ role: message.role, content: message.content });
  }
  if (turns[0]?.role !== 'user') turns.unshift({ role: 'user', content: '(continue)' });
  return turns;
}
