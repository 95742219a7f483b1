import { getModelToken } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { SessionSweepService } from '@/projects/sessions/session-sweep.service';
import { ClarificationSession } from '@/projects/sessions/session.schema';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { aGeneratedProject, answersTo, waitForTask } from '@test/support/factories/agents';
import { aProject, PROJECT_TEST_ENV } from '@test/support/factories/projects';

const HOUR_MS = 3_600_000;

describe('Clarification sessions: exposed, extended by use, renewed by iterate', () => {
  let testApp: TestApp;
  let owner: SignedInUser;
  const sessions = (): Model<ClarificationSession> =>
    testApp.app.get<Model<ClarificationSession>>(getModelToken(ClarificationSession.name));
  /** Moves a session's expiry, as if time had passed (negative: it expired that long ago). */
  const expireIn = (sessionId: string, ms: number) =>
    sessions()
      .updateOne({ session_id: sessionId }, { $set: { expires_at: new Date(Date.now() + ms) } })
      .exec();
  const projectOf = async (projectId: string) =>
    (await owner.api.get(`/api/v1/projects/${projectId}`).expect(200)).body.project as Record<
      string,
      unknown
    >;
  const iterate = (projectId: string, body: Record<string, unknown>) =>
    owner.api.post(`/api/v1/projects/${projectId}/iterate`).send({ mode: 'agent', ...body });

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
    owner = await aSignedInUser(testApp.http);
  });
  afterAll(() => testApp.close());

  it('GET /projects/{id} and the list name the current session and when it expires', async () => {
    const project = await aProject(owner.api);
    const detail = await projectOf(project.id);
    expect(detail.session_id).toBe(project.sessionId);
    const expiresAt = Date.parse(detail.session_expires_at as string);
    expect(expiresAt - Date.now()).toBeGreaterThan(23 * HOUR_MS);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(24 * HOUR_MS);

    const list = await owner.api.get('/api/v1/projects').expect(200);
    const row = (list.body.projects as Record<string, unknown>[]).find(
      (entry) => entry.id === project.id,
    );
    expect(row).toMatchObject({
      session_id: project.sessionId,
      session_expires_at: detail.session_expires_at,
    });

    await expireIn(project.sessionId, -1000);
    expect(await projectOf(project.id)).toMatchObject({
      session_id: null,
      session_expires_at: null,
    });
  });

  it('answering extends the session by SESSION_TTL_HOURS from now', async () => {
    const project = await aProject(owner.api);
    await expireIn(project.sessionId, HOUR_MS);
    const shortened = Date.parse((await projectOf(project.id)).session_expires_at as string);

    const answers = answersTo(project.body.clarification_questions, () => 'Dog walkers');
    const accepted = await owner.api
      .post(`/api/v1/projects/${project.id}/clarifications`)
      .send({ session_id: project.sessionId, answers })
      .expect(202);
    const extended = Date.parse((await projectOf(project.id)).session_expires_at as string);
    expect(extended - shortened).toBeGreaterThan(22 * HOUR_MS);
    expect(accepted.body).toMatchObject({
      session_id: project.sessionId,
      session_expires_at: new Date(extended).toISOString(),
    });
    await waitForTask(owner.api, project.id, accepted.body.task_id as string);
  });

  it('iterate a day later: an expired session is renewed, a swept one replaced', async () => {
    const project = await aGeneratedProject(owner.api);

    // The next day: the session expired (not swept yet). Iterating with it renews it.
    await expireIn(project.sessionId, -HOUR_MS);
    const renewed = await iterate(project.id, {
      message: 'Add refunds for cancelled bookings',
      session_id: project.sessionId,
    }).expect(202);
    expect(renewed.body.session_id).toBe(project.sessionId);
    expect(Date.parse(renewed.body.session_expires_at as string)).toBeGreaterThan(
      Date.now() + 23 * HOUR_MS,
    );
    expect((await waitForTask(owner.api, project.id, renewed.body.task_id)).status).toBe(
      'completed',
    );
    expect((await projectOf(project.id)).session_id).toBe(project.sessionId);

    // A day later again, after the maintenance sweep removed it: a new session is opened.
    await expireIn(project.sessionId, -HOUR_MS);
    await testApp.app.get(SessionSweepService).sweepExpired();
    const replaced = await iterate(project.id, {
      message: 'Add a waiting list for full days',
      session_id: project.sessionId,
    }).expect(202);
    expect(replaced.body.session_id).not.toBe(project.sessionId);
    const done = await waitForTask(owner.api, project.id, replaced.body.task_id);
    expect(done).toMatchObject({ status: 'completed', result: { version: 'v1.2' } });
    expect(await projectOf(project.id)).toMatchObject({
      session_id: replaced.body.session_id,
      current_version: 'v1.2',
    });

    // Without a session id at all: the project's current session.
    const without = await iterate(project.id, { mode: 'think', message: 'What is missing?' });
    expect(without.status).toBe(202);
    expect(without.body.session_id).toBe(replaced.body.session_id);
    await waitForTask(owner.api, project.id, without.body.task_id);
  });

  it('two iterations at once with no live session open one session, not two', async () => {
    const project = await aGeneratedProject(owner.api);
    await expireIn(project.sessionId, -HOUR_MS);
    await testApp.app.get(SessionSweepService).sweepExpired();
    const [first, second] = await Promise.all([
      iterate(project.id, { mode: 'think', message: 'Who is the buyer?' }),
      iterate(project.id, { mode: 'think', message: 'What about pricing?' }),
    ]);
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(first.body.session_id).toBe(second.body.session_id);
    expect(
      await sessions()
        .countDocuments({ project_id: new Types.ObjectId(project.id) })
        .exec(),
    ).toBe(1);
    await waitForTask(owner.api, project.id, first.body.task_id);
    await waitForTask(owner.api, project.id, second.body.task_id);
  });

  it('answers need a live session; POST /sessions opens a new one with the same questions', async () => {
    const project = await aProject(owner.api);
    const answers = answersTo(project.body.clarification_questions, () => 'Small bakeries');
    await expireIn(project.sessionId, -1000);
    const expired = await owner.api
      .post(`/api/v1/projects/${project.id}/clarifications`)
      .send({ session_id: project.sessionId, answers })
      .expect(404);
    expect(expired.body).toMatchObject({ error: 'Session not found', code: 'NOT_FOUND' });

    const started = await owner.api.post(`/api/v1/projects/${project.id}/sessions`).expect(201);
    expect(started.body).toEqual({
      session_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      session_expires_at: expect.any(String),
      clarification_questions: project.body.clarification_questions,
    });
    expect((await projectOf(project.id)).session_id).toBe(started.body.session_id);
    const accepted = await owner.api
      .post(`/api/v1/projects/${project.id}/clarifications`)
      .send({ session_id: started.body.session_id, answers })
      .expect(202);
    await waitForTask(owner.api, project.id, accepted.body.task_id as string);

    const stranger = await aSignedInUser(testApp.http);
    await stranger.api.post(`/api/v1/projects/${project.id}/sessions`).expect(404);
    await owner.api.patch(`/api/v1/projects/${project.id}`).send({ status: 'archived' });
    const archived = await owner.api.post(`/api/v1/projects/${project.id}/sessions`).expect(409);
    expect(archived.body).toMatchObject({ code: 'CONFLICT', status: 'archived' });
  });
});
