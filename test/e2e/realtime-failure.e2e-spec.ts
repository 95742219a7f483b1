import { DRAFTED_SECTIONS } from '@/agents/prd/prd-sections';
import { aSignedInUser, uniqueSuffix } from '@test/support/factories';
import { aProject, PROJECT_TEST_ENV } from '@test/support/factories/projects';
import { createLlmTestBed, LlmTestBed } from '@test/support/llm-stubs/llm-test-app';
import {
  connectToProject,
  listeningUrl,
  nextEvent,
  ProjectSocket,
} from '@test/support/realtime-client';
import { ONE_OPEN_ANSWER } from '@test/support/factories/agents';

const BROKEN_CHART =
  'flowchart TD\n  Start([Client arrives]) --> Brief[Post a brief (draft)]\n  Brief -->';

describe('Live updates when a run fails for good (OpenAI stub)', () => {
  let bed: LlmTestBed;
  let socket: ProjectSocket | undefined;

  beforeAll(async () => {
    bed = await createLlmTestBed(PROJECT_TEST_ENV);
  });
  afterAll(async () => {
    socket?.close();
    await bed.close();
  });

  it('sends error {message, error_code} and no agent_complete when the flowchart stays broken', async () => {
    const owner = await aSignedInUser(bed.testApp.http);
    const project = await aProject(owner.api, {
      initial_idea: `A booking tool for dog groomers number ${uniqueSuffix()}`,
    });
    socket = await connectToProject(await listeningUrl(bed.testApp), project.id, {
      auth: { token: owner.accessToken },
    });
    const completed: unknown[] = [];
    socket.on('agent_complete', (data) => completed.push(data));
    const failed = nextEvent(socket, 'error');

    bed.openai.reset();
    bed.openai.enqueue({}, { times: DRAFTED_SECTIONS.length });
    bed.openai.enqueue({ text: BROKEN_CHART }, { times: 10 });
    const accepted = await owner.api
      .post(`/api/v1/projects/${project.id}/clarifications`)
      .send({ session_id: project.sessionId, answers: ONE_OPEN_ANSWER })
      .expect(202);

    await expect(failed).resolves.toEqual({
      task_id: accepted.body.task_id,
      error_code: 'FLOWCHART_INVALID',
      message: expect.stringContaining('The flowchart could not be repaired'),
    });
    expect(completed).toEqual([]);
  });
});
