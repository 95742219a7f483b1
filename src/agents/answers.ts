import type { ClarificationAnswer } from '@/domain/clarification';
import { THINKING_LENSES, ThinkingLens } from '@/domain/thinking-lenses';

/** An answer with its id ("A-3"), which requirements cite so every answer is traceable. */
export interface NumberedAnswer extends ClarificationAnswer {
  readonly id: string;
  /** False for a blank or "don't know" answer: whatever it asked becomes an [ASSUMPTION]. */
  readonly answered: boolean;
}

export type LensCoverage = 'clear' | 'partial' | 'missing';
export type CoverageMap = Record<ThinkingLens, LensCoverage>;

const NON_ANSWER =
  /^(n\/?a|none|no idea|idk|i don'?t know|not sure|unsure|tbd|skip(ped)?|-|\?+)\.?$/i;
const CLEAR_WORDS = 4;

export function numberAnswers(answers: readonly ClarificationAnswer[]): NumberedAnswer[] {
  return answers.map((answer, index) => ({
    ...answer,
    answer: answer.answer.trim(),
    id: `A-${index + 1}`,
    answered: isAnswered(answer.answer),
  }));
}

export function isAnswered(answer: string): boolean {
  const text = answer.trim();
  return text !== '' && !NON_ANSWER.test(text);
}

/**
 * Per lens: clear when some answer says enough to write from (a few words), partial when it was
 * touched only briefly (or only the uploads speak to it), missing otherwise.
 */
export function coverageOf(answers: readonly NumberedAnswer[], uploadsText = ''): CoverageMap {
  const coverage = {} as CoverageMap;
  for (const lens of THINKING_LENSES) {
    const given = answers.filter((answer) => answer.lens === lens && answer.answered);
    if (given.some((answer) => answer.answer.split(/\s+/).length >= CLEAR_WORDS)) {
      coverage[lens] = 'clear';
    } else if (given.length > 0 || (uploadsText.trim() !== '' && lens === 'discovery')) {
      coverage[lens] = 'partial';
    } else coverage[lens] = 'missing';
  }
  return coverage;
}
