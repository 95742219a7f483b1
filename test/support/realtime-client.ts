import { io, Socket } from 'socket.io-client';
import type { AddressInfo } from 'node:net';
import type { ProjectEvents, RealtimeErrorData } from '@/realtime/realtime.events';
import type { TestApp } from './create-test-app';

export type ProjectSocket = Socket<ProjectEvents>;

/** Listens on an ephemeral loopback port (once) and returns the base URL for socket clients. */
export async function listeningUrl(testApp: TestApp): Promise<string> {
  const server = testApp.app.getHttpServer();
  if (!server.listening) await testApp.app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export interface ConnectOptions {
  readonly auth?: Record<string, string>;
  readonly query?: Record<string, string>;
}

/** A client on /ws/projects/{id}, connected; rejects with the server's refusal data. */
export function connectToProject(
  baseUrl: string,
  projectId: string,
  options: ConnectOptions,
): Promise<ProjectSocket> {
  const socket: ProjectSocket = io(`${baseUrl}/ws/projects/${projectId}`, {
    ...options,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error: Error & { data?: RealtimeErrorData }) => {
      socket.close();
      reject(new RefusedConnection(error.message, error.data));
    });
  });
}

export class RefusedConnection extends Error {
  constructor(
    message: string,
    readonly data: RealtimeErrorData | undefined,
  ) {
    super(message);
  }
}

/** The next `event` on the socket, or a failure after `timeoutMs` (generous: a loaded machine). */
export function nextEvent<E extends keyof ProjectEvents>(
  socket: ProjectSocket,
  event: E,
  timeoutMs = 20_000,
): Promise<Parameters<ProjectEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${event} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const eventName: string = event;
    // The untyped view: TypeScript cannot relate a generic E to socket.io-client's listener type.
    (socket as unknown as Socket).once(eventName, (data: Parameters<ProjectEvents[E]>[0]) => {
      clearTimeout(timer);
      resolve(data);
    });
  });
}
