import { Injectable, Logger } from '@nestjs/common';
import { AppError } from '@/common/errors';
import type { VersionReview } from '@/domain/version-review';
import { PromptBudget } from '@/llm/budget/prompt-budget.service';
import { LlmGateway } from '@/llm/llm-gateway.service';
import { uploadsExcerpt } from '../generation/uploads-excerpt';
import { critiquePrd } from './prd-critique';
import { reviewPrdInSteps } from './review-prd';
import type { PrdReview, ReviewInput } from './review.types';

type CritiqueOutcome = Pick<VersionReview, 'critique' | 'critique_status' | 'critique_error'>;

const NOT_CONFIGURED: CritiqueOutcome = {
  critique: null,
  critique_status: 'not_configured',
  critique_error: null,
};

/**
 * The review a version is saved with: the deterministic checklist (run in steps, so a long PRD
 * never holds the event loop for the whole review) and, when a model is configured, its
 * critique. A critique that fails is recorded as failed with its error code, never thrown: a
 * review must not cost the user their save.
 */
@Injectable()
export class ReviewService {
  private readonly logger = new Logger(ReviewService.name);

  constructor(
    private readonly gateway: LlmGateway,
    private readonly budget: PromptBudget,
  ) {}

  /** `input.uploadsText` is every upload's text; the review reads the generation's excerpt of it. */
  async review(full: ReviewInput): Promise<VersionReview> {
    const input = {
      ...full,
      uploadsText: uploadsExcerpt(this.budget, full.uploadsText ?? '', full.idea, full.answers),
    };
    const checklist = await reviewPrdInSteps(input);
    const critique = await this.critique(input, checklist);
    return {
      score: checklist.score,
      checklist: checklist.checklist,
      findings: checklist.findings,
      ...critique,
      reviewed_at: new Date().toISOString(),
    };
  }

  private async critique(input: ReviewInput, checklist: PrdReview): Promise<CritiqueOutcome> {
    if (this.gateway.entries.every((entry) => entry.provider === 'offline')) return NOT_CONFIGURED;
    try {
      const critique = await critiquePrd(this.gateway, input, checklist);
      // Null with a model configured: every model failed and the offline drafter answered.
      return critique
        ? { critique, critique_status: 'complete', critique_error: null }
        : { critique: null, critique_status: 'failed', critique_error: 'AI_UNAVAILABLE' };
    } catch (error) {
      const code = error instanceof AppError ? error.code : 'AGENT_FAILED';
      this.logger.warn({ err: error, code }, 'The PRD critique failed; the checklist stands alone');
      return { critique: null, critique_status: 'failed', critique_error: code };
    }
  }
}
