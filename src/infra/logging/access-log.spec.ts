import express from 'express';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { PinoLogger } from 'nestjs-pino';
import { accessLog } from './access-log';
import { createLoggers } from './root-logger';

describe('access log', () => {
  const lines: Record<string, unknown>[] = [];
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) {
          lines.push(JSON.parse(line) as Record<string, unknown>);
        }
        done();
      },
    });
    const loggers = createLoggers('info', sink);
    const { root } = loggers;
    const log = accessLog(loggers);
    // What a service logs while serving a request goes through nestjs-pino's PinoLogger.
    const serviceLogger = new PinoLogger({ pinoHttp: { logger: root } });
    const app = express();
    app.use((req, res, next) => {
      const started = performance.now();
      const id = String(req.headers['x-request-id']);
      res.once('close', () => log.finished(req, res, id, performance.now() - started));
      log.bind(id, next);
    });
    app.use((req, res) => {
      (req as express.Request & { user?: { id: string } }).user = { id: 'user-7' };
      if (req.path === '/api/v1/noisy') {
        setImmediate(() => {
          serviceLogger.warn({ body: { password: 'secret-password' } }, 'something to say');
          res.status(500).json({});
        });
        return;
      }
      res.status(201).json({});
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  const waitFor = async (predicate: () => boolean) => {
    for (let attempt = 0; attempt < 100 && !predicate(); attempt += 1) await settle();
  };

  it('writes one JSON line with request id, user id, latency and status, and no secrets', async () => {
    await fetch(`${base}/api/v1/things?token=secret-in-query`, {
      method: 'POST',
      headers: {
        Authorization: 'Bearer secret-token',
        Cookie: 'sid=secret-cookie',
        'X-Request-ID': 'req-42',
      },
    });
    await waitFor(() => lines.some((entry) => entry.request_id === 'req-42'));
    const mine = lines.filter((entry) => entry.request_id === 'req-42');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      user_id: 'user-7',
      req: { method: 'POST', url: '/api/v1/things' },
      res: { status_code: 201 },
      latency_ms: expect.any(Number),
    });
    expect(JSON.stringify(lines)).not.toMatch(/secret-(token|cookie|in-query)/);
  });

  it('puts the request id on lines logged while serving, redacts secrets, and logs 5xx as errors', async () => {
    await fetch(`${base}/api/v1/noisy`, { headers: { 'X-Request-ID': 'req-43' } });
    await waitFor(() => lines.filter((entry) => entry.request_id === 'req-43').length === 2);
    const [said, access] = lines.filter((entry) => entry.request_id === 'req-43');
    expect(said).toMatchObject({
      level: 40,
      msg: 'something to say',
      body: { password: '[redacted]' },
    });
    expect(access).toMatchObject({ level: 50, res: { status_code: 500 } });
  });

  it('does not log health probes or metric scrapes', async () => {
    await fetch(`${base}/health`, { headers: { 'X-Request-ID': 'probe-1' } });
    await fetch(`${base}/metrics`, { headers: { 'X-Request-ID': 'probe-2' } });
    await fetch(`${base}/api/v1/after`, { headers: { 'X-Request-ID': 'req-44' } });
    await waitFor(() => lines.some((entry) => entry.request_id === 'req-44'));
    expect(lines.filter((entry) => String(entry.request_id).startsWith('probe-'))).toEqual([]);
  });
});
