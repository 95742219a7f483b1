import { getConnectionToken } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { ClarificationService } from '@/agents/clarification/clarification.service';
import { THINKING_LENSES } from '@/domain/thinking-lenses';
import { aSignedInUser } from '@test/support/factories';
import { aProject, PROJECT_TEST_ENV } from '@test/support/factories/projects';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { createLlmTestBed, LlmTestBed } from '@test/support/llm-stubs/llm-test-app';

describe('Clarify graph behind POST /projects (offline provider)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
  });
  afterAll(() => testApp.close());

  it("logs the run under the new project, and keeps the contract's question shape", async () => {
    const owner = await aSignedInUser(testApp.http);
    const project = await aProject(owner.api);
    const logs = await testApp.app
      .get<Connection>(getConnectionToken())
      .collection('agent_logs')
      .find({ agent_type: 'clarification_agent', project_id: { $ne: null } })
      .toArray();
    const run = logs.find((log) => String(log.project_id) === project.id && log.node === null);
    expect(run).toMatchObject({ status: 'success', model_used: 'offline' });
    expect(
      logs.filter((log) => String(log.project_id) === project.id).map((log) => log.node as unknown),
    ).toEqual(['assess', 'ask', 'select', null]);
    for (const question of project.body.clarification_questions as object[]) {
      // The contract's fields, plus the options and recommended choice added to it.
      expect(Object.keys(question).sort()).toEqual([
        'context',
        'lens',
        'options',
        'question',
        'recommended',
        'recommended_reason',
      ]);
    }
  });

  it('gives a chat conversion a full round: coverage, options and a recommended choice', async () => {
    const round = await testApp.app.get(ClarificationService).clarify({
      idea: 'A budgeting app for students who share flats',
      uploadsText: '',
      chatHistory: [{ role: 'user', content: 'Students lose track of shared bills every month' }],
    });
    expect(round.domain).toBe('finance');
    expect(round.coverage.discovery).toBe('clear');
    expect(new Set(round.questions.map((q) => q.lens))).toEqual(new Set(THINKING_LENSES));
    expect(round.questions.find((q) => q.options)?.recommended).toBeDefined();
  });
});

describe('Clarify graph when every provider fails', () => {
  let bed: LlmTestBed;

  beforeAll(async () => {
    bed = await createLlmTestBed({ ...PROJECT_TEST_ENV, LLM_MAX_RETRIES: '0' });
  });
  afterAll(() => bed.close());

  it('still creates the project, with the offline questions', async () => {
    bed.openai.enqueue({ status: 500 }, { times: 100 });
    bed.anthropic.enqueue({ status: 500 }, { times: 100 });
    const owner = await aSignedInUser(bed.testApp.http);
    const project = await aProject(owner.api, {
      initial_idea: 'A fitness tracking app for marathon runners',
    });
    const questions = project.body.clarification_questions as { question: string }[];
    expect(questions.length).toBeGreaterThanOrEqual(5);
    expect(JSON.stringify(questions)).toContain('marathon runners');
  });
});
