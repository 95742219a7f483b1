import { AppError } from '@/common/errors';
import { splitSentences } from '../text/sentences';
import { countMessageTokens, countTextTokens } from '../token-counter';
import type { LlmMessage } from '../llm.types';

export interface ChatBudgetOptions {
  /** Tokens the prompt may use: the model's context minus the room kept for the answer. */
  readonly budgetTokens: number;
  /** Writes a summary of older turns in at most `maxTokens` (the gateway, with a summary purpose). */
  readonly summarise: (turns: readonly LlmMessage[], maxTokens: number) => Promise<string>;
  /** Share of the budget the summary may take (default a quarter). */
  readonly summaryShare?: number;
  readonly countTokens?: (messages: readonly LlmMessage[]) => number;
}

export interface FittedChat {
  readonly messages: LlmMessage[];
  /** How many older turns the summary replaced (0: everything fitted as it was). */
  readonly summarisedTurns: number;
}

const SUMMARY_HEADER = 'Summary of the earlier conversation';

/**
 * Fits a chat into a token budget without cutting anything mid-sentence: the leading system
 * prompt and the newest turns stay verbatim, older turns are replaced by a summary (whole
 * sentences only). A latest message that cannot fit even alone is refused, not truncated.
 */
export async function fitChatToBudget(
  messages: readonly LlmMessage[],
  options: ChatBudgetOptions,
): Promise<FittedChat> {
  const count = options.countTokens ?? countMessageTokens;
  const budget = options.budgetTokens;
  if (count(messages) <= budget) return { messages: [...messages], summarisedTurns: 0 };

  const firstTurn = messages.findIndex((message) => message.role !== 'system');
  const system = firstTurn === -1 ? [...messages] : messages.slice(0, firstTurn);
  const turns = firstTurn === -1 ? [] : messages.slice(firstTurn);
  const latest = turns.at(-1);
  if (!latest || count([...system, latest]) > budget) {
    const needed = count(latest ? [...system, latest] : system);
    throw AppError.validation([
      {
        field: 'messages',
        message: `the system prompt and latest message need ${needed} tokens, over the budget of ${budget}`,
      },
    ]);
  }

  const allowance = Math.floor(budget * (options.summaryShare ?? 0.25));
  const reserve = allowance + count([{ role: 'system', content: `${SUMMARY_HEADER}:` }]);
  let keepFrom = turns.length - 1;
  while (keepFrom > 0 && count([...system, ...turns.slice(keepFrom - 1)]) + reserve <= budget) {
    keepFrom -= 1;
  }
  const older = turns.slice(0, keepFrom);
  const summary = wholeSentences(await options.summarise(older, allowance), allowance);
  const summaryMessage: LlmMessage = {
    role: 'system',
    content: `${SUMMARY_HEADER} (${older.length} earlier messages):\n${summary || '(nothing to keep)'}`,
  };
  return {
    messages: [...system, summaryMessage, ...turns.slice(keepFrom)],
    summarisedTurns: older.length,
  };
}

/** The longest run of leading whole sentences within `maxTokens`; a summariser may overshoot. */
export function wholeSentences(text: string, maxTokens: number): string {
  const kept: string[] = [];
  let used = 0;
  for (const sentence of splitSentences(text)) {
    const cost = countTextTokens(sentence) + 1;
    if (used + cost > maxTokens) break;
    kept.push(sentence);
    used += cost;
  }
  return kept.join(' ');
}

/** A chat as plain text for a summariser: one "role: content" paragraph per message. */
export function transcript(turns: readonly LlmMessage[]): string {
  return turns.map((turn) => `${turn.role}: ${turn.content}`).join('\n\n');
}
