import { Logger } from '@nestjs/common';

/** What the watch needs of an ioredis client: its connection events. */
interface RedisConnection {
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'ready', listener: () => void): unknown;
}

const logger = new Logger('Redis');

/**
 * One warning when a Redis connection drops and one line when it is back, instead of ioredis'
 * unstructured "Unhandled error event" on stderr for every failed reconnect (and the Socket.IO
 * adapter's "missing 'error' handler"). Requests already fail fast with a 503 while it is down;
 * the client reconnects by itself.
 */
export function watchConnection<C extends RedisConnection>(client: C, name: string): C {
  let down = false;
  client.on('error', (error) => {
    if (down) return;
    down = true;
    logger.warn({ connection: name, err: error }, 'Redis connection lost; reconnecting');
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger.log({ connection: name }, 'Redis connection back');
  });
  return client;
}
