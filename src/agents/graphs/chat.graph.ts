import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import type { PromptBudget } from '@/llm/budget/prompt-budget.service';
import type { LlmMessage } from '@/llm/llm.types';
import { CHAT_REPLY_PURPOSE, IdeaShape, shapeOf } from '../offline/chat.drafter';
import { agentMessages } from '../prompts/agent-prompt';
import type { AgentRun } from '../runs/agent-run';

export interface SuggestedAction {
  readonly type: 'create_project';
  readonly label: string;
  readonly description: string;
  /** What POST /projects would start from. */
  readonly initial_idea: string;
}

const ChatState = Annotation.Root({
  history: Annotation<LlmMessage[]>(),
  message: Annotation<string>(),
  budgetTokens: Annotation<number>(),
  conversation: Annotation<LlmMessage[]>(),
  summary: Annotation<string | null>(),
  summarisedTurns: Annotation<number>(),
  content: Annotation<string>(),
  idea: Annotation<IdeaShape>(),
  suggestedActions: Annotation<SuggestedAction[]>(),
});

export type ChatOutput = typeof ChatState.State;

const INSTRUCTIONS =
  'You help someone shape a product idea before it becomes a PRD. Reply briefly and ask one ' +
  'question at a time. Reply with JSON {"content": your reply, "idea": {"user", "problem", ' +
  '"core_feature"}}, each null until the person has said it.';
const SUMMARY_HEADER = /^Summary of the earlier conversation[^:]*:\n/;

/**
 * chat: the history fitted into the context budget (older turns replaced by a rolling summary)
 * → a reply that also reads the idea's shape → suggested_actions (create_project once the idea
 * has a user, a problem and a core feature).
 */
export function buildChatGraph(run: AgentRun, budget: PromptBudget) {
  type State = typeof ChatState.State;

  const fit = run.node(
    'fit_context',
    { label: 'Reading the conversation', percent: 10 },
    async (state: State) => {
      const all: LlmMessage[] = [...state.history, { role: 'user', content: state.message }];
      const fitted = await budget.fitChat(all, state.budgetTokens);
      const summaryTurn =
        fitted.summarisedTurns > 0
          ? fitted.messages.find((m) => SUMMARY_HEADER.test(m.content))
          : undefined;
      return {
        conversation: fitted.messages,
        summarisedTurns: fitted.summarisedTurns,
        summary: summaryTurn ? summaryTurn.content.replace(SUMMARY_HEADER, '') : null,
      };
    },
    (update) => ({ summarised_turns: update.summarisedTurns }),
  );

  const reply = run.node(
    'reply',
    { label: 'Replying', percent: 50 },
    async (state: State) => {
      const answer = await run.llm.completeJson(
        CHAT_REPLY_PURPOSE,
        agentMessages(INSTRUCTIONS, state.message, {
          conversation: state.conversation,
          summary: state.summary,
        }),
      );
      // The model's reading of the idea, checked against the user's own words when it is silent.
      const userText = state.conversation
        .filter((m) => m.role === 'user')
        .map((m) => m.content)
        .join('\n');
      const said = shapeOf(userText);
      const given = (answer.idea ?? {}) as Partial<Record<keyof IdeaShape, unknown>>;
      const field = (key: keyof IdeaShape) =>
        typeof given[key] === 'string' && given[key] !== '' ? given[key] : said[key];
      return {
        content:
          typeof answer.content === 'string' && answer.content
            ? answer.content
            : 'Tell me more about the idea.',
        idea: {
          user: field('user'),
          problem: field('problem'),
          core_feature: field('core_feature'),
        },
      };
    },
    (update) => ({ idea: update.idea }),
  );

  const suggest = run.node(
    'suggest_actions',
    { label: 'Suggesting next steps', percent: 90 },
    (state: State) => {
      const { user, problem, core_feature } = state.idea;
      const ready = Boolean(user && problem && core_feature);
      const initialIdea = [...state.history, { role: 'user', content: state.message }]
        .filter((m) => m.role === 'user')
        .map((m) => m.content.trim())
        .join(' ')
        .slice(0, 5000);
      return Promise.resolve({
        suggestedActions: ready
          ? [
              {
                type: 'create_project' as const,
                label: 'Convert to PRD Project',
                description: 'Ready to create a full PRD?',
                initial_idea: initialIdea,
              },
            ]
          : [],
      });
    },
    (update) => ({ actions: update.suggestedActions.map((action) => action.type) }),
  );

  return new StateGraph(ChatState)
    .addNode('fit_context', fit)
    .addNode('reply', reply)
    .addNode('suggest_actions', suggest)
    .addEdge(START, 'fit_context')
    .addEdge('fit_context', 'reply')
    .addEdge('reply', 'suggest_actions')
    .addEdge('suggest_actions', END)
    .compile();
}
