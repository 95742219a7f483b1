import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import type { PromptBudget } from '@/llm/budget/prompt-budget.service';
import { wholeSentences } from '@/llm/budget/token-budget';
import type { LlmMessage } from '@/llm/llm.types';
import { SUMMARY_PURPOSE } from '@/llm/offline/summary.drafter';
import { countTextTokens } from '@/llm/token-counter';
import { IDEA_MARKER, ReplySplitter } from '../chat/reply-splitter';
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

/** A file sent with the message: its extracted text ('' for an image or an unreadable file). */
export interface ChatAttachmentText {
  readonly filename: string;
  readonly text: string;
}

const ChatState = Annotation.Root({
  history: Annotation<LlmMessage[]>(),
  message: Annotation<string>(),
  attachments: Annotation<ChatAttachmentText[]>(),
  /** What the model reads of the attachments: the parts most relevant to the message. */
  attachmentContext: Annotation<string | null>(),
  budgetTokens: Annotation<number>(),
  conversation: Annotation<LlmMessage[]>(),
  summary: Annotation<string | null>(),
  summarisedTurns: Annotation<number>(),
  content: Annotation<string>(),
  /** The reply call's own figures (the run's tally also has the summary calls). */
  replyModel: Annotation<string>(),
  contextTokens: Annotation<number>(),
  idea: Annotation<IdeaShape>(),
  suggestedActions: Annotation<SuggestedAction[]>(),
});

export type ChatOutput = typeof ChatState.State;

const INSTRUCTIONS =
  'You help someone shape a product idea before it becomes a PRD. Reply briefly in plain text ' +
  'and ask one question at a time. After the reply, on a line of its own, write ' +
  `${IDEA_MARKER}{"user": ..., "problem": ..., "core_feature": ...}</idea> with what the person ` +
  'has said about each (null until they have); that line is never shown to them.';
const SUMMARY_HEADER = /^Summary of the earlier conversation[^:]*:\n/;
const LONG_MESSAGE_INSTRUCTIONS =
  'The person sent this message, too long to read whole. Summarise it for the assistant who ' +
  'answers it: the idea, the facts, numbers and questions it contains. Complete sentences.';
const EMPTY_REPLY = 'Tell me more about the idea.';
/** Share of the budget the latest message may take before it is read as a summary. */
const MESSAGE_SHARE = 0.5;
/** Share of the budget the attachments' text may take (their most relevant parts). */
const ATTACHMENTS_SHARE = 0.25;

/** Where a streamed reply goes as it is written (the chat room); nowhere by default. */
export type ReplyDeltas = (text: string) => void;

/**
 * chat: the history fitted into the context budget (older turns replaced by a rolling summary, a
 * message too long for the budget read as its summary) → a streamed reply that ends with the
 * model's reading of the idea → suggested_actions (create_project once the idea has a user, a
 * problem and a core feature).
 */
export function buildChatGraph(
  run: AgentRun,
  budget: PromptBudget,
  onDelta: ReplyDeltas = () => undefined,
) {
  type State = typeof ChatState.State;

  /** The attachments' text within its share of the budget: the parts closest to the message. */
  const attachmentContext = (
    files: readonly ChatAttachmentText[],
    message: string,
    budgetTokens: number,
  ): string | null => {
    if (files.length === 0) return null;
    const text = files
      .map((file) => `## ${file.filename}\n\n${file.text || '(no text could be read)'}`)
      .join('\n\n');
    const allowance = Math.floor(budgetTokens * ATTACHMENTS_SHARE);
    return countTextTokens(text) <= allowance
      ? text
      : budget.selectContext(text, message, allowance);
  };

  /** The latest message as the model reads it: whole, or its summary when it would not fit. */
  const readable = async (message: string, budgetTokens: number): Promise<string> => {
    const allowance = Math.floor(budgetTokens * MESSAGE_SHARE);
    if (countTextTokens(message) <= allowance) return message;
    const summary = await run.llm.complete(
      SUMMARY_PURPOSE,
      [
        { role: 'system', content: LONG_MESSAGE_INSTRUCTIONS },
        { role: 'user', content: message },
      ],
      { maxTokens: allowance, temperature: 0.2 },
    );
    return `(A long message, summarised) ${wholeSentences(summary, allowance - 10)}`;
  };

  const fit = run.node(
    'fit_context',
    { label: 'Reading the conversation', percent: 10 },
    async (state: State) => {
      const message = await readable(state.message, state.budgetTokens);
      const all: LlmMessage[] = [...state.history, { role: 'user', content: message }];
      const fitted = await budget.fitChat(all, state.budgetTokens);
      const summaryTurn =
        fitted.summarisedTurns > 0
          ? fitted.messages.find((m) => SUMMARY_HEADER.test(m.content))
          : undefined;
      return {
        conversation: fitted.messages,
        attachmentContext: attachmentContext(state.attachments ?? [], message, state.budgetTokens),
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
      const splitter = new ReplySplitter();
      const latest = state.conversation.at(-1)?.content ?? state.message;
      const result = await run.llm.stream(
        CHAT_REPLY_PURPOSE,
        agentMessages(INSTRUCTIONS, latest, {
          conversation: state.conversation,
          summary: state.summary,
          ...(state.attachmentContext ? { attachments: state.attachmentContext } : {}),
        }),
        (delta) => {
          const shown = splitter.push(delta);
          if (shown) onDelta(shown);
        },
      );
      const split = splitter.finish();
      if (split.rest) onDelta(split.rest);
      const reading = split.idea;
      let content = split.content;
      if (content.trim() === '') {
        // Only the idea reading came back: the person still gets a reply, streamed like one.
        content += EMPTY_REPLY;
        onDelta(EMPTY_REPLY);
      }
      // The model's reading of the idea, checked against the user's own words when it is silent.
      const userText = state.conversation
        .filter((m) => m.role === 'user')
        .map((m) => m.content)
        .join('\n');
      const said = shapeOf(userText);
      const given = (reading ?? {}) as Partial<Record<keyof IdeaShape, unknown>>;
      const field = (key: keyof IdeaShape) =>
        typeof given[key] === 'string' && given[key] !== '' ? given[key] : said[key];
      return {
        content,
        replyModel: result.model,
        contextTokens: result.usage.prompt_tokens,
        idea: {
          user: field('user'),
          problem: field('problem'),
          core_feature: field('core_feature'),
        },
      };
    },
    (update) => ({ idea: update.idea, chars: update.content.length }),
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
