import { chunksOf, Exchange, lastUserText, SseEvent, StubServer, writeEvents } from './stub-server';

/** OpenAI's POST /v1/chat/completions, JSON and SSE (with `stream_options.include_usage`). */
export class OpenAiStub extends StubServer {
  protected readonly path = /\/chat\/completions$/;

  protected async respond(exchange: Exchange): Promise<void> {
    const { request, reply, res } = exchange;
    if (reply.status && reply.status >= 400) {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(
        JSON.stringify({
          error: { message: `stub error ${reply.status}`, type: 'stub_error', code: null },
        }),
      );
      return;
    }
    const text = reply.text ?? defaultText(request.body);
    const usage = reply.usage === undefined ? { prompt: 12, completion: 8 } : reply.usage;
    const openaiUsage = usage && {
      prompt_tokens: usage.prompt,
      completion_tokens: usage.completion,
      total_tokens: usage.prompt + usage.completion,
    };
    const base = { id: 'chatcmpl-stub', created: 1_700_000_000, model: request.model };
    if (!request.stream) {
      const message = reply.refusal
        ? { role: 'assistant', content: null, refusal: reply.refusal }
        : { role: 'assistant', content: text, refusal: null };
      const body = reply.malformed
        ? '{"id": "chatcmpl-stub", "choices": [{"message": '
        : JSON.stringify({
            ...base,
            object: 'chat.completion',
            choices: [{ index: 0, message, finish_reason: reply.stopReason ?? 'stop' }],
            ...(openaiUsage ? { usage: openaiUsage } : {}),
          });
      res.writeHead(200, { 'content-type': 'application/json', ...reply.headers }).end(body);
      return;
    }
    const chunk = (fields: object): string =>
      `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', ...fields })}\n\n`;
    const events: SseEvent[] = [
      {
        data: chunk({
          choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
        }),
      },
      ...(reply.malformed ? [{ data: 'data: {"choices": [{"delta": \n\n' }] : []),
      ...chunksOf(text).map((piece) => ({
        data: chunk({ choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] }),
        text: true,
      })),
      { data: chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }) },
    ];
    const includeUsage = (request.body.stream_options as { include_usage?: boolean } | undefined)
      ?.include_usage;
    if (openaiUsage && includeUsage)
      events.push({ data: chunk({ choices: [], usage: openaiUsage }) });
    events.push({ data: 'data: [DONE]\n\n' });
    await writeEvents(exchange, events);
  }
}

function defaultText(body: Record<string, unknown>): string {
  const answer = `openai ${String(body.model)} answer to: ${lastUserText(body)}`;
  const format = body.response_format as { type?: string } | undefined;
  return format?.type === 'json_object' || format?.type === 'json_schema'
    ? JSON.stringify({ answer })
    : answer;
}
