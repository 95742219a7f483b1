import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A `delayMs` no client waits out: the reply never comes (the pause ends when the client goes). */
export const NEVER = 3_600_000;

/** What the stub does with one request. Everything is optional: the default is a good answer. */
export interface StubReply {
  /** A non-2xx status sends the provider's error body instead of an answer. */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Wait before the response headers (client timeouts: use NEVER). */
  readonly delayMs?: number;
  /** Answer only once this settles: a reply the test releases when it has seen what it wants. */
  readonly until?: Promise<unknown>;
  /** A body (or, streaming, an SSE event) that is not valid JSON. */
  readonly malformed?: boolean;
  /** The answer; default "<provider> <model> answer to: <last user message>". */
  readonly text?: string;
  /** Reported usage; null leaves it out of the response. */
  readonly usage?: { readonly prompt: number; readonly completion: number } | null;
  /** Streaming: pause after each text chunk (a stall once the answer has started). */
  readonly chunkDelayMs?: number;
  /** Streaming: cut the connection after this many text chunks. */
  readonly dropAfterChunks?: number;
  /** Why the answer stopped ("length" / "max_tokens" for a cut-off answer); default a normal end. */
  readonly stopReason?: string;
  /** OpenAI structured outputs: a refusal instead of content. */
  readonly refusal?: string;
  /**
   * Anthropic, when the request forces a tool: the tool call's input (any JSON value, as a model
   * may send). Without it, a forced tool call answers with `text` as prose instead, if given.
   */
  readonly toolInput?: unknown;
}

export interface RecordedRequest {
  readonly model: string;
  readonly stream: boolean;
  readonly body: Record<string, unknown>;
  readonly headers: IncomingMessage['headers'];
}

interface Rule {
  readonly model: string | undefined;
  readonly reply: StubReply;
  remaining: number;
}

export interface Exchange {
  readonly request: RecordedRequest;
  readonly reply: StubReply;
  readonly res: ServerResponse;
  /** False once the client has gone (timeouts, aborted streams): stop writing. */
  readonly open: () => boolean;
  /** A pause that ends early (false) when the client goes, so no timer outlives a test. */
  readonly pause: (ms: number) => Promise<boolean>;
}

/**
 * A local HTTP server on 127.0.0.1 and a kernel-chosen port that speaks one provider's API to
 * the real SDK. Replies are scripted per model: queued rules are used in order (`times` each),
 * then the default good answer. Every request is recorded, so tests can assert the order of
 * models the gateway tried.
 */
export abstract class StubServer {
  readonly requests: RecordedRequest[] = [];
  /** Requests whose client walked away before the response was complete (aborts, timeouts). */
  readonly abandoned: RecordedRequest[] = [];
  private readonly rules: Rule[] = [];
  private server: Server | undefined;
  private address = '';

  protected abstract readonly path: RegExp;

  protected abstract respond(exchange: Exchange): Promise<void>;

  get url(): string {
    return this.address;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.address = `http://127.0.0.1:${port}`;
    return this;
  }

  /** Script the next `times` requests (for `model`, or any model) to get `reply`. */
  enqueue(reply: StubReply, options: { model?: string; times?: number } = {}): this {
    this.rules.push({ model: options.model, reply, remaining: options.times ?? 1 });
    return this;
  }

  reset(): void {
    this.rules.length = 0;
    this.requests.length = 0;
    this.abandoned.length = 0;
  }

  modelsRequested(): string[] {
    return this.requests.map((request) => request.model);
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    } catch {
      res.writeHead(400).end('request body is not JSON');
      return;
    }
    if (req.method !== 'POST' || !this.path.test(req.url ?? '')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    const request: RecordedRequest = {
      model: String(body.model),
      stream: body.stream === true,
      body,
      headers: req.headers,
    };
    this.requests.push(request);
    const reply = this.take(request.model);
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableEnded) this.abandoned.push(request);
      gone.abort();
    });
    const open = (): boolean => !gone.signal.aborted;
    const pause = (ms: number): Promise<boolean> =>
      sleep(ms, true, { signal: gone.signal }).catch(() => false);
    if (reply.until && !(await released(reply.until, gone.signal))) return;
    if (reply.delayMs && !(await pause(reply.delayMs))) return;
    await this.respond({ request, reply, res, open, pause });
  }

  private take(model: string): StubReply {
    const rule = this.rules.find((r) => r.remaining > 0 && (!r.model || r.model === model));
    if (!rule) return {};
    rule.remaining -= 1;
    return rule.reply;
  }
}

export function lastUserText(body: Record<string, unknown>): string {
  const messages = Array.isArray(body.messages)
    ? (body.messages as { role?: string; content?: unknown }[])
    : [];
  const last = [...messages].reverse().find((message) => message.role === 'user');
  return typeof last?.content === 'string' ? last.content : '';
}

export function chunksOf(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [text];
}

export interface SseEvent {
  readonly data: string;
  /** Carries answer text (counted for `dropAfterChunks`). */
  readonly text?: boolean;
}

/** Writes SSE events one by one, honouring the reply's pauses and connection drop. */
export async function writeEvents(exchange: Exchange, events: readonly SseEvent[]): Promise<void> {
  const { reply, res, open, pause } = exchange;
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    ...reply.headers,
  });
  let textSent = 0;
  for (const event of events) {
    if (!open()) return;
    if (reply.dropAfterChunks !== undefined && textSent >= reply.dropAfterChunks) {
      // Let the client read what was sent: an immediate reset could discard it in flight.
      if (await pause(50)) res.destroy();
      return;
    }
    res.write(event.data);
    if (event.text) {
      textSent += 1;
      if (reply.chunkDelayMs && !(await pause(reply.chunkDelayMs))) return;
    }
  }
  res.end();
}

/** True once `gate` settles, false if the client goes first. */
function released(gate: Promise<unknown>, gone: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (gone.aborted) return resolve(false);
    gone.addEventListener('abort', () => resolve(false), { once: true });
    gate.then(
      () => resolve(true),
      () => resolve(true),
    );
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
