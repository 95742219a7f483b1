import { io, Socket } from 'socket.io-client';
import type { AddressInfo } from 'node:net';
import type { ChatEvents, ProjectEvents, RealtimeErrorData } from '@/realtime/realtime.events';
import type { TestApp } from './create-test-app';

export type ProjectSocket = Socket<ProjectEvents>;
export type ChatSocket = Socket<ChatEvents>;

/** Listens on an ephemeral loopback port (once) and returns the base URL for socket clients. */
export async function listeningUrl(testApp: TestApp): Promise<string> {
  const server = testApp.app.getHttpServer();
  if (!server.listening) await testApp.app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export interface ConnectOptions {
  /** `token`, and `last_seq` (a number or its digits) to resume a room. */
  readonly auth?: Record<string, string | number>;
  readonly query?: Record<string, string>;
}

/** A client on /ws/projects/{id}, connected; rejects with the server's refusal data. */
export function connectToProject(
  baseUrl: string,
  projectId: string,
  options: ConnectOptions,
): Promise<ProjectSocket> {
  return connected(io(`${baseUrl}/ws/projects/${projectId}`, clientOptions(options)));
}

/** A client on /ws/chats/{id}, connected; rejects with the server's refusal data. */
export function connectToChat(
  baseUrl: string,
  chatId: string,
  options: ConnectOptions,
): Promise<ChatSocket> {
  return connected(io(`${baseUrl}/ws/chats/${chatId}`, clientOptions(options)));
}

function clientOptions(options: ConnectOptions) {
  return { ...options, transports: ['websocket'], reconnection: false, forceNew: true };
}

/**
 * What each socket heard from its very first packet. A replay arrives right behind the connect
 * packet, often in the same read, before a listener attached after `await connect…()` would run.
 */
const heardFromStart = new WeakMap<object, HeardEvent[]>();

function connected<S extends Socket>(socket: S): Promise<S> {
  const heard: HeardEvent[] = [];
  heardFromStart.set(socket, heard);
  socket.onAny((event: string, data: Record<string, unknown>, meta?: { seq?: number }) => {
    heard.push({ event, data, seq: meta?.seq });
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
export function nextEvent<Events extends ProjectEvents | ChatEvents, E extends keyof Events>(
  socket: Socket<Events>,
  event: E,
  timeoutMs = 20_000,
): Promise<Parameters<Extract<Events[E], (...args: never[]) => void>>[0]> {
  const eventName = String(event);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${eventName} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    // The untyped view: TypeScript cannot relate a generic E to socket.io-client's listener type.
    (socket as unknown as Socket).once(
      eventName,
      (data: Parameters<Extract<Events[E], (...args: never[]) => void>>[0]) => {
        clearTimeout(timer);
        resolve(data);
      },
    );
  });
}

/** One event as a client heard it: its name, its data and its number (undefined when none). */
export interface HeardEvent {
  readonly event: string;
  readonly data: Record<string, unknown>;
  readonly seq: number | undefined;
}

/**
 * Everything a socket heard since it connected (for a socket from connectToProject/connectToChat)
 * and hears from now on, in order; `until` resolves with the list once an event matches (or fails
 * after `timeoutMs`, saying what was heard).
 */
export function record(socket: Socket<ProjectEvents> | Socket<ChatEvents>) {
  const early = heardFromStart.get(socket);
  const heard: HeardEvent[] = early ?? [];
  const waiters: { match: (event: HeardEvent) => boolean; resolve: () => void }[] = [];
  // Registered after the socket's own listener (when there is one), so `heard` has the event.
  (socket as unknown as Socket).onAny(
    (event: string, data: Record<string, unknown>, meta?: { seq?: number }) => {
      const entry = early ? heard[heard.length - 1] : { event, data, seq: meta?.seq };
      if (!early) heard.push(entry);
      for (const waiter of waiters.filter((candidate) => candidate.match(entry))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    },
  );
  return {
    heard,
    seqs: () => heard.flatMap((entry) => (entry.seq === undefined ? [] : [entry.seq])),
    names: () => heard.map((entry) => entry.event),
    until(match: (event: HeardEvent) => boolean, timeoutMs = 20_000): Promise<HeardEvent[]> {
      if (heard.some(match)) return Promise.resolve(heard);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`not heard within ${timeoutMs} ms: ${JSON.stringify(heard)}`)),
          timeoutMs,
        );
        waiters.push({
          match,
          resolve: () => {
            clearTimeout(timer);
            resolve(heard);
          },
        });
      });
    },
  };
}
