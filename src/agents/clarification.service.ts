import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { LlmMessage } from '@/llm/llm.types';
import type { ThinkingLens } from '@/projects/thinking-lenses';
import type { CoverageMap } from './answers';
import { buildClarifyGraph } from './graphs/clarify.graph';
import { assessIdea, offlineQuestions } from './offline/clarify.drafter';
import { AgentRuns, NO_PROGRESS } from './runs/agent-runs';
import { loggedRun } from './runs/run-graph';

export interface ClarificationInput {
  readonly idea: string;
  /** Text extracted from the project's uploads ('' when there are none). */
  readonly uploadsText: string;
  /** The chat the idea came from, when it came from one (a chat converted into a project). */
  readonly chatHistory?: readonly LlmMessage[];
  /** Whose project it is: the run is logged in agent_logs under it. */
  readonly owner?: { readonly userId: string; readonly projectId: string };
}

/** Seed 000's question: what POST /projects answers. */
export interface ClarificationQuestion {
  readonly lens: ThinkingLens;
  readonly question: string;
  readonly context: string;
}

/** The clarify graph's question: with 2-4 choices and the one it recommends, where useful. */
export interface ClarifyingQuestion extends ClarificationQuestion {
  readonly options?: readonly string[];
  readonly recommended?: string;
}

export interface ClarificationRound {
  readonly domain: string;
  readonly complexity: number;
  readonly coverage: CoverageMap;
  /** 5-10, every lens asked about, most impactful (least covered lens) first. */
  readonly questions: readonly ClarifyingQuestion[];
}

/**
 * The clarify agent behind one seam: POST /projects calls questionsFor. The graph runs on the
 * LLM gateway (the offline drafters without a key); if the model fails, the offline drafter's
 * questions are used, so creating a project never fails because of the AI.
 */
@Injectable()
export class ClarificationService {
  private readonly logger = new Logger(ClarificationService.name);

  constructor(private readonly runs: AgentRuns) {}

  /**
   * Seed 000's three fields only: POST /projects and the session keep the contract's shape.
   * Choices and coverage are in clarify()'s round.
   */
  async questionsFor(input: ClarificationInput): Promise<ClarificationQuestion[]> {
    const round = await this.clarify(input);
    return round.questions.map(({ lens, question, context }) => ({ lens, question, context }));
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
