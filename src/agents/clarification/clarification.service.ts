import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type ClarificationQuestion, copyQuestion } from '@/domain/clarification';
import { buildClarifyGraph } from '../graphs/clarify.graph';
import { assessIdea, offlineQuestions } from '../offline/clarify.drafter';
import { AgentRuns, NO_PROGRESS } from '../runs/agent-runs';
import { loggedRun } from '../runs/run-graph';
import type { ClarificationInput, ClarificationRound } from './clarification-round';

/**
 * The clarify agent behind one seam: creating a project calls questionsFor. The graph runs on the
 * LLM gateway (the offline drafters without a key); if the model fails, the offline drafter's
 * questions are used, so creating a project never fails because of the AI.
 */
@Injectable()
export class ClarificationService {
  private readonly logger = new Logger(ClarificationService.name);

  constructor(private readonly runs: AgentRuns) {}

  /**
   * The questions POST /projects answers and the session keeps: the contract's lens, question
   * and context, with the options, the recommended one and why (coverage is in clarify()'s round).
   */
  async questionsFor(input: ClarificationInput): Promise<ClarificationQuestion[]> {
    const round = await this.clarify(input);
    return round.questions.map(copyQuestion);
  }

  async clarify(input: ClarificationInput): Promise<ClarificationRound> {
    const run = input.owner
      ? this.runs.start(
          {
            agentType: 'clarification_agent',
            executionId: randomUUID(),
            userId: input.owner.userId,
            projectId: input.owner.projectId,
          },
          NO_PROGRESS,
        )
      : this.runs.startUnlogged();
    const state = {
      idea: input.idea,
      uploadsText: input.uploadsText,
      chatHistory: [...(input.chatHistory ?? [])],
    };
    try {
      const out = await loggedRun(
        run,
        { idea_chars: input.idea.length, uploads_chars: input.uploadsText.length },
        () => buildClarifyGraph(run).invoke(state),
        (result) => ({ domain: result.domain, questions: result.questions.length }),
      );
      return {
        domain: out.domain,
        complexity: out.complexity,
        coverage: out.coverage,
        questions: out.questions,
      };
    } catch (error) {
      this.logger.warn({ err: error }, 'The clarify graph failed; using the offline questions');
      const assessment = assessIdea(input.idea, input.uploadsText, '');
      return {
        ...assessment,
        questions: offlineQuestions(input.idea, input.uploadsText, assessment.domain),
      };
    }
  }
}
