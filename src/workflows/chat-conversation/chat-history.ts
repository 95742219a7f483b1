import type { ChatContextTurns } from '@/chats/messages/messages.service';
import type { LlmMessage } from '@/llm/llm.types';

/** How the stored rolling summary opens the history (the prompt budget writes the same header). */
const SUMMARY_HEADER = 'Summary of the earlier conversation';

export interface ModelHistory {
  readonly messages: LlmMessage[];
  /** Each message's place in the chat: the summary stands for everything up to its seq. */
  readonly seqs: number[];
}

/**
 * A chat's context as the model reads it: the rolling summary as the first turn (so the next
 * summary rolls it up with the turns that follow), then the messages after it.
 */
export function modelHistory(context: ChatContextTurns): ModelHistory {
  const summary = context.summary
    ? [{ role: 'user' as const, content: `${SUMMARY_HEADER}:\n${context.summary}` }]
    : [];
  return {
    messages: [...summary, ...context.turns.map(({ role, content }) => ({ role, content }))],
    seqs: [...(context.summary ? [context.throughSeq] : []), ...context.turns.map((t) => t.seq)],
  };
}
