import { randomUUID } from 'node:crypto';
import { getModelToken } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { AgentLog } from '@/llm/agent-logs/agent-log.schema';
import { AgentLogsService, AgentRunContext } from '@/llm/agent-logs/agent-logs.service';
import { LlmGateway } from '@/llm/llm-gateway.service';

describe('agent_logs on the real document store', () => {
  let testApp: TestApp;
  let logs: AgentLogsService;
  let gateway: LlmGateway;

  beforeAll(async () => {
    testApp = await createTestApp();
    logs = testApp.app.get(AgentLogsService);
    gateway = testApp.app.get(LlmGateway);
  });
  afterAll(() => testApp.close());

  const context = (): AgentRunContext => ({
    userId: new Types.ObjectId().toHexString(),
    projectId: new Types.ObjectId().toHexString(),
    sessionId: randomUUID(),
    agentType: 'clarification_agent',
    executionId: randomUUID(),
  });

  it("records a run and its nodes with the contract's fields plus tokens, cost and model", async () => {
    const run = context();
    const questions = await logs.track(run, null, { idea: 'A tool for dog walkers' }, (runTally) =>
      logs.track(run, 'ask_questions', { lens: 'discovery' }, async (tally) => {
        const result = await gateway.complete({
          purpose: 'clarify.questions',
          messages: [
            { role: 'user', content: 'A scheduling tool for dog walkers and their clients.' },
          ],
        });
        tally.add(result);
        runTally.add(result);
        return { questions: [result.text.slice(0, 20)] };
      }),
    );
    expect(questions.questions).toHaveLength(1);

    const entries = await logs.findExecution(run.userId, run.executionId);
    expect(entries.map((entry) => entry.node)).toEqual(['ask_questions', null]);
    const [node, whole] = entries;
    expect(whole).toMatchObject({
      session_id: run.sessionId,
      agent_type: 'clarification_agent',
      execution_id: run.executionId,
      input_data: { idea: 'A tool for dog walkers' },
      output_data: { questions: [expect.any(String)] },
      status: 'success',
      error_details: null,
      model_used: 'offline',
      provider: 'offline',
      cost_usd: 0,
    });
    expect(whole.user_id.toHexString()).toBe(run.userId);
    expect(whole.project_id?.toHexString()).toBe(run.projectId);
    expect(whole.timestamp).toBeInstanceOf(Date);
    expect(whole.execution_time_ms).toBeGreaterThanOrEqual(node.execution_time_ms);
    expect(whole.tokens.total_tokens).toBeGreaterThan(0);
    expect(node.tokens).toEqual(whole.tokens);
    // Someone else's id finds nothing.
    expect(await logs.findExecution(new Types.ObjectId().toHexString(), run.executionId)).toEqual(
      [],
    );
  });

  it('records failures with their details and rethrows them', async () => {
    const run = context();
    const failing = logs.track(run, 'generate_prd', { answers: 3 }, () => {
      throw Object.assign(new Error('deadline passed'), { name: 'TimeoutError' });
    });
    await expect(failing).rejects.toThrow('deadline passed');
    const [entry] = await logs.findExecution(run.userId, run.executionId);
    expect(entry).toMatchObject({
      node: 'generate_prd',
      status: 'timeout',
      error_details: { name: 'TimeoutError', message: 'deadline passed', code: null },
      output_data: null,
      model_used: null,
    });
  });

  it('stores any run data portably: odd keys, nested arrays, and an explicit cap', async () => {
    const run = context();
    await logs.record(run, {
      input: { 'a.b': 1, $where: 2, grid: [[1, 2], [3]], big: 'x'.repeat(10) },
      output: { text: 'y'.repeat(40_000) },
      executionTimeMs: 12.6,
      status: 'success',
    });
    const [entry] = await logs.findExecution(run.userId, run.executionId);
    expect(entry.input_data).toEqual({
      a_b: 1,
      _where: 2,
      grid: [{ items: [1, 2] }, { items: [3] }],
      big: 'xxxxxxxxxx',
    });
    expect(entry.output_data).toMatchObject({ truncated: true, bytes: 40_011 });
    expect(entry.execution_time_ms).toBe(13);
  });

  it("creates the contract's indexes", async () => {
    const model = testApp.app.get<Model<AgentLog>>(getModelToken(AgentLog.name));
    const keys = (await model.listIndexes()).map((index) => index.key as Record<string, number>);
    expect(keys).toEqual(
      expect.arrayContaining([
        { user_id: 1, timestamp: -1 },
        { execution_id: 1 },
        { timestamp: -1 },
      ]),
    );
  });
});
