import { LlmTally } from '@/llm/agent-logs/llm-tally';
import type { LlmGateway } from '@/llm/llm-gateway.service';
import type { LlmMessage, LlmRequest, LlmResult } from '@/llm/llm.types';

/**
 * The gateway as one agent run sees it: text in, text out. Every answer is added to the run's
 * tally and to the tally of the node that is running, so agent_logs can say what each used.
 */
export class AgentLlm {
  readonly runTally = new LlmTally();
  private nodeTally: LlmTally | null = null;

  constructor(private readonly gateway: LlmGateway) {}

  async complete(
    purpose: string,
    messages: readonly LlmMessage[],
    options: Pick<LlmRequest, 'json' | 'schema' | 'maxTokens' | 'temperature'> = {},
  ): Promise<string> {
    const result = await this.gateway.complete({ purpose, messages, ...options });
    this.runTally.add(result);
    this.nodeTally?.add(result);
    return result.text;
  }

  /**
   * A streamed answer: `onDelta` gets each piece as the provider sends it; the result (whole
   * text, usage, model) is tallied like a completion's once the stream is done.
   */
  async stream(
    purpose: string,
    messages: readonly LlmMessage[],
    onDelta: (text: string) => void,
    options: { maxTokens?: number; temperature?: number } = {},
  ): Promise<LlmResult> {
    let result: LlmResult | undefined;
    for await (const event of this.gateway.stream({ purpose, messages, ...options })) {
      if (event.type === 'delta') onDelta(event.text);
      else result = event.result;
    }
    if (!result) throw new Error(`The ${purpose} stream ended without its result`);
    this.runTally.add(result);
    this.nodeTally?.add(result);
    return result;
  }

  /** A JSON answer as an object ({} when the model sent something else). */
  async completeJson(
    purpose: string,
    messages: readonly LlmMessage[],
  ): Promise<Record<string, unknown>> {
    const text = await this.complete(purpose, messages, { json: true });
    try {
      const parsed: unknown = JSON.parse(
        text.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/i, '$1'),
      );
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : {};
    } catch {
      return {};
    }
  }

  /** Starts counting a node's calls (nodes of one run execute one at a time). */
  startNode(): LlmTally {
    this.nodeTally = new LlmTally();
    return this.nodeTally;
  }

  endNode(): void {
    this.nodeTally = null;
  }
}
