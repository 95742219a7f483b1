import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '@/common/errors';
import { ChatConversion } from './chat-conversion.schema';
import { ChatConversionsRepository, ConversionResult } from './chat-conversions.repository';

export type { ConversionResult } from './chat-conversions.repository';

/** Longer than a conversion takes (clarify with a slow model); then a claim counts as abandoned. */
const STALE_MS = 5 * 60_000;
/** How long a second caller waits for the first one's result before answering 503. */
const WAIT_MS = 2 * 60_000;
const POLL_MS = 100;

/**
 * Converting a chat happens once. The first caller claims the chat (an insert under the chat's
 * own id, which only one caller can win, on any document store) and runs the conversion; anyone
 * else, now or later, gets the same result. A failed conversion gives the claim back, so trying
 * again works; a claim abandoned by a crashed process is taken over once it is stale.
 */
@Injectable()
export class ChatConversionsService {
  constructor(private readonly conversions: ChatConversionsRepository) {}

  async once(
    userId: string,
    chatId: string,
    convert: () => Promise<ConversionResult>,
  ): Promise<ConversionResult> {
    const giveUpAt = Date.now() + WAIT_MS;
    for (;;) {
      const token = randomUUID();
      const claim = await this.conversions.claim(userId, chatId, token);
      if (claim.won) return this.run(userId, chatId, token, convert);
      const { held } = claim;
      if (held.status === 'done') return resultOf(held);
      if (Date.now() - held.claimed_at.getTime() > STALE_MS) {
        await this.conversions.release(userId, chatId, held.token);
        continue;
      }
      if (Date.now() > giveUpAt) {
        throw new AppError('SERVICE_UNAVAILABLE', 'The chat is still being converted; try again', {
          retry_after: 5,
        });
      }
      await sleep(POLL_MS);
    }
  }

  private async run(
    userId: string,
    chatId: string,
    token: string,
    convert: () => Promise<ConversionResult>,
  ): Promise<ConversionResult> {
    let result: ConversionResult;
    try {
      result = await convert();
    } catch (error) {
      await this.conversions.release(userId, chatId, token);
      throw error;
    }
    await this.conversions.complete(userId, chatId, token, result);
    return result;
  }
}

function resultOf(held: ChatConversion): ConversionResult {
  return {
    projectId: held.project_id!.toHexString(),
    sessionId: held.session_id!,
    questions: held.clarification_questions.map(
      ({ lens, question, context, options, recommended, recommended_reason }) => ({
        lens,
        question,
        context,
        options: [...options],
        recommended,
        recommended_reason,
      }),
    ),
  };
}
