import {
  chunksOf,
  Exchange,
  lastUserText,
  SseEvent,
  StubReply,
  StubServer,
  writeEvents,
} from './stub-server';

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/** Anthropic's POST /v1/messages, JSON and SSE (message_start ... message_stop). */
export class AnthropicStub extends StubServer {
  protected readonly path = /\/v1\/messages$/;

  protected async respond(exchange: Exchange): Promise<void> {
    const { request, reply, res } = exchange;
    if (reply.status && reply.status >= 400) {
      const type = ERROR_TYPES[reply.status] ?? 'api_error';
      res
        .writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers })
        .end(
          JSON.stringify({ type: 'error', error: { type, message: `stub error ${reply.status}` } }),
        );
      return;
    }
    const text = reply.text ?? defaultText(request.body);
    const usage = reply.usage === undefined ? { prompt: 14, completion: 9 } : reply.usage;
    const message = {
      id: 'msg_stub',
      type: 'message',
      role: 'assistant',
      model: request.model,
      stop_reason: 'end_turn',
      stop_sequence: null,
    };
    if (!request.stream) {
      const body = reply.malformed
        ? '{"id": "msg_stub", "content": [{"type": "text", '
        : JSON.stringify({
            ...message,
            stop_reason: reply.stopReason ?? (forcedTool(request.body) ? 'tool_use' : 'end_turn'),
            content: contentFor(request.body, reply, text),
            usage: usage
              ? { input_tokens: usage.prompt, output_tokens: usage.completion }
              : undefined,
          });
      res.writeHead(200, { 'content-type': 'application/json', ...reply.headers }).end(body);
      return;
    }
    const event = (name: string, data: object): string =>
      `event: ${name}\ndata: ${JSON.stringify({ type: name, ...data })}\n\n`;
    const events: SseEvent[] = [
      {
        data: event('message_start', {
          message: {
            ...message,
            content: [],
            stop_reason: null,
            usage: { input_tokens: usage?.prompt ?? 0, output_tokens: 1 },
          },
        }),
      },
      {
        data: event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
      },
      ...(reply.malformed ? [{ data: 'event: content_block_delta\ndata: {"delta": \n\n' }] : []),
      ...chunksOf(text).map((piece) => ({
        data: event('content_block_delta', {
          index: 0,
          delta: { type: 'text_delta', text: piece },
        }),
        text: true,
      })),
      { data: event('content_block_stop', { index: 0 }) },
      {
        data: event('message_delta', {
          delta: { stop_reason: 'end_turn', stop_sequence: null },
          usage: { output_tokens: usage?.completion ?? 0 },
        }),
      },
      { data: event('message_stop', {}) },
    ];
    await writeEvents(exchange, events);
  }
}

/** The forced tool's name, when the request forces one (structured output by tool use). */
function forcedTool(body: Record<string, unknown>): string | null {
  const choice = body.tool_choice as { type?: string; name?: string } | undefined;
  return choice?.type === 'tool' && typeof choice.name === 'string' ? choice.name : null;
}

/**
 * A forced tool call answers with a tool_use block (the scripted input, or {answer} by default);
 * scripted text without an input is a model that answered in prose instead.
 */
function contentFor(body: Record<string, unknown>, reply: StubReply, text: string): object[] {
  const tool = forcedTool(body);
  if (!tool || (reply.text !== undefined && reply.toolInput === undefined)) {
    return [{ type: 'text', text }];
  }
  const input = reply.toolInput ?? { answer: `anthropic ${String(body.model)} answer` };
  return [{ type: 'tool_use', id: 'toolu_stub', name: tool, input }];
}

function defaultText(body: Record<string, unknown>): string {
  const answer = `anthropic ${String(body.model)} answer to: ${lastUserText(body)}`;
  const system = typeof body.system === 'string' ? body.system : '';
  return system.includes('JSON') ? JSON.stringify({ answer }) : answer;
}
