import type { ClarificationAnswer } from '@/domain/clarification';
import type { PromptBudget } from '@/llm/budget/prompt-budget.service';

/** Room for the uploads in each section prompt. */
const UPLOADS_BUDGET_TOKENS = 2_500;

/**
 * What a generation reads of the uploads: the parts most relevant to the idea and the answers,
 * not the first pages. The review reads the same excerpt, so it judges a lens against the
 * evidence the generation had.
 */
export function uploadsExcerpt(
  budget: Pick<PromptBudget, 'selectContext'>,
  uploadsText: string,
  idea: string,
  answers: readonly ClarificationAnswer[],
): string {
  if (!uploadsText) return '';
  const query = [idea, ...answers.map((answer) => answer.answer.trim())].join('\n');
  return budget.selectContext(uploadsText, query, UPLOADS_BUDGET_TOKENS);
}
