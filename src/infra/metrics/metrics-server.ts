import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { bearerMatches } from '@/common/http/bearer-token';

export interface MetricsServerOptions {
  readonly registry: Registry;
  readonly port: number;
  readonly host: string;
  /** When set, `/metrics` needs `Authorization: Bearer <token>`, as on the API. */
  readonly token: string | undefined;
}

export interface MetricsServer {
  /** The port it listens on (the kernel's choice when asked for 0). */
  readonly port: number;
  close(): Promise<void>;
}

/**
 * A listener for a process without an HTTP API (the worker): `GET /metrics` in Prometheus's
 * text format and `GET /health` (the process answers). Nothing else; no request body is read.
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const expected = options.token ? Buffer.from(options.token) : undefined;
  const server = createServer((req, res) => {
    handle(req, res, options.registry, expected).catch(() => {
      if (!res.headersSent)
        reply(res, 500, { error: 'Could not collect the metrics', code: 'INTERNAL_ERROR' });
      else res.destroy();
    });
  });
  // A scraper that stalls is cut off instead of holding a socket.
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { port: (server.address() as AddressInfo).port, close: () => closeServer(server) };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  registry: Registry,
  expected: Buffer | undefined,
): Promise<void> {
  const path = (req.url ?? '/').split('?', 1)[0];
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return reply(res, 405, { error: 'Method not allowed', code: 'METHOD_NOT_ALLOWED' });
  }
  if (path === '/health') return reply(res, 200, { status: 'ok' });
  if (path !== '/metrics') return reply(res, 404, { error: 'Not found', code: 'NOT_FOUND' });
  if (expected && !bearerMatches(req.headers.authorization, expected)) {
    return reply(res, 401, { error: 'Operator token required', code: 'UNAUTHORIZED' });
  }
  const body = await registry.metrics();
  res.writeHead(200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function reply(res: ServerResponse, status: number, body: Record<string, string>): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
