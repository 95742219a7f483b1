import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { checkFlowchart } from '@/domain/flowchart/flowchart-parser';
import { PRD_SECTIONS } from '@/agents/prd/prd-sections';
import { THINKING_LENSES } from '@/domain/thinking-lenses';
import { SessionsRepository } from '@/projects/sessions/sessions.repository';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aMarkdown } from '@test/support/fixtures/documents';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { answersTo, waitForTask, ONE_OPEN_ANSWER } from '@test/support/factories/agents';
import {
  aProject,
  CreatedProject,
  fieldNames,
  PROJECT_TEST_ENV,
} from '@test/support/factories/projects';

const DETAILED: Record<string, string> = {
  discovery: 'Freelance designers and the small agencies that hire them for short projects',
  user_journey: 'The client posts a brief, shortlists three designers and funds escrow',
  metrics: 'Number of projects paid through escrow each week',
};

describe('Generation: clarifications → PRD + flowchart as a new version (offline provider)', () => {
  let testApp: TestApp;
  let owner: SignedInUser;
  let project: CreatedProject;
  const base = (): string => `/api/v1/projects/${project.id}`;

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
  });
  beforeEach(async () => {
    owner = await aSignedInUser(testApp.http);
    project = await aProject(owner.api);
  });
  afterAll(() => testApp.close());

  it('answers 202 with a task, reports progress, and saves the PRD as v1.0 by the agent', async () => {
    // gtm and risks are left unanswered: their points must come back as [ASSUMPTION].
    const answers = answersTo(project.body.clarification_questions, (question) =>
      question.lens in DETAILED ? DETAILED[question.lens] : '',
    );
    const accepted = await owner.api
      .post(`${base()}/clarifications`)
      .send({ session_id: project.sessionId, answers })
      .expect(202);
    expect(accepted.body).toEqual({
      message: 'Processing clarifications',
      task_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      session_id: project.sessionId,
      session_expires_at: expect.stringMatching(/Z$/),
    });

    const done = await waitForTask(owner.api, project.id, accepted.body.task_id);
    expect(done).toMatchObject({ status: 'completed', progress: 100, current_step: 'Completed' });
    const result = done.result as Record<string, unknown>;
    const prd = result.prd_content as string;
    const headings = [...prd.matchAll(/^## \d+\. (.+)$/gm)].map((match) => match[1]);
    expect(headings).toEqual(PRD_SECTIONS.map((section) => section.title));
    expect(prd).toContain(DETAILED.user_journey);
    expect(prd).toMatch(/### FR-1 \(P0\)/);
    expect(prd).toMatch(/\*\*SM-1:\*\* [^\n]+\n(\s+- Target: [^\n]+\n)?\s+- Counter-metric: \S/);
    expect(prd).toMatch(/\[ASSUMPTION\] Launch: a pilot/);
    expect(prd).toMatch(/## 13\. Assumptions Index\n\n1\. AS-1/);
    expect(checkFlowchart(result.flowchart_content as string).ok).toBe(true);
    expect(result.thinking_lens_status).toEqual({
      discovery: true,
      user_journey: true,
      metrics: true,
      gtm: false,
      risks: false,
    });
    expect(result.version).toBe('v1.0');

    const detail = await owner.api.get(base()).expect(200);
    expect(detail.body.project).toMatchObject({
      current_version: 'v1.0',
      prd_content: prd,
      flowchart_content: result.flowchart_content,
      thinking_lens_status: result.thinking_lens_status,
    });
    const answered = answers.filter((answer) => answer.answer !== '').length;
    expect(detail.body.project.version_history[0].changes).toBe(
      `Generated PRD from ${answered} of ${answers.length} clarification answers`,
    );
    const versions = await owner.api.get(`${base()}/versions`).expect(200);
    expect(versions.body.versions[0].author).toEqual({ kind: 'agent', id: 'generate' });
  });

  it("records the questions, the answers and the coverage per lens in the session's agent_state", async () => {
    const questions = project.body.clarification_questions as { lens: string }[];
    const pasted = 'Freelance designers and the small agencies that hire them 🎨\n<b>weekly</b>';
    // A discovery question answered in detail, one other question given the same text pasted.
    const asked = questions.findIndex((question) => question.lens === 'discovery');
    const pastedAt = questions.findIndex((question) => question.lens !== 'discovery');
    const answers = answersTo(questions, (_question, index) =>
      index === asked || index === pastedAt ? pasted : '',
    );
    await owner.api
      .post(`${base()}/clarifications`)
      .send({ session_id: project.sessionId, answers })
      .expect(202);
    const session = await testApp.app
      .get(SessionsRepository)
      .findLive(owner.id, project.id, project.sessionId, new Date());
    const outputs = session?.agent_state.intermediate_outputs as Record<string, unknown>;
    expect(session?.agent_state.current_step).toBe('generation');
    expect(outputs.clarification_questions).toEqual(questions);
    const recorded = outputs.clarification_answers as Record<string, unknown>[];
    expect(recorded).toHaveLength(answers.length);
    // Numbered in order, the text as sent, and what each counted for.
    expect(recorded.map((answer) => answer.id)).toEqual(answers.map((_, i) => `A-${i + 1}`));
    expect(recorded[asked]).toMatchObject({
      ...answers[asked],
      status: 'used',
      counts_for: 'discovery',
    });
    expect(recorded[pastedAt]).toMatchObject({
      answer: pasted,
      status: 'repeat',
      counts_for: null,
      repeats: `A-${asked + 1}`,
    });
    const blank = recorded.filter((_, index) => index !== asked && index !== pastedAt);
    expect(new Set(blank.map((answer) => answer.status))).toEqual(new Set(['unanswered']));
    const coverage = outputs.lens_coverage as Record<string, string>;
    expect(Object.keys(coverage).sort()).toEqual([...THINKING_LENSES].sort());
    expect(coverage).toEqual({
      discovery: 'clear',
      user_journey: 'missing',
      metrics: 'missing',
      gtm: 'missing',
      risks: 'missing',
    });
    expect(Date.parse(outputs.answered_at as string)).not.toBeNaN();
  });

  it('writes an agent_logs entry for the run and for every node, with model offline', async () => {
    const accepted = await owner.api
      .post(`${base()}/clarifications`)
      .send({ session_id: project.sessionId, answers: ONE_OPEN_ANSWER })
      .expect(202);
    const done = await waitForTask(owner.api, project.id, accepted.body.task_id);
    expect(done.status).toBe('completed');
    const logs = await testApp.app
      .get<Connection>(getConnectionToken())
      .collection('agent_logs')
      .find({ execution_id: accepted.body.task_id })
      .sort({ timestamp: 1 })
      .toArray();
    expect(logs.map((log) => [log.agent_type, log.node] as unknown[])).toEqual([
      ['generation_agent', 'assess'],
      ['generation_agent', 'draft_sections'],
      ['generation_agent', 'assemble'],
      ['generation_agent', 'draw_flowchart'],
      ['generation_agent', 'lens_status'],
      ['generation_agent', 'save_version'],
      ['generation_agent', null],
    ]);
    const run = logs[logs.length - 1];
    expect(run).toMatchObject({
      status: 'success',
      model_used: 'offline',
      provider: 'offline',
      session_id: project.sessionId,
      output_data: { version: 'v1.0' },
    });
    expect((run.tokens as { total_tokens: number }).total_tokens).toBeGreaterThan(0);
    // The run completed, so its checkpoints were cleared.
    const left = await testApp.app
      .get<Connection>(getConnectionToken())
      .collection('agent_checkpoints')
      .countDocuments({ thread_id: `generate:${accepted.body.task_id}` });
    expect(left).toBe(0);
  });

  it('drafts from what the uploads say, not only from the idea', async () => {
    const withNotes = await aProject(
      owner.api,
      { initial_idea: 'A booking tool for dog groomers' },
      [
        {
          name: 'notes.md',
          content: aMarkdown(
            '# Research\n\nGroomers need deposits. Deposits cut no-shows. Deposits are refundable.\n',
          ),
        },
      ],
    );
    const accepted = await owner.api
      .post(`/api/v1/projects/${withNotes.id}/clarifications`)
      .send({ session_id: withNotes.sessionId, answers: ONE_OPEN_ANSWER })
      .expect(202);
    const done = await waitForTask(owner.api, withNotes.id, accepted.body.task_id);
    const prd = (done.result as { prd_content: string }).prd_content;
    expect(prd).toContain('uploaded material stresses deposits');
    expect(prd).toContain('Uploaded documents constrain "deposits"');
  });

  it('refuses bad input naming the field, and unknown sessions, tasks and projects', async () => {
    const bad = await owner.api
      .post(`${base()}/clarifications`)
      .send({ session_id: 'nope', answers: [{ lens: 'vibes', question: 'Q', answer: 'A' }] })
      .expect(400);
    expect(fieldNames(bad.body).sort()).toEqual(['answers.0.lens', 'session_id']);

    const other = await aProject(owner.api);
    await owner.api
      .post(`${base()}/clarifications`)
      .send({ session_id: other.sessionId, answers: ONE_OPEN_ANSWER })
      .expect(404);
    await owner.api
      .get(`${base()}/generation-status/00000000-0000-4000-8000-000000000000`)
      .expect(404);

    const stranger = await aSignedInUser(testApp.http);
    const accepted = await owner.api
      .post(`${base()}/clarifications`)
      .send({ session_id: project.sessionId, answers: ONE_OPEN_ANSWER })
      .expect(202);
    await stranger.api
      .post(`${base()}/clarifications`)
      .send({ session_id: project.sessionId, answers: ONE_OPEN_ANSWER })
      .expect(404);
    const foreign = await stranger.api
      .get(`${base()}/generation-status/${accepted.body.task_id}`)
      .expect(404);
    expect(foreign.body).toMatchObject({ error: 'Project not found', code: 'NOT_FOUND' });
    // The task exists, but not under another project of the same owner.
    await owner.api
      .get(`/api/v1/projects/${other.id}/generation-status/${accepted.body.task_id}`)
      .expect(404);
    await waitForTask(owner.api, project.id, accepted.body.task_id);
  });
});
