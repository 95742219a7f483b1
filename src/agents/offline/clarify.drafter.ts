import type { DraftInput } from '@/llm/offline/offline-drafter';
import { THINKING_LENSES } from '@/domain/thinking-lenses';
import { CoverageMap, LensCoverage, lensScores, QuestionWithChoices } from '../answers';
import { arrayField, readAgentData, stringField } from '../prompts/agent-prompt';
import { draftClarificationQuestions } from './clarify-questions.drafter';
import { DOMAIN_SIGNALS } from './domain-profile';
import { Domain, domainOf, readIdea } from './idea-reading';

export const CLARIFY_ASSESS_PURPOSE = 'clarify.assess';
export const CLARIFY_QUESTIONS_PURPOSE = 'clarify.questions';

const UPLOAD_CHARS = 50_000;

export interface IdeaAssessment {
  readonly domain: Domain | 'general';
  /** 0 (a weekend project) to 1 (regulated, multi-sided, integration-heavy). */
  readonly complexity: number;
  readonly coverage: CoverageMap;
}

export function assessIdea(idea: string, uploadsText: string, chat: string): IdeaAssessment {
  const text = `${idea}\n${chat}`;
  const domains = DOMAIN_SIGNALS.filter(([, signal]) => new RegExp(signal.source, 'i').test(text));
  const domain = domainOf(idea, chat);
  const { audience } = readIdea(idea);
  const coverage = {} as CoverageMap;
  // The same vocabulary that tells what an answer is about (answers.ts): one word is a touch,
  // two say something clear; discovery also needs to know who the users are.
  const said = lensScores(text, false);
  const documented = lensScores(uploadsText.slice(0, UPLOAD_CHARS), false);
  for (const lens of THINKING_LENSES) {
    const audienceKnown = lens === 'discovery' && audience !== null;
    coverage[lens] = coverageFrom(
      said[lens] >= 2 && (audienceKnown || lens !== 'discovery'),
      said[lens] > 0 || documented[lens] >= 2 || audienceKnown,
    );
  }
  const regulated = domain === 'health' || domain === 'finance';
  const complexity =
    0.3 +
    0.15 * Math.min(domains.length, 2) +
    (regulated ? 0.2 : 0) +
    (idea.split(/\s+/).length > 40 ? 0.1 : 0) +
    (uploadsText.trim() ? 0.05 : 0);
  return {
    domain: domain ?? 'general',
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

/** The offline questions, each with its choices and the recommended one. */
export function clarifyQuestionsDrafter({ messages }: DraftInput): string {
  const data = readAgentData(messages);
  const coverage = data.coverage as CoverageMap | undefined;
  const questions = offlineQuestions(
    stringField(data, 'idea'),
    stringField(data, 'uploads_excerpt'),
    stringField(data, 'domain'),
    coverage && typeof coverage === 'object' ? coverage : undefined,
  );
  return JSON.stringify({ questions });
}

export function offlineQuestions(
  idea: string,
  uploadsText: string,
  domain: string,
  coverage?: CoverageMap,
): QuestionWithChoices[] {
  const known = DOMAIN_SIGNALS.find(([candidate]) => candidate === domain)?.[0] ?? null;
  return draftClarificationQuestions({
    idea,
    uploadsText,
    domain: known,
    coverage: coverage ?? assessIdea(idea, uploadsText, '').coverage,
  });
}
