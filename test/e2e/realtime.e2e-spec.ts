import { Test } from '@nestjs/testing';
import { ConfigModule } from '@/config/config.module';
import { RealtimeModule } from '@/realtime/realtime.module';
import { RealtimeService } from '@/realtime/realtime.service';
import { AgentProgressData } from '@/realtime/realtime.events';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { answersTo } from '@test/support/factories/agents';
import { aProject, CreatedProject, PROJECT_TEST_ENV } from '@test/support/factories/projects';
import {
  connectToProject,
  listeningUrl,
  nextEvent,
  ProjectSocket,
  RefusedConnection,
} from '@test/support/realtime-client';

describe('Live updates on /ws/projects/{project_id}', () => {
  let testApp: TestApp;
  let baseUrl: string;
  let owner: SignedInUser;
  let project: CreatedProject;
  const sockets: ProjectSocket[] = [];

  const connect = async (...args: Parameters<typeof connectToProject>) => {
    const socket = await connectToProject(...args);
    sockets.push(socket);
    return socket;
  };
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('the connection was accepted');
      },
      (error: RefusedConnection) => error.data,
    );

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
    baseUrl = await listeningUrl(testApp);
    owner = await aSignedInUser(testApp.http);
    project = await aProject(owner.api);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => testApp.close());

  describe('handshake', () => {
    it('refuses a connection without a token, or with a bad one, as UNAUTHORIZED', async () => {
      await expect(refusal(connectToProject(baseUrl, project.id, {}))).resolves.toEqual({
        message: 'Authentication required',
        error_code: 'UNAUTHORIZED',
      });
      await expect(
        refusal(connectToProject(baseUrl, project.id, { query: { token: 'not-a-jwt' } })),
      ).resolves.toEqual({ message: 'Invalid token', error_code: 'UNAUTHORIZED' });
    });

    it('refuses a revoked token', async () => {
      const user = await aSignedInUser(testApp.http);
      await user.api.post('/api/v1/auth/logout').expect(200);
      await expect(
        refusal(connectToProject(baseUrl, project.id, { auth: { token: user.accessToken } })),
      ).resolves.toEqual({ message: 'Token has been revoked', error_code: 'UNAUTHORIZED' });
    });

    it("refuses someone else's project exactly like a missing one (NOT_FOUND)", async () => {
      const stranger = await aSignedInUser(testApp.http);
      const auth = { token: stranger.accessToken };
      const foreign = await refusal(connectToProject(baseUrl, project.id, { auth }));
      const missing = await refusal(connectToProject(baseUrl, 'f'.repeat(24), { auth }));
      expect(foreign).toEqual({ message: 'Project not found', error_code: 'NOT_FOUND' });
      expect(missing).toEqual(foreign);
    });

    it('accepts the owner, with the token in auth.token or in ?token=', async () => {
      const viaAuth = await connect(baseUrl, project.id, { auth: { token: owner.accessToken } });
      const viaQuery = await connect(baseUrl, project.id, { query: { token: owner.accessToken } });
      expect(viaAuth.connected && viaQuery.connected).toBe(true);
    });
  });

  it('streams a generation: agent_progress in increasing order, then agent_complete with the PRD', async () => {
    const socket = await connect(baseUrl, project.id, { auth: { token: owner.accessToken } });
    const progress: AgentProgressData[] = [];
    socket.on('agent_progress', (data) => progress.push(data));
    const complete = nextEvent(socket, 'agent_complete');

    const answers = answersTo(project.body.clarification_questions, (question) =>
      question.lens === 'discovery' ? 'Freelance designers and the agencies that hire them' : '',
    );
    const accepted = await owner.api
      .post(`/api/v1/projects/${project.id}/clarifications`)
      .send({ session_id: project.sessionId, answers })
      .expect(202);
    const result = await complete;
    const taskId = accepted.body.task_id as string;

    const detail = await owner.api.get(`/api/v1/projects/${project.id}`).expect(200);
    expect(result).toMatchObject({
      prd_content: detail.body.project.prd_content,
      flowchart_content: detail.body.project.flowchart_content,
      thinking_lens_status: detail.body.project.thinking_lens_status,
      version: 'v1.0',
      task_id: taskId,
    });
    expect(progress.length).toBeGreaterThan(2);
    for (const update of progress) {
      expect(Object.keys(update).sort()).toEqual([
        'current_step',
        'estimated_time',
        'estimated_time_remaining',
        'progress',
        'step',
        'task_id',
      ]);
      expect(update.task_id).toBe(taskId);
      expect(typeof update.step).toBe('string');
      expect(update.estimated_time).toBeGreaterThanOrEqual(0);
    }
    const percents = progress.map((update) => update.progress);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual({
      task_id: taskId,
      step: 'Completed',
      progress: 100,
      estimated_time: 0,
      current_step: 'Completed',
      estimated_time_remaining: 0,
    });
  });

  it('delivers what another process emits through Redis (a worker: emitter only, no server)', async () => {
    const socket = await connect(baseUrl, project.id, { auth: { token: owner.accessToken } });
    const worker = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(testApp.config), RealtimeModule],
    }).compile();
    try {
      const received = nextEvent(socket, 'error');
      worker.get(RealtimeService).projectError(project.id, {
        task_id: 'task-1',
        message: 'Agent execution failed',
        error_code: 'AGENT_FAILED',
      });
      await expect(received).resolves.toEqual({
        task_id: 'task-1',
        message: 'Agent execution failed',
        error_code: 'AGENT_FAILED',
      });
    } finally {
      await worker.close();
    }
  });
});
