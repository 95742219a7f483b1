import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AddressInfo } from 'node:net';
import { Logger } from 'nestjs-pino';
import { AppModule } from '@/app.module';
import { configureHttp } from '@/bootstrap/configure-http';
import { loadAppConfig } from '@/config/load-app-config';
import { configureRealtime } from '@/realtime/redis-io.adapter';

export interface BenchApp {
  readonly app: NestExpressApplication;
  /** http://127.0.0.1:<port> of the listening app. */
  readonly base: string;
}

/** The real app, set up as main.ts does (HTTP and Socket.IO), on a loopback port. */
export async function startBenchApp(env: Record<string, string>): Promise<BenchApp> {
  const config = loadAppConfig(env);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  configureHttp(app, config);
  configureRealtime(app, config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, base: `http://127.0.0.1:${port}` };
}

/** Registers a bench user (`name` tells several apart) and returns an access token for it. */
export async function signedInToken(base: string, name = 'bench'): Promise<string> {
  const credentials = { email: `${name}@example.com`, password: 'Bench-Passw0rd' };
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const registered = await post('/api/v1/auth/register', { ...credentials, full_name: 'Bench' });
  if (registered.status !== 201) throw new Error(`register: ${registered.status}`);
  const login = await post('/api/v1/auth/login', credentials);
  if (login.status !== 200) throw new Error(`login: ${login.status}`);
  return ((await login.json()) as { access_token: string }).access_token;
}

export interface ApiAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** JSON requests as one signed-in user; `expect` turns any other status into an error. */
export function apiClient(base: string, token: string) {
  return async (
    method: string,
    path: string,
    options: { body?: unknown; expect?: number } = {},
  ): Promise<ApiAnswer> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.text();
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    if (options.expect !== undefined && res.status !== options.expect) {
      throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    }
    return { status: res.status, body };
  };
}

export type ApiClient = ReturnType<typeof apiClient>;
