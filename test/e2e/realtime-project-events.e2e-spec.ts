import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { aGeneratedProject, waitForTask } from '@test/support/factories/agents';
import { aProject, PROJECT_TEST_ENV, saveVersion } from '@test/support/factories/projects';
import {
  connectToProject,
  HeardEvent,
  listeningUrl,
  ProjectSocket,
  record,
} from '@test/support/realtime-client';

const named = (name: string) => (event: HeardEvent) => event.event === name;

describe('Other tabs stay fresh: saves, rollbacks and project changes reach the room', () => {
  let testApp: TestApp;
  let baseUrl: string;
  let owner: SignedInUser;
  const sockets: ProjectSocket[] = [];

  /** Another tab: a socket on the project, and everything it hears. */
  const aTab = async (projectId: string) => {
    const socket = await connectToProject(baseUrl, projectId, {
      auth: { token: owner.accessToken },
    });
    sockets.push(socket);
    const heard = record(socket);
    const ended = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    return { socket, heard, ended };
  };

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
    baseUrl = await listeningUrl(testApp);
    owner = await aSignedInUser(testApp.http);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => testApp.close());

  it('a manual save and a rollback: version_created, with no task', async () => {
    const project = await aProject(owner.api);
    const tab = await aTab(project.id);
    const saved = await saveVersion(owner.api, project.id, { changes: 'First draft' }).expect(201);
    await saveVersion(owner.api, project.id, { changes: 'Second draft' }).expect(201);
    await owner.api
      .post(`/api/v1/projects/${project.id}/rollback`)
      .send({ version: 'v1.0' })
      .expect(200);
    const heard = await tab.heard.until(
      (event) => event.event === 'version_created' && event.data.source === 'rollback',
    );
    expect(heard.filter(named('version_created')).map((event) => event.data)).toEqual([
      {
        task_id: null,
        version: 'v1.0',
        current_version: 'v1.0',
        source: 'manual',
        changes: 'First draft',
        timestamp: saved.body.timestamp,
        author: { kind: 'user', id: owner.id },
      },
      expect.objectContaining({ version: 'v1.1', current_version: 'v1.1', source: 'manual' }),
      {
        task_id: null,
        version: 'v1.0',
        current_version: 'v1.0',
        source: 'rollback',
        changes: 'First draft',
        timestamp: saved.body.timestamp,
        author: { kind: 'user', id: owner.id },
      },
    ]);
  });

  it("an agent iterate's version_created names its task and comes before its agent_complete", async () => {
    const project = await aGeneratedProject(owner.api);
    const tab = await aTab(project.id);
    const accepted = await owner.api
      .post(`/api/v1/projects/${project.id}/iterate`)
      .send({ mode: 'agent', message: 'Add payment processing with refunds' })
      .expect(202);
    const taskId = accepted.body.task_id as string;
    const heard = await tab.heard.until(named('agent_complete'), 20_000);
    const mine = heard.filter((event) => event.data.task_id === taskId).map((e) => e.event);
    expect(mine.filter((name) => name === 'version_created')).toHaveLength(1);
    expect(mine.indexOf('version_created')).toBeLessThan(mine.indexOf('agent_complete'));
    expect(mine.at(-1)).toBe('agent_complete');
    expect(heard.find(named('version_created'))?.data).toMatchObject({
      task_id: taskId,
      version: 'v1.1',
      current_version: 'v1.1',
      source: 'iteration',
      author: { kind: 'agent', id: 'iterate' },
    });
    await waitForTask(owner.api, project.id, taskId);
  });

  it('rename and restore: project_updated; archive and delete: project_updated, then the connection ends without an error', async () => {
    const project = await aProject(owner.api, { initial_idea: 'A planner for community gardens' });
    const first = await aTab(project.id);
    await owner.api
      .patch(`/api/v1/projects/${project.id}`)
      .send({ project_name: 'Garden planner' })
      .expect(200);
    await owner.api
      .patch(`/api/v1/projects/${project.id}`)
      .send({ status: 'archived' })
      .expect(200);
    expect(await first.ended).toBe('io server disconnect');
    const lastSeen = first.heard.seqs().at(-1)!;
    expect(first.heard.heard.map((event) => [event.event, event.data.status])).toEqual([
      ['project_updated', 'active'],
      ['project_updated', 'archived'],
    ]);
    expect(first.heard.heard[0].data).toEqual({
      task_id: null,
      project_id: project.id,
      project_name: 'Garden planner',
      status: 'active',
      current_version: null,
      updated_at: expect.stringMatching(/Z$/),
    });
    expect(first.heard.names()).not.toContain('error');

    // Restored: a tab that comes back with the last number it saw hears the restore it missed.
    await owner.api.patch(`/api/v1/projects/${project.id}`).send({ status: 'active' }).expect(200);
    const back = await connectToProject(baseUrl, project.id, {
      auth: { token: owner.accessToken, last_seq: lastSeen },
    });
    sockets.push(back);
    const resumed = record(back);
    await resumed.until(named('project_updated'));
    expect(resumed.heard[0].data).toMatchObject({ status: 'active' });

    const ended = new Promise<string>((resolve) => back.once('disconnect', resolve));
    await owner.api.delete(`/api/v1/projects/${project.id}`).expect(200);
    expect(await ended).toBe('io server disconnect');
    expect(resumed.heard.map((event) => [event.event, event.data.status])).toEqual([
      ['project_updated', 'active'],
      ['project_updated', 'deleted'],
    ]);
  });
});
