import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AgentType } from '@/llm/agent-logs/agent-metrics';
import { PromptBudget } from '@/llm/budget/prompt-budget.service';
import { transcript } from '@/llm/budget/token-budget';
import type { LlmMessage } from '@/llm/llm.types';
import { SUMMARY_PURPOSE } from '@/llm/offline/summary.drafter';
import { countTextTokens } from '@/llm/token-counter';
import {
  buildChatGraph,
  ChatAttachmentText,
  ReplyDeltas,
  SuggestedAction,
} from '../graphs/chat.graph';
import {
  CHAT_DISTIL_PURPOSE,
  CHAT_REFLECTIONS_PURPOSE,
  CHAT_TITLE_PURPOSE,
  DISTILLED_IDEA_MAX,
  IdeaShape,
  TITLE_MAX,
} from '../offline/chat.drafter';
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
  /** Files sent with the message, as text, read as context within the budget. */
  readonly attachments?: readonly ChatAttachmentText[];
  readonly budgetTokens?: number;
  /** Each piece of the reply as the model writes it (the marker and idea reading never). */
  readonly onDelta?: ReplyDeltas;
}

export interface ChatReply {
  readonly content: string;
  readonly suggested_actions: readonly SuggestedAction[];
  readonly idea: IdeaShape;
  /** The rolling summary of the turns that no longer fit, or null when everything fitted. */
  readonly summary: string | null;
  readonly summarised_turns: number;
  /** The model that wrote the reply. */
  readonly model_used: string;
  /** Every token the turn cost (the reply, and any summary it needed). */
  readonly tokens_used: number;
  /** The prompt tokens of the reply: how much context the model read. */
  readonly context_length: number;
}

const SUMMARY_INSTRUCTIONS =
  'Summarise this product conversation for someone joining it: the idea, who it is for, what ' +
  'was decided and what is still open. Complete sentences, no greetings.';
const REFLECTIONS_INSTRUCTIONS =
  'Reflect on this product conversation. Reply with JSON {"reflections": [3-6 short ' +
  'observations]}: decisions made, questions still open, lenses not discussed, the next step.';
const TITLE_INSTRUCTIONS =
  'Name this product conversation from its first message: 2 to 6 words, no quotes, no final ' +
  'punctuation. Reply with the name only.';
const DISTIL_INSTRUCTIONS =
  'Write the product idea this conversation arrived at, as the brief a PRD starts from: 2 to 6 ' +
  "sentences in the person's terms on who it is for, the problem and the core feature. Plain " +
  'text, nothing else.';
const MIN_IDEA_CHARS = 10;

/**
 * The chat agent: replies to chat turns (streamed), chat titles, the idea a chat is converted
 * with, summaries and reflections. It runs the graph, fits long chats into the budget and logs
 * every run in agent_logs; storage is the caller's (the chat conversation workflow).
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
        buildChatGraph(run, this.budget, input.onDelta).invoke({
          history: [...input.history],
          message: input.message,
          attachments: [...(input.attachments ?? [])],
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
      model_used: out.replyModel,
      tokens_used: run.llm.runTally.totals.tokens.total_tokens,
      context_length: out.contextTokens,
    };
  }

  /** A short name for a chat from its first message; null when the model offers none. */
  async title(input: { userId: string; chatId?: string; message: string }): Promise<string | null> {
    const run = this.start('chat_title_agent', input);
    const text = await loggedRun(
      run,
      { chars: input.message.length },
      () =>
        run.llm.complete(
          CHAT_TITLE_PURPOSE,
          agentMessages(TITLE_INSTRUCTIONS, 'Name this conversation.', {
            message: input.message.slice(0, 2_000),
          }),
          { maxTokens: 24, temperature: 0.3 },
        ),
      (answer) => ({ chars: answer.length }),
    );
    const title = (text.split('\n').find((line) => line.trim()) ?? '')
      .replace(/^["'“”‘’\s]+|["'“”‘’.!?\s]+$/g, '')
      .replace(/\s+/g, ' ')
      .slice(0, TITLE_MAX)
      .trim();
    return title || null;
  }

  /**
   * The idea a project starts from, distilled from the conversation; the person's own words
   * when the model's answer is too short to be one.
   */
  async distilIdea(input: Omit<ChatTurnInput, 'message'>): Promise<string> {
    const run = this.start('chat_distil_agent', input);
    const own = input.history
      .filter((turn) => turn.role === 'user')
      .map((turn) => turn.content.trim())
      .join('\n')
      .slice(0, DISTILLED_IDEA_MAX);
    const idea = await loggedRun(
      run,
      { history: input.history.length },
      async () =>
        run.llm.complete(
          CHAT_DISTIL_PURPOSE,
          agentMessages(DISTIL_INSTRUCTIONS, 'Write the product idea.', {
            conversation: await this.fitted(input),
          }),
        ),
      (text) => ({ chars: text.length }),
    );
    const trimmed = idea.trim().slice(0, DISTILLED_IDEA_MAX);
    return trimmed.length >= MIN_IDEA_CHARS ? trimmed : own;
  }

  /** A summary of the chat history. */
  async summarize(
    input: Omit<ChatTurnInput, 'message'>,
  ): Promise<{ summary: string; model_used: string }> {
    const run = this.start('chat_summary_agent', input);
    const summary = await loggedRun(
      run,
      { history: input.history.length },
      async () =>
        run.llm.complete(SUMMARY_PURPOSE, [
          { role: 'system', content: SUMMARY_INSTRUCTIONS },
          { role: 'user', content: transcript(await this.fitted(input)) },
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
            conversation: await this.fitted(input),
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

  /**
   * The history within the budget: a long chat's older turns read as their rolling summary, and
   * a message too long to fit even alone read as its most telling parts.
   */
  private async fitted(input: Omit<ChatTurnInput, 'message'>): Promise<LlmMessage[]> {
    if (input.history.length === 0) return [];
    const budgetTokens = input.budgetTokens ?? DEFAULT_CHAT_BUDGET_TOKENS;
    const perMessage = Math.floor(budgetTokens / 2);
    const readable = input.history.map((turn) =>
      countTextTokens(turn.content) <= perMessage
        ? turn
        : {
            ...turn,
            content: this.budget.selectContext(
              turn.content,
              turn.content.slice(0, 500),
              perMessage,
            ),
          },
    );
    return (await this.budget.fitChat(readable, budgetTokens)).messages;
  }

  private start(agentType: AgentType, input: { userId: string; chatId?: string }): AgentRun {
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
