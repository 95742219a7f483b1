import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { DRAFTED_SECTIONS } from '@/agents/prd/prd-sections';
import { eventually } from '@test/support/eventually';
import { aSignedInUser, SignedInUser, uniqueSuffix } from '@test/support/factories';
import { waitForTask, ONE_OPEN_ANSWER } from '@test/support/factories/agents';
import { aProject, PROJECT_TEST_ENV } from '@test/support/factories/projects';
import { createLlmTestBed, LlmTestBed } from '@test/support/llm-stubs/llm-test-app';

const VALID = 'flowchart TD\n  Start(["Client arrives"]) --> Brief["Post a brief"]\n';
const BROKEN =
  'flowchart TD\n  Start([Client arrives]) --> Brief[Post a brief (draft)]\n  Brief -->';

describe('Generation with a real model API (OpenAI stub): the flowchart is repaired or rejected', () => {
  let bed: LlmTestBed;
  let owner: SignedInUser;

  beforeAll(async () => {
    bed = await createLlmTestBed(PROJECT_TEST_ENV);
    owner = await aSignedInUser(bed.testApp.http);
  });
  afterAll(() => bed.close());

  /** A project with its own idea, so no answer comes from the LLM cache of another test. */
  async function generate(script: () => void): Promise<{
    projectId: string;
    status: Awaited<ReturnType<typeof waitForTask>>;
  }> {
    const project = await aProject(owner.api, {
      initial_idea: `A booking tool for dog groomers number ${uniqueSuffix()}`,
    });
    // POST /projects asked the stub for its questions; script the generation's calls after it.
    bed.openai.reset();
    script();
    const accepted = await owner.api
      .post(`/api/v1/projects/${project.id}/clarifications`)
      .send({ session_id: project.sessionId, answers: ONE_OPEN_ANSWER })
      .expect(202);
    return {
      projectId: project.id,
      status: await waitForTask(owner.api, project.id, accepted.body.task_id),
    };
  }

  it('reports progress while it works: percent, step name and ETA', async () => {
    const project = await aProject(owner.api, {
      initial_idea: `A booking tool for dog groomers number ${uniqueSuffix()}`,
    });
    bed.openai.reset();
    bed.openai.enqueue({}, { times: DRAFTED_SECTIONS.length });
    // The chart is held back until the test has seen the task at the flowchart step (a fixed
    // delay was a race on a loaded machine). Each retry gets the same held answer, should the
    // first attempt time out meanwhile.
    let release = (): void => undefined;
    const chartAnswered = new Promise<void>((resolve) => (release = resolve));
    bed.openai.enqueue({ text: VALID, until: chartAnswered }, { times: 3 });
    const accepted = await owner.api
      .post(`/api/v1/projects/${project.id}/clarifications`)
      .send({ session_id: project.sessionId, answers: ONE_OPEN_ANSWER })
      .expect(202);
    const url = `/api/v1/projects/${project.id}/generation-status/${accepted.body.task_id}`;
    const seen = await eventually('the flowchart step', async () => {
      const res = await owner.api.get(url).expect(200);
      return res.body.current_step === 'Generating flowchart'
        ? (res.body as Record<string, unknown>)
        : undefined;
    }).finally(release);
    expect(seen).toEqual({
      status: 'processing',
      progress: 78,
      current_step: 'Generating flowchart',
      estimated_time_remaining: expect.any(Number),
      result: null,
    });
    expect((await waitForTask(owner.api, project.id, accepted.body.task_id)).status).toBe(
      'completed',
    );
  });

  it('saves the repaired chart when the model fixes its own broken one', async () => {
    // Every section gets the stub's default answer; then the chart, broken; then its repair.
    const { projectId, status } = await generate(() => {
      bed.openai.enqueue({}, { times: DRAFTED_SECTIONS.length });
      bed.openai.enqueue({ text: BROKEN });
      bed.openai.enqueue({ text: VALID });
    });
    expect(status.status).toBe('completed');
    expect(status.result?.flowchart_content).toBe(VALID);
    // The request answered with the repair (the version's review critique comes after it).
    const repairPrompt = JSON.stringify(bed.openai.requests[DRAFTED_SECTIONS.length + 1]?.body);
    expect(repairPrompt).toContain('does not parse');
    const detail = await owner.api.get(`/api/v1/projects/${projectId}`).expect(200);
    expect(detail.body.project.flowchart_content).toBe(VALID);
  });

  it('fails the task (FLOWCHART_INVALID) and saves no version when the chart stays broken', async () => {
    const { projectId, status } = await generate(() => {
      bed.openai.enqueue({}, { times: DRAFTED_SECTIONS.length });
      bed.openai.enqueue({ text: BROKEN }, { times: 10 });
    });
    expect(status).toMatchObject({
      status: 'error',
      result: null,
      error: {
        error_code: 'FLOWCHART_INVALID',
        message: expect.stringContaining('could not be repaired'),
      },
    });
    const detail = await owner.api.get(`/api/v1/projects/${projectId}`).expect(200);
    expect(detail.body.project).toMatchObject({ current_version: null, flowchart_content: null });
    const runLog = await bed.testApp.app
      .get<Connection>(getConnectionToken())
      .collection('agent_logs')
      .findOne({ project_id: { $exists: true }, node: 'draw_flowchart', status: 'error' });
    expect(runLog?.model_used).toBe('gpt-4o');
  });
});
