import { Injectable } from '@nestjs/common';
import { LlmGateway } from '../llm-gateway.service';
import type { LlmMessage } from '../llm.types';
import { SUMMARY_PURPOSE } from '../offline/summary.drafter';
import { chunkText, joinWithGaps, selectRelevantChunks } from './chunker';
import { FittedChat, fitChatToBudget, transcript } from './token-budget';

const SUMMARY_INSTRUCTIONS =
  'Summarise this conversation for a product manager who will continue it. Keep decisions, ' +
  'requirements, numbers and open questions; drop greetings. Write complete sentences.';

/** Keeps prompts inside a token budget; the graphs call it before they call the gateway. */
@Injectable()
export class PromptBudget {
  constructor(private readonly gateway: LlmGateway) {}

  /** The chat, with older turns summarised by the gateway when it does not fit. */
  fitChat(messages: readonly LlmMessage[], budgetTokens: number): Promise<FittedChat> {
    return fitChatToBudget(messages, {
      budgetTokens,
      summarise: async (turns, maxTokens) => {
        const result = await this.gateway.complete({
          purpose: SUMMARY_PURPOSE,
          messages: [
            { role: 'system', content: SUMMARY_INSTRUCTIONS },
            { role: 'user', content: transcript(turns) },
          ],
          maxTokens,
          temperature: 0.2,
        });
        return result.text;
      },
    });
  }

  /** The parts of a long document (an upload) most relevant to `query`, gaps marked "[…]". */
  selectContext(document: string, query: string, budgetTokens: number, chunkTokens = 400): string {
    const chunks = chunkText(document, Math.min(chunkTokens, budgetTokens));
    return joinWithGaps(selectRelevantChunks(chunks, query, budgetTokens), chunks.length);
  }
}
