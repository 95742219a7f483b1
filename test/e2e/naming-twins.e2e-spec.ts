import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aPhoneNumber, aSignedInUser, aUser, SignedInUser } from '@test/support/factories';
import { aGeneratedProject, waitForTask } from '@test/support/factories/agents';
import {
  aProject,
  listUploads,
  PROJECT_TEST_ENV,
  uploadFiles,
} from '@test/support/factories/projects';
import {
  connectToProject,
  listeningUrl,
  ProjectSocket,
  record,
} from '@test/support/realtime-client';

describe('One resource reads the same everywhere: the missing twins of field names', () => {
  let testApp: TestApp;
  let baseUrl: string;
  let owner: SignedInUser;
  const sockets: ProjectSocket[] = [];

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
    baseUrl = await listeningUrl(testApp);
    owner = await aSignedInUser(testApp.http);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => testApp.close());

  it('register answers `user` as login does, login answers `user_id` as register does, refresh names its token_type', async () => {
    const body = aUser({ full_name: 'Grace <Hopper> 🚀' });
    const registered = await testApp.http.post('/api/v1/auth/register').send(body).expect(201);
    const signedIn = await testApp.http
      .post('/api/v1/auth/login')
      .send({ email: body.email, password: body.password })
      .expect(200);
    expect(registered.body.user).toEqual({
      id: registered.body.user_id,
      email: body.email,
      full_name: 'Grace <Hopper> 🚀',
    });
    expect(signedIn.body.user).toEqual(registered.body.user);
    expect(signedIn.body.user_id).toBe(registered.body.user_id);

    const refreshed = await testApp.http
      .post('/api/v1/auth/refresh')
      .send({ refresh_token: signedIn.body.refresh_token })
      .expect(200);
    expect(refreshed.body).toMatchObject({ token_type: 'bearer', expires_in: expect.any(Number) });
    expect(refreshed.body.token_type).toBe(signedIn.body.token_type);
  });

  it('a phone-only registration names no email', async () => {
    const res = await testApp.http
      .post('/api/v1/auth/register')
      .send(aUser({ email: undefined, phone_number: aPhoneNumber(), full_name: undefined }))
      .expect(201);
    expect(res.body.user).toEqual({ id: res.body.user_id, email: null, full_name: null });
  });

  it('an upload answers `download_url` as the list does, and the list `url` as the upload does', async () => {
    const project = await aProject(owner.api);
    const uploaded = await uploadFiles(owner.api, project.id, [
      { name: 'notes.md', content: Buffer.from('# Notes\n') },
    ]).expect(201);
    const [file] = uploaded.body.uploaded_files as Record<string, unknown>[];
    expect(file.download_url).toEqual(expect.stringContaining('/api/v1/files/'));
    expect(file.download_url).toBe(file.url);
    const [listed] = await listUploads(owner.api, project.id);
    expect(listed.url).toEqual(expect.stringContaining('/api/v1/files/'));
    expect(listed.url).toBe(listed.download_url);
  });

  it('agent_progress carries current_step and estimated_time_remaining, as GET generation-status does', async () => {
    const project = await aGeneratedProject(owner.api);
    const socket = await connectToProject(baseUrl, project.id, {
      auth: { token: owner.accessToken },
    });
    sockets.push(socket);
    const heard = record(socket);
    const accepted = await owner.api
      .post(`/api/v1/projects/${project.id}/iterate`)
      .send({ mode: 'agent', message: 'Add a waiting list for fully booked slots' })
      .expect(202);
    await heard.until((event) => event.event === 'agent_complete', 20_000);
    const progress = heard.heard.filter((event) => event.event === 'agent_progress');
    expect(progress.length).toBeGreaterThan(1);
    for (const { data } of progress) {
      expect(data).toEqual({
        task_id: accepted.body.task_id,
        step: expect.any(String),
        progress: expect.any(Number),
        estimated_time: expect.any(Number),
        current_step: data.step,
        estimated_time_remaining: data.estimated_time,
      });
    }
    const status = await waitForTask(owner.api, project.id, accepted.body.task_id as string);
    expect(status.current_step).toBe(progress.at(-1)?.data.current_step);
  });
});
