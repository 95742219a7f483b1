import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardedLookup } from '../url-guard';
import { RESPONSE_READ_CAP, sendWebhook } from './webhook-sender';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A local receiver whose behaviour each test sets; it records what reached it. */
async function aReceiver(): Promise<{
  url: (path?: string) => URL;
  handle: (handler: Handler) => void;
  hits: string[];
  close: () => Promise<void>;
}> {
  let handler: Handler = (_req, res) => res.end();
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = '/hook') => new URL(`http://localhost:${port}${path}`),
    handle: (next) => (handler = next),
    hits,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Far beyond any answer of a local receiver, however loaded the machine. */
const OPTIONS = { timeoutMs: 10_000, lookup: guardedLookup(true) };

describe('sendWebhook against a local receiver', () => {
  let receiver: Awaited<ReturnType<typeof aReceiver>>;
  beforeEach(async () => {
    receiver = await aReceiver();
  });
  afterEach(() => receiver.close());

  it('POSTs the body with the headers and counts a 2xx as success', async () => {
    let received = '';
    let headers: IncomingMessage['headers'] = {};
    receiver.handle((req, res) => {
      headers = req.headers;
      req.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
      req.on('end', () => res.writeHead(202).end('queued'));
    });
    const result = await sendWebhook(receiver.url(), { 'X-Test': 'yes' }, '{"a":"é"}', OPTIONS);
    expect(result).toMatchObject({
      outcome: 'success',
      statusCode: 202,
      error: null,
      responseExcerpt: 'queued',
    });
    expect(received).toBe('{"a":"é"}');
    expect(headers['x-test']).toBe('yes');
    expect(headers['content-length']).toBe(String(Buffer.byteLength('{"a":"é"}')));
  });

  it('reports a 500 with the start of the answer', async () => {
    receiver.handle((_req, res) => res.writeHead(500).end('boom'));
    expect(await sendWebhook(receiver.url(), {}, '{}', OPTIONS)).toMatchObject({
      outcome: 'http_error',
      statusCode: 500,
      error: 'HTTP 500',
      responseExcerpt: 'boom',
    });
  });

  it('does not follow a redirect, and counts it as a failure', async () => {
    receiver.handle((req, res) =>
      req.url === '/hook'
        ? res.writeHead(307, { Location: '/elsewhere' }).end()
        : res.writeHead(200).end(),
    );
    const result = await sendWebhook(receiver.url(), {}, '{}', OPTIONS);
    expect(result).toMatchObject({ outcome: 'redirect', statusCode: 307 });
    expect(result.error).toBe('HTTP 307: redirect to /elsewhere not followed');
    expect(receiver.hits).toEqual(['/hook']);
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    // It never answers, so a short timeout cannot be beaten by a slow machine.
    receiver.handle(() => undefined);
    expect(
      await sendWebhook(receiver.url(), {}, '{}', { ...OPTIONS, timeoutMs: 300 }),
    ).toMatchObject({
      outcome: 'timeout',
      statusCode: null,
      error: 'No complete answer within 300 ms',
    });
  });

  it('reads no more than a small cap of an endless answer', async () => {
    receiver.handle((_req, res) => {
      res.writeHead(200);
      const chunk = 'x'.repeat(RESPONSE_READ_CAP);
      const timer = setInterval(() => res.write(chunk), 1);
      res.on('close', () => clearInterval(timer));
    });
    const result = await sendWebhook(receiver.url(), {}, '{}', OPTIONS);
    expect(result.outcome).toBe('success');
    expect(result.responseExcerpt).toHaveLength(256);
  });

  it('refuses to connect when the host resolves to a private address', async () => {
    const result = await sendWebhook(receiver.url(), {}, '{}', {
      ...OPTIONS,
      lookup: guardedLookup(false),
    });
    expect(result).toMatchObject({ outcome: 'refused', statusCode: null });
    expect(result.error).toMatch(/url resolves to (127\.0\.0\.1|::1)/);
    expect(receiver.hits).toEqual([]);
  });

  it('reports a refused connection', async () => {
    const url = receiver.url();
    await receiver.close();
    expect(await sendWebhook(url, {}, '{}', OPTIONS)).toMatchObject({
      outcome: 'network_error',
      error: 'Connection refused',
    });
    receiver = await aReceiver();
  });
});
