import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PromptBudget } from '@/llm/budget/prompt-budget.service';
import { transcript } from '@/llm/budget/token-budget';
import type { LlmMessage } from '@/llm/llm.types';
import { SUMMARY_PURPOSE } from '@/llm/offline/summary.drafter';
import { buildChatGraph, SuggestedAction } from '../graphs/chat.graph';
import { CHAT_REFLECTIONS_PURPOSE, IdeaShape } from '../offline/chat.drafter';
import { agentMessages } from '../prompts/agent-prompt';
import { AgentRun } from '../runs/agent-run';
import { AgentRuns, NO_PROGRESS } from '../runs/agent-runs';
import { loggedRun } from '../runs/run-graph';

/** Room for the system prompt and the answer in an 8k-token context. */
export const DEFAULT_CHAT_BUDGET_TOKENS = 6_000;

export interface ChatTurnInput {
  readonly userId: string;
  readonly chatId?: string;
  /** Earlier messages, oldest first. */
  readonly history: readonly LlmMessage[];
  readonly message: string;
  readonly budgetTokens?: number;
}

export interface ChatReply {
  readonly content: string;
  readonly suggested_actions: readonly SuggestedAction[];
  readonly idea: IdeaShape;
  /** The rolling summary of the turns that no longer fit, or null when everything fitted. */
  readonly summary: string | null;
  readonly summarised_turns: number;
  readonly model_used: string;
}

const SUMMARY_INSTRUCTIONS =
  'Summarise this product conversation for someone joining it: the idea, who it is for, what ' +
  'was decided and what is still open. Complete sentences, no greetings.';
const REFLECTIONS_INSTRUCTIONS =
  'Reflect on this product conversation. Reply with JSON {"reflections": [3-6 short ' +
  'observations]}: decisions made, questions still open, lenses not discussed, the next step.';

/**
 * The chat agent: a reply to a chat turn, a summary and reflections of a chat. It runs the graph,
 * fits long chats into the budget and logs every run in agent_logs; the chats feature's routes
 * and gateway reach it through a workflow.
 */
@Injectable()
export class ChatAgentService {
  constructor(
    private readonly runs: AgentRuns,
    private readonly budget: PromptBudget,
  ) {}

  async reply(input: ChatTurnInput): Promise<ChatReply> {
    const run = this.start('chat_agent', input);
    const out = await loggedRun(
      run,
      { history: input.history.length },
      () =>
        buildChatGraph(run, this.budget).invoke({
          history: [...input.history],
          message: input.message,
          budgetTokens: input.budgetTokens ?? DEFAULT_CHAT_BUDGET_TOKENS,
        }),
      (result) => ({ suggested_actions: result.suggestedActions.length }),
    );
    return {
      content: out.content,
      suggested_actions: out.suggestedActions,
      idea: out.idea,
      summary: out.summary,
      summarised_turns: out.summarisedTurns,
      model_used: modelOf(run),
    };
  }

  /** A summary of the chat history. */
  async summarize(
    input: Omit<ChatTurnInput, 'message'>,
  ): Promise<{ summary: string; model_used: string }> {
    const run = this.start('chat_summary_agent', input);
    const summary = await loggedRun(
      run,
      { history: input.history.length },
      () =>
        run.llm.complete(SUMMARY_PURPOSE, [
          { role: 'system', content: SUMMARY_INSTRUCTIONS },
          { role: 'user', content: transcript(input.history) },
        ]),
      (text) => ({ chars: text.length }),
    );
    return { summary, model_used: modelOf(run) };
  }

  /** Reflections on the chat history. */
  async reflect(
    input: Omit<ChatTurnInput, 'message'>,
  ): Promise<{ reflections: string[]; model_used: string }> {
    const run = this.start('chat_reflection_agent', input);
    const reflections = await loggedRun(
      run,
      { history: input.history.length },
      async () => {
        const answer = await run.llm.completeJson(
          CHAT_REFLECTIONS_PURPOSE,
          agentMessages(REFLECTIONS_INSTRUCTIONS, 'Reflect on this conversation.', {
            conversation: input.history,
          }),
        );
        const list = Array.isArray(answer.reflections) ? answer.reflections : [];
        return list.filter(
          (item): item is string => typeof item === 'string' && item.trim() !== '',
        );
      },
      (list) => ({ reflections: list.length }),
    );
    return { reflections, model_used: modelOf(run) };
  }

  private start(agentType: string, input: { userId: string; chatId?: string }): AgentRun {
    return this.runs.start(
      {
        agentType,
        executionId: randomUUID(),
        userId: input.userId,
        projectId: null,
        sessionId: input.chatId ?? null,
      },
      NO_PROGRESS,
    );
  }
}

function modelOf(run: AgentRun): string {
  return run.llm.runTally.totals.model_used ?? 'offline';
}
