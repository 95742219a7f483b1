import {
  createServer,
  IncomingHttpHeaders,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ReceivedWebhook {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The body exactly as it arrived. */
  readonly rawBody: Buffer;
  readonly body: {
    event: string;
    timestamp: string;
    data: Record<string, unknown>;
    delivery_id: string;
    signature: string;
  };
}

/** What the receiver does with the next request: answer with a status, or never answer. */
export type Reply = number | 'hang';

/**
 * A real HTTP receiver on 127.0.0.1 for the webhook specs. It answers 200 unless told
 * otherwise: `reply(500, 'hang', 200)` sets the next answers in order; `hold()` keeps the next
 * request open until the test releases it.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly replies: Reply[] = [];
  private fallback: Reply = 200;
  private readonly held: ServerResponse[] = [];
  private heldWaiters: (() => void)[] = [];
  private server?: Server;
  private port = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** http://127.0.0.1:{port}{path}; `host` e.g. "localhost" for a name that resolves here. */
  url(path = '/hook', host = '127.0.0.1'): string {
    return `http://${host}:${this.port}${path}`;
  }

  /** The next answers, in order; after them, `always` (200 by default). */
  reply(...replies: Reply[]): this {
    this.replies.push(...replies);
    return this;
  }

  always(reply: Reply): this {
    this.fallback = reply;
    return this;
  }

  /** Resolves once a request is being held open ('hang'), for the test to release later. */
  async nextHeld(): Promise<{ release: (status?: number) => void }> {
    if (this.held.length === 0)
      await new Promise<void>((resolve) => this.heldWaiters.push(resolve));
    const res = this.held.shift()!;
    return { release: (status = 200) => void res.writeHead(status).end() };
  }

  /** The first `count` requests, once that many arrived (bounded wait). */
  async waitFor(count: number, limitMs = 20_000): Promise<ReceivedWebhook[]> {
    const giveUpAt = Date.now() + limitMs;
    while (this.received.length < count) {
      if (Date.now() > giveUpAt) {
        throw new Error(`expected ${count} webhook requests, got ${this.received.length}`);
      }
      await sleep(20);
    }
    return this.received.slice(0, count);
  }

  async close(): Promise<void> {
    for (const res of this.held.splice(0)) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks);
    this.received.push({
      path: req.url ?? '',
      headers: req.headers,
      rawBody,
      body: JSON.parse(rawBody.toString('utf8')) as ReceivedWebhook['body'],
    });
    const reply = this.replies.shift() ?? this.fallback;
    if (reply === 'hang') {
      this.held.push(res);
      for (const wake of this.heldWaiters.splice(0)) wake();
      return;
    }
    res.writeHead(reply, { 'Content-Type': 'text/plain' }).end(`status ${reply}`);
  }
}
