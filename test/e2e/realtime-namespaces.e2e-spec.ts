import { getConnectionToken } from '@nestjs/mongoose';
import Redis from 'ioredis';
import { Connection, Types } from 'mongoose';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import type { Server } from 'socket.io';
import { LiveRooms } from '@/realtime/live-rooms';
import { LocalServices, startLocalServices } from '@/infra/local-services/local-services';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { eventually } from '@test/support/eventually';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { aChat } from '@test/support/factories/chats';
import { aProject, PROJECT_TEST_ENV } from '@test/support/factories/projects';
import {
  connectToChat,
  connectToProject,
  listeningUrl,
  RefusedConnection,
} from '@test/support/realtime-client';

const STRANGERS = 1_500;
const AT_ONCE = 100;

/**
 * Refused sockets leave nothing behind: no Socket.IO namespace in the server and no Redis
 * subscription. The app gets a Redis of its own here, so PUBSUB NUMPAT (server-wide) counts
 * only what this app subscribed.
 */
describe('Socket.IO namespaces: only admitted callers leave anything behind', () => {
  let redisServer: LocalServices;
  let testApp: TestApp;
  let redis: Redis;
  let baseUrl: string;
  let server: Server;
  let owner: SignedInUser;
  let stranger: SignedInUser;

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(process.env.TEST_DATA_DIR ?? '/tmp', 'own-redis-'));
    redisServer = await startLocalServices({
      dataDir,
      startMongo: false,
      startRedis: true,
      ephemeral: true,
    });
    testApp = await createTestApp({ ...PROJECT_TEST_ENV, REDIS_URL: redisServer.redisUrl! });
    redis = new Redis(redisServer.redisUrl!);
    baseUrl = await listeningUrl(testApp);
    server = testApp.app.get<LiveRooms, { server: Server }>(LiveRooms).server;
    owner = await aSignedInUser(testApp.http);
    stranger = await aSignedInUser(testApp.http);
  });
  afterAll(async () => {
    await testApp.app.get<Connection>(getConnectionToken()).db?.dropDatabase();
    await testApp.close();
    redis.disconnect();
    await redisServer.stop();
  });

  const footprint = async () => ({
    namespaces: server._nsps.size,
    patterns: Number(await redis.call('PUBSUB', 'NUMPAT')),
    channels: ((await redis.call('PUBSUB', 'CHANNELS', '*')) as string[]).sort(),
  });

  /** The server's refusal, or 'admitted' (then closed) when the socket got in. */
  const attempt = (connect: () => Promise<{ close(): unknown }>): Promise<string> =>
    connect().then(
      (socket) => {
        socket.close();
        return 'admitted';
      },
      (error: RefusedConnection) => error.data?.error_code ?? error.message,
    );

  it('drops the namespace and subscriptions of thousands of anonymous and foreign sockets', async () => {
    const projectId = (await aProject(owner.api)).id;
    const chatId = await aChat(owner.api);
    // One admitted listener first: its namespace is the one that may stay while it listens.
    const listener = await connectToProject(baseUrl, projectId, {
      auth: { token: owner.accessToken },
    });
    const baseline = await footprint();

    const randomId = () => new Types.ObjectId().toHexString();
    const kinds = [
      () => connectToProject(baseUrl, randomId(), {}),
      () => connectToChat(baseUrl, randomId(), {}),
      () => connectToProject(baseUrl, randomId(), { auth: { token: 'not-a-token' } }),
      () => connectToProject(baseUrl, randomId(), { auth: { token: stranger.accessToken } }),
      () => connectToChat(baseUrl, randomId(), { query: { token: stranger.accessToken } }),
      () => connectToProject(baseUrl, projectId, { auth: { token: stranger.accessToken } }),
      () => connectToChat(baseUrl, chatId, { auth: { token: stranger.accessToken } }),
    ];
    const refusals = new Map<string, number>();
    for (let start = 0; start < STRANGERS; start += AT_ONCE) {
      const batch = Array.from({ length: AT_ONCE }, (_, i) => kinds[(start + i) % kinds.length]);
      for (const outcome of await Promise.all(batch.map(attempt))) {
        refusals.set(outcome, (refusals.get(outcome) ?? 0) + 1);
      }
    }
    expect(Object.fromEntries(refusals)).toEqual({
      UNAUTHORIZED: expect.any(Number),
      NOT_FOUND: expect.any(Number),
    });

    await eventually('the namespaces and subscriptions to be back at their baseline', async () => {
      const now = await footprint();
      return JSON.stringify(now) === JSON.stringify(baseline) ? now : undefined;
    });
    // The admitted listener was never disturbed.
    expect(listener.connected).toBe(true);
    listener.close();
  }, 300_000);

  it("keeps the owner's namespace while strangers are refused in it during the owner's handshake", async () => {
    const projectId = (await aProject(owner.api)).id;
    const name = `/ws/projects/${projectId}`;
    const strangers = async () => {
      for (let round = 0; round < 30; round += 1) {
        await Promise.all(
          Array.from({ length: 20 }, () => attempt(() => connectToProject(baseUrl, projectId, {}))),
        );
      }
    };
    const owners = async () => {
      const orphans: string[] = [];
      for (let round = 0; round < 30; round += 1) {
        const socket = await connectToProject(baseUrl, projectId, {
          auth: { token: owner.accessToken },
        });
        // Events find a namespace by its name: a socket in any other instance hears nothing.
        if (!server._nsps.get(name)?.sockets.has(socket.id!)) orphans.push(socket.id!);
        socket.close();
      }
      return orphans;
    };
    const [, orphans] = await Promise.all([strangers(), owners()]);
    expect(orphans).toEqual([]);
  }, 300_000);

  it('closes anonymous sockets on the main namespace', async () => {
    const outcome = await attempt(
      () =>
        new Promise((resolve, reject) => {
          const socket = io(`${baseUrl}/`, {
            transports: ['websocket'],
            reconnection: false,
            forceNew: true,
          });
          socket.once('connect', () => resolve(socket));
          socket.once('connect_error', (error: Error & { data?: { error_code?: string } }) => {
            socket.close();
            reject(new RefusedConnection(error.message, error.data as never));
          });
        }),
    );
    expect(outcome).toBe('NOT_FOUND');
  });
});
