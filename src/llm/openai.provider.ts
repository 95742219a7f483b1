import OpenAI from 'openai';
import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import { ProviderFailure } from './llm-failure';
import { providerSchema } from './structured/json-schema';
import {
  LlmProvider,
  ProviderAnswer,
  ProviderCall,
  ProviderChunk,
  ProviderUsage,
} from './llm.provider';

export interface OpenAiProviderOptions {
  readonly apiKey: string;
  readonly baseUrl: string | undefined;
  readonly maxTokens: number;
}

/** Reasoning models reject `temperature` (only the default is allowed). */
const FIXED_TEMPERATURE_MODELS = /^(o\d|gpt-5)/;

/** OpenAI's chat completions API through the official SDK, streamed or not. */
export class OpenAiProvider extends LlmProvider {
  readonly name: 'openai' | 'compatible' = 'openai';
  protected readonly client: OpenAI;

  constructor(protected readonly options: OpenAiProviderOptions) {
    super();
    // Retries are the gateway's: one policy, visible in metrics, with fallback in between. The
    // gateway also logs every failure (structured), so the SDK's own console lines stay off.
    this.client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseUrl,
      maxRetries: 0,
      logLevel: 'off',
    });
  }

  async complete(call: ProviderCall): Promise<ProviderAnswer> {
    const completion: unknown = await this.client.chat.completions.create(
      { ...this.body(call), stream: false },
      { signal: call.signal, timeout: call.timeoutMs, maxRetries: 0 },
    );
    return readCompletion(completion);
  }

  async *stream(call: ProviderCall): AsyncIterable<ProviderChunk> {
    const stream = await this.client.chat.completions.create(
      { ...this.body(call), stream: true, stream_options: { include_usage: true } },
      { signal: call.signal, timeout: call.timeoutMs, maxRetries: 0 },
    );
    let finished = false;
    for await (const chunk of stream) {
      const choice = chunk.choices?.[0];
      if (choice?.delta?.content) yield { text: choice.delta.content };
      if (choice?.finish_reason) finished = true;
      if (chunk.usage) yield { usage: toUsage(chunk.usage) };
    }
    // The SDK ends quietly when the connection closes early; a missing finish_reason tells.
    if (!finished) throw new ProviderFailure('connection', 'the stream ended before finish_reason');
  }

  protected body(call: ProviderCall): ChatCompletionCreateParamsBase {
    const maxTokens = Math.min(call.maxTokens ?? this.options.maxTokens, this.options.maxTokens);
    return {
      model: call.model,
      messages: call.messages.map((message) => ({ role: message.role, content: message.content })),
      // max_tokens is deprecated on OpenAI and refused by reasoning models.
      max_completion_tokens: maxTokens,
      ...(FIXED_TEMPERATURE_MODELS.test(call.model) ? {} : { temperature: call.temperature }),
      ...responseFormat(call),
    };
  }
}

/** Structured answers use OpenAI's strict JSON schema mode; plain JSON, JSON mode. */
function responseFormat(
  call: ProviderCall,
): Pick<ChatCompletionCreateParamsBase, 'response_format'> {
  if (call.schema) {
    const { name, description, schema } = call.schema;
    return {
      response_format: {
        type: 'json_schema',
        json_schema: { name, description, schema: providerSchema(schema), strict: true },
      },
    };
  }
  return call.json ? { response_format: { type: 'json_object' } } : {};
}

/** The SDK returns a bare string when the body is not JSON, so nothing is trusted unchecked. */
function readCompletion(completion: unknown): ProviderAnswer {
  const body = completion as {
    choices?: { message?: { content?: unknown; refusal?: unknown } }[];
    usage?: OpenAI.CompletionUsage;
  } | null;
  const message = typeof body === 'object' ? body?.choices?.[0]?.message : undefined;
  const content = message?.content;
  // Structured outputs: a refusal comes instead of content, and will not change on a retry.
  if (typeof message?.refusal === 'string' && message.refusal !== '') {
    throw new ProviderFailure('bad_request', `the model refused: ${message.refusal.slice(0, 200)}`);
  }
  if (typeof content !== 'string') {
    throw new ProviderFailure('malformed', 'the completion has no choices[0].message.content');
  }
  return { text: content, usage: body?.usage ? toUsage(body.usage) : null };
}

function toUsage(usage: OpenAI.CompletionUsage): ProviderUsage {
  return { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens };
}
