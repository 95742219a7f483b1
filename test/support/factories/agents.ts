import type { LlmGateway } from '@/llm/llm-gateway.service';
import type { LlmRequest, LlmResult } from '@/llm/llm.types';
import { OfflineDrafters } from '@/llm/offline/offline-drafters';
import { AGENT_DRAFTERS } from '@/agents/offline/agent-drafters';
import { AgentLlm } from '@/agents/runs/agent-llm';
import { AgentRun } from '@/agents/runs/agent-run';
import type { AgentLogEntry } from '@/llm/agent-logs/agent-logs.service';
import type { AgentType } from '@/llm/agent-logs/agent-metrics';
import type { AgentRunProgress } from '@/domain/agent-run';
import { eventually, EventuallyOptions } from '../eventually';
import { aProject } from './projects';
import type { AuthenticatedRequests } from './users';

/** A stand-in model for unit specs: answers each call with `answer(request)`. */
export type ScriptedModel = (request: LlmRequest) => string;

/** The offline drafters exactly as the app registers them, as a scripted model. */
export function offlineModel(): ScriptedModel {
  const drafters = new OfflineDrafters();
  for (const [purpose, drafter] of Object.entries(AGENT_DRAFTERS))
    drafters.register(purpose, drafter);
  return (request) =>
    drafters.for(request.purpose)({
      messages: request.messages,
      purpose: request.purpose,
      json: request.json ?? false,
      maxTokens: request.maxTokens,
    });
}

export interface RecordedRun {
  readonly run: AgentRun;
  readonly progress: AgentRunProgress[];
  readonly logs: AgentLogEntry[];
  readonly requests: LlmRequest[];
}

/** An AgentRun over a scripted model that records its progress, logs and LLM requests. */
export function aRecordedRun(
  model: ScriptedModel = offlineModel(),
  agentType: AgentType = 'generation_agent',
): RecordedRun {
  const progress: AgentRunProgress[] = [];
  const logs: AgentLogEntry[] = [];
  const requests: LlmRequest[] = [];
  const gateway = {
    complete: (request: LlmRequest): Promise<LlmResult> => {
      requests.push(request);
      const text = model(request);
      return Promise.resolve({
        text,
        provider: 'offline',
        model: 'offline',
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
        cost_usd: 0,
        cached: false,
        latency_ms: 1,
      });
    },
  } as unknown as LlmGateway;
  const run = new AgentRun(
    { agentType, executionId: 'exec-1', userId: 'u1', projectId: 'p1', sessionId: 's1' },
    new AgentLlm(gateway),
    { report: (update) => Promise.resolve(void progress.push(update)) },
    (entry) => Promise.resolve(void logs.push(entry)),
  );
  return { run, progress, logs, requests };
}

export interface TaskStatusBody {
  status: 'queued' | 'processing' | 'completed' | 'error';
  progress: number;
  current_step: string | null;
  estimated_time_remaining: number | null;
  result: Record<string, unknown> | null;
  error?: { message: string; error_code: string };
}

/** Polls generation-status until the task finishes (completed or error), within `timeoutMs`. */
export async function waitForTask(
  api: AuthenticatedRequests,
  projectId: string,
  taskId: string,
  options: EventuallyOptions = { intervalMs: 50 },
): Promise<TaskStatusBody> {
  return eventually(
    `task ${taskId} to finish`,
    async () => {
      const res = await api
        .get(`/api/v1/projects/${projectId}/generation-status/${taskId}`)
        .expect(200);
      const body = res.body as TaskStatusBody;
      return body.status === 'completed' || body.status === 'error' ? body : undefined;
    },
    options,
  );
}

/**
 * The least a clarification round can send: one answer, left open (every question unanswered,
 * as "not sure" would). An empty `answers` list is refused.
 */
export const ONE_OPEN_ANSWER = [
  { lens: 'discovery', question: 'Who is your primary target user?', answer: '' },
] as const;

export interface AskedQuestion {
  lens: string;
  question: string;
}

/** Answers for a project's questions: `answer(question, index)` ('' leaves one unanswered). */
export function answersTo(
  questions: unknown,
  answer: (question: AskedQuestion, index: number) => string,
): { lens: string; question: string; answer: string }[] {
  return (questions as AskedQuestion[]).map((question, index) => ({
    lens: question.lens,
    question: question.question,
    answer: answer(question, index),
  }));
}

/**
 * A project whose clarifications were answered (by default every other one; `answer` picks
 * them, e.g. to leave a lens unanswered) and whose PRD v1.0 the agent wrote.
 */
export async function aGeneratedProject(
  api: AuthenticatedRequests,
  answer: (question: AskedQuestion, index: number) => string = (question, index) =>
    index % 2 === 0
      ? `Answer about ${question.lens}: freelancers and clients agree terms first`
      : '',
): Promise<{ id: string; sessionId: string; prd: string; flowchart: string }> {
  const project = await aProject(api);
  const answers = answersTo(project.body.clarification_questions, answer);
  const accepted = await api
    .post(`/api/v1/projects/${project.id}/clarifications`)
    .send({ session_id: project.sessionId, answers })
    .expect(202);
  const done = await waitForTask(api, project.id, accepted.body.task_id as string);
  if (done.status !== 'completed') throw new Error(`generation failed: ${JSON.stringify(done)}`);
  const result = done.result as { prd_content: string; flowchart_content: string };
  return {
    id: project.id,
    sessionId: project.sessionId,
    prd: result.prd_content,
    flowchart: result.flowchart_content,
  };
}
