import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pinoHttp } from 'pino-http';
import { pinoHttpOptions } from './pino-http-options';

describe('request logging', () => {
  const lines: Record<string, unknown>[] = [];
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const log = pinoHttp(pinoHttpOptions('info'), sink);
    server = createServer((req: IncomingMessage & { user?: { id: string } }, res) => {
      req.id = 'req-42';
      log(req, res);
      req.user = { id: 'user-7' };
      res.statusCode = 201;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('writes one JSON line with request id, user id, latency and status, and no secrets', async () => {
    await fetch(`${base}/api/v1/things?token=secret-in-query`, {
      method: 'POST',
      headers: { Authorization: 'Bearer secret-token', Cookie: 'sid=secret-cookie' },
    });
    await new Promise((resolve) => setImmediate(resolve));
    const line = lines.find((entry) => entry.request_id === 'req-42');
    expect(line).toMatchObject({
      user_id: 'user-7',
      req: { method: 'POST', url: '/api/v1/things' },
      res: { status_code: 201 },
      latency_ms: expect.any(Number),
    });
    expect(JSON.stringify(lines)).not.toMatch(/secret-(token|cookie|in-query)/);
  });

  it('does not log health probes or metric scrapes', async () => {
    const before = lines.length;
    await fetch(`${base}/health`);
    await fetch(`${base}/metrics`);
    expect(lines.length).toBe(before);
  });
});
