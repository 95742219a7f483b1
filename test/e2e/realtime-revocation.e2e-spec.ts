import { randomBytes } from 'node:crypto';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, signIn, SignedInUser } from '@test/support/factories';
import { aProject, CreatedProject, PROJECT_TEST_ENV } from '@test/support/factories/projects';
import { connectToProject, listeningUrl, ProjectSocket } from '@test/support/realtime-client';
import type { RealtimeErrorData } from '@/realtime/realtime.events';

type Heard = ['error', RealtimeErrorData] | ['disconnect', string];

/** What a socket hears from now on, and a promise of it all once the server disconnects it. */
function watch(socket: ProjectSocket, timeoutMs = 20_000) {
  const heard: Heard[] = [];
  socket.on('error', (data) => heard.push(['error', data]));
  const ended = new Promise<Heard[]>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`still connected: ${JSON.stringify(heard)}`)),
      timeoutMs,
    );
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      heard.push(['disconnect', reason]);
      resolve(heard);
    });
  });
  return { heard, ended };
}

const SESSION_ENDED: Heard[] = [
  ['error', { message: 'The session has ended', error_code: 'UNAUTHORIZED' }],
  ['disconnect', 'io server disconnect'],
];

const ACCOUNT_DELETED: Heard[] = [
  ['error', { message: 'The account has been deleted', error_code: 'UNAUTHORIZED' }],
  ['disconnect', 'io server disconnect'],
];

/**
 * Revocations travel in order on one Redis subscription, so "this socket survived the first one"
 * is checked without sleeping: end it with a different one (deleting the account), and it must
 * hear exactly that one.
 */
