import type { DraftInput } from '@/llm/offline/offline-drafter';
import { THINKING_LENSES, ThinkingLens } from '@/domain/thinking-lenses';
import type { CoverageMap, LensCoverage } from '../answers';
import type { ClarifyingQuestion } from '../clarification/clarification-round';
import { arrayField, readAgentData, stringField } from '../prompts/agent-prompt';
import { draftClarificationQuestions } from './clarify-questions.drafter';
import { Domain, domainsOf, readIdea } from './idea-reading';

export const CLARIFY_ASSESS_PURPOSE = 'clarify.assess';
export const CLARIFY_QUESTIONS_PURPOSE = 'clarify.questions';

export interface IdeaAssessment {
  readonly domain: Domain | 'general';
  /** 0 (a weekend project) to 1 (regulated, multi-sided, integration-heavy). */
  readonly complexity: number;
  readonly coverage: CoverageMap;
}

/** What the idea, the uploads and the chat already say, per lens. */
const LENS_SIGNALS: Record<ThinkingLens, RegExp> = {
  discovery:
    /\b(problem|pain|struggl\w*|frustrat\w*|lose|lost|miss\w*|wast\w*|hard to|today|currently|because)\b/i,
  user_journey: /\b(sign[- ]?up|onboard\w*|steps?|flows?|journeys?|then they|first they)\b/i,
  metrics: /\b(metrics?|kpis?|retention|conversion|\d+\s?%|per (week|month)|measure\w*)\b/i,
  gtm: /\b(pric\w*|subscriptions?|freemium|launch\w*|channels?|marketing|sell|sales)\b/i,
  risks: /\b(risks?|regulat\w*|complian\w*|gdpr|hipaa|fraud|security|privacy|trust)\b/i,
};

export function assessIdea(idea: string, uploadsText: string, chat: string): IdeaAssessment {
  const text = `${idea}\n${chat}`;
  const domains = domainsOf(text);
  const { audience } = readIdea(idea);
  const coverage = {} as CoverageMap;
  for (const lens of THINKING_LENSES) {
    const inText = LENS_SIGNALS[lens].test(text);
    const inUploads = LENS_SIGNALS[lens].test(uploadsText.slice(0, 50_000));
    const audienceKnown = lens === 'discovery' && audience !== null;
    coverage[lens] = coverageFrom(
      inText && (audienceKnown || lens !== 'discovery'),
      inText || inUploads || audienceKnown,
    );
  }
  const regulated = domains.some((domain) => domain === 'health' || domain === 'finance');
  const complexity =
    0.3 +
    0.15 * Math.min(domains.length, 2) +
    (regulated ? 0.2 : 0) +
    (idea.split(/\s+/).length > 40 ? 0.1 : 0) +
    (uploadsText.trim() ? 0.05 : 0);
  return {
    domain: domains[0] ?? 'general',
    complexity: Math.round(Math.min(complexity, 1) * 100) / 100,
    coverage,
  };
}

function coverageFrom(clear: boolean, touched: boolean): LensCoverage {
  return clear ? 'clear' : touched ? 'partial' : 'missing';
}

export function clarifyAssessDrafter({ messages }: DraftInput): string {
  const data = readAgentData(messages);
  const chat = arrayField<{ content?: string }>(data, 'chat_history')
    .map((turn) => turn.content ?? '')
    .join('\n');
  return JSON.stringify(
    assessIdea(stringField(data, 'idea'), stringField(data, 'uploads_excerpt'), chat),
  );
}

/** The offline questions, with choices where the question is a choice. */
export function clarifyQuestionsDrafter({ messages }: DraftInput): string {
  const data = readAgentData(messages);
  const questions = offlineQuestions(
    stringField(data, 'idea'),
    stringField(data, 'uploads_excerpt'),
    stringField(data, 'domain'),
  );
  return JSON.stringify({ questions });
}

export function offlineQuestions(
  idea: string,
  uploadsText: string,
  domain: string,
): ClarifyingQuestion[] {
  return draftClarificationQuestions({ idea, uploadsText }).map((question) => {
    const choice = CHOICES[question.lens]?.(question.question, domain);
    return choice ? { ...question, ...choice } : question;
  });
}

type Choice = { options: string[]; recommended: string } | null;

const CHOICES: Partial<Record<ThinkingLens, (question: string, domain: string) => Choice>> = {
  gtm: (question, domain) =>
    /pay for it/.test(question)
      ? pick(
          ['Free with paid upgrades', 'Monthly subscription', 'A fee per transaction'],
          domain === 'marketplace' || domain === 'commerce' ? 2 : domain === 'business' ? 1 : 0,
        )
      : null,
  risks: (question, domain) =>
    /biggest reason/.test(question)
      ? pick(
          ['Trust', 'Regulation', 'Cost', 'Competition'],
          domain === 'health' || domain === 'finance'
            ? 1
            : domain === 'marketplace' || domain === 'social'
              ? 0
              : 3,
        )
      : null,
  metrics: (question) =>
    /one number/.test(question)
      ? pick(['Weekly active users', 'Core tasks completed per week', 'Retention after 30 days'], 1)
      : null,
};

function pick(options: string[], recommended: number): Choice {
  return { options, recommended: options[recommended] };
}
