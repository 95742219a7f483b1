import { countTextTokens } from '../token-counter';
import { keyPhrases, terms } from '../text/keywords';
import { splitSentences } from '../text/sentences';
import { DraftInput, lastUserMessage } from './offline-drafter';

/** The purpose the prompt budget uses when it asks the gateway to summarise older turns. */
export const SUMMARY_PURPOSE = 'llm.summary';

/**
 * Extractive summary: the sentences that carry the most key-phrase weight, in their original
 * order, whole, until the token allowance is used.
 */
export function summaryDrafter({ messages, maxTokens }: DraftInput): string {
  const source = lastUserMessage(messages);
  const sentences = splitSentences(source);
  const weights = new Map<string, number>();
  for (const phrase of keyPhrases(source, 30)) {
    for (const term of terms(phrase.text)) {
      weights.set(term, Math.max(weights.get(term) ?? 0, phrase.score));
    }
  }
  const ranked = sentences
    .map((sentence, index) => ({ index, sentence, score: sumWeights(sentence, weights) }))
    // Greetings and thanks carry no key phrase: they are not worth a summary's tokens.
    .filter((candidate) => candidate.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index);
  const allowance = maxTokens ?? 256;
  const chosen: typeof ranked = [];
  let used = 0;
  for (const candidate of ranked) {
    const cost = countTextTokens(candidate.sentence) + 1;
    if (used + cost > allowance) continue;
    chosen.push(candidate);
    used += cost;
  }
  return chosen
    .sort((a, b) => a.index - b.index)
    .map((candidate) => candidate.sentence)
    .join(' ');
}

function sumWeights(sentence: string, weights: ReadonlyMap<string, number>): number {
  return [...new Set(terms(sentence))].reduce((sum, term) => sum + (weights.get(term) ?? 0), 0);
}