describe('Live connections end when their session, account or project does', () => {
  let first: TestApp;
  let second: TestApp;
  let firstUrl: string;
  let secondUrl: string;
  const sockets: ProjectSocket[] = [];

  const connect = async (user: SignedInUser, project: CreatedProject, baseUrl = firstUrl) => {
    const socket = await connectToProject(baseUrl, project.id, {
      auth: { token: user.accessToken },
    });
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    // A second API replica of the same deployment: same secret, database, Redis prefix and files.
    // No refresh reuse window: presenting a spent refresh token again ends its family at once.
    const deployment = {
      ...PROJECT_TEST_ENV,
      JWT_SECRET_KEY: randomBytes(32).toString('hex'),
      REFRESH_REUSE_WINDOW_SECONDS: '0',
    };
    first = await createTestApp(deployment);
    second = await createTestApp({
      ...deployment,
      MONGODB_URI: first.config.mongo.uri ?? '',
      REDIS_KEY_PREFIX: first.config.redis.keyPrefix,
      DATA_DIR: first.config.dataDir,
    });
    [firstUrl, secondUrl] = await Promise.all([listeningUrl(first), listeningUrl(second)]);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await Promise.all([first.close(), second.close()]);
  });

  it("logout ends that session's socket (error first), and only that session's", async () => {
    const laptop = await aSignedInUser(first.http);
    const phone = await signIn(first.http, laptop);
    const project = await aProject(laptop.api);
    const onLaptop = watch(await connect(laptop, project));
    const onPhone = watch(await connect(phone, project));

    await laptop.api.post('/api/v1/auth/logout').expect(200);
    await expect(onLaptop.ended).resolves.toEqual(SESSION_ENDED);

    await phone.api.delete('/api/v1/users/me').expect(200);
    await expect(onPhone.ended).resolves.toEqual(ACCOUNT_DELETED);
  });

  it("change-password ends the other sessions' sockets and keeps the caller's", async () => {
    const laptop = await aSignedInUser(first.http);
    const phone = await signIn(first.http, laptop);
    const project = await aProject(laptop.api);
    const onLaptop = watch(await connect(laptop, project));
    const onPhone = watch(await connect(phone, project));

    await laptop.api
      .post('/api/v1/auth/change-password')
      .send({ current_password: laptop.password, new_password: 'N3wSecur3Pass!' })
      .expect(200);
    await expect(onPhone.ended).resolves.toEqual(SESSION_ENDED);

    await laptop.api.delete('/api/v1/users/me').expect(200);
    await expect(onLaptop.ended).resolves.toEqual(ACCOUNT_DELETED);
  });

  it("refresh-token reuse ends that family's socket, and only that family's", async () => {
    const laptop = await aSignedInUser(first.http);
    const phone = await signIn(first.http, laptop);
    const project = await aProject(laptop.api);
    const onLaptop = watch(await connect(laptop, project));
    const onPhone = watch(await connect(phone, project));
    const refresh = (token: string) =>
      first.http.post('/api/v1/auth/refresh').send({ refresh_token: token });

    await refresh(laptop.refreshToken).expect(200);
    // Presenting the rotated token again is taken as theft: the whole family is revoked.
    await refresh(laptop.refreshToken).expect(401);
    await expect(onLaptop.ended).resolves.toEqual(SESSION_ENDED);

    await phone.api.delete('/api/v1/users/me').expect(200);
    await expect(onPhone.ended).resolves.toEqual(ACCOUNT_DELETED);
  });

  it('deleting the account ends its sockets in every session', async () => {
    const laptop = await aSignedInUser(first.http);
    const phone = await signIn(first.http, laptop);
    const project = await aProject(laptop.api);
    const onLaptop = watch(await connect(laptop, project));
    const onPhone = watch(await connect(phone, project));

    await laptop.api.delete('/api/v1/users/me').expect(200);
    await expect(onLaptop.ended).resolves.toEqual(ACCOUNT_DELETED);
    await expect(onPhone.ended).resolves.toEqual(ACCOUNT_DELETED);
  });

  it("archiving or deleting a project ends that project's sockets after project_updated (no error), not others'", async () => {
    const owner = await aSignedInUser(first.http);
    const [archived, deleted, other] = [
      await aProject(owner.api),
      await aProject(owner.api),
      await aProject(owner.api),
    ];
    /** The statuses a socket hears in project_updated. */
    const updates = (socket: ProjectSocket) => {
      const heard: string[] = [];
      socket.on('project_updated', (data) => heard.push(data.status));
      return heard;
    };
    const archivedSocket = await connect(owner, archived);
    const deletedSocket = await connect(owner, deleted);
    const [onArchived, archivedUpdates] = [watch(archivedSocket), updates(archivedSocket)];
    const [onDeleted, deletedUpdates] = [watch(deletedSocket), updates(deletedSocket)];
    const onOther = watch(await connect(owner, other));

    await owner.api
      .patch(`/api/v1/projects/${archived.id}`)
      .send({ status: 'archived' })
      .expect(200);
    await expect(onArchived.ended).resolves.toEqual([['disconnect', 'io server disconnect']]);
    expect(archivedUpdates).toEqual(['archived']);
    // GET still answers (the project is the owner's); the room streams nothing until restored.
    await owner.api.get(`/api/v1/projects/${archived.id}`).expect(200);
    await expect(connect(owner, archived)).rejects.toMatchObject({
      data: {
        message: 'Project is archived; restore it (PATCH status "active") to listen again',
        error_code: 'CONFLICT',
      },
    });
    await owner.api.patch(`/api/v1/projects/${archived.id}`).send({ status: 'active' }).expect(200);
    await connect(owner, archived);

    await owner.api.delete(`/api/v1/projects/${deleted.id}`).expect(200);
    await expect(onDeleted.ended).resolves.toEqual([['disconnect', 'io server disconnect']]);
    expect(deletedUpdates).toEqual(['deleted']);
    await expect(connect(owner, deleted)).rejects.toMatchObject({
      data: { error_code: 'CONFLICT' },
    });

    await owner.api.delete('/api/v1/users/me').expect(200);
    await expect(onOther.ended).resolves.toEqual(ACCOUNT_DELETED);
  });

  it("a revocation on one replica ends the other replica's sockets too", async () => {
    const owner = await aSignedInUser(first.http);
    const project = await aProject(owner.api);
    const onSecond = watch(await connect(owner, project, secondUrl));
    const onFirst = watch(await connect(owner, project, firstUrl));

    await owner.api.post('/api/v1/auth/logout').expect(200);
    await expect(onSecond.ended).resolves.toEqual(SESSION_ENDED);
    await expect(onFirst.ended).resolves.toEqual(SESSION_ENDED);
  });
});
