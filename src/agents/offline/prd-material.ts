import type { ThinkingLens } from '@/domain/thinking-lenses';
import type { NumberedAnswer } from '../answers';
import { arrayField, stringField } from '../prompts/agent-prompt';
import { Domain, domainsOf, readIdea, topTerms } from './idea-reading';

/** What the offline PRD drafters work from, read back out of the prompt's data block. */
export interface PrdMaterial {
  readonly projectName: string;
  readonly idea: string;
  readonly product: string;
  readonly audience: string;
  readonly domain: Domain | null;
  readonly answers: readonly NumberedAnswer[];
  /** The idea's and the journey answers' key terms: the candidate features, in order. */
  readonly features: readonly string[];
  /** Terms the uploads stress that the idea does not. */
  readonly documentTerms: readonly string[];
}

export interface Feature {
  readonly id: string;
  readonly priority: 'P0' | 'P1' | 'P2';
  readonly title: string;
  /** The answer it came from, when one did. */
  readonly from: NumberedAnswer | null;
}

export function materialFrom(data: Record<string, unknown>): PrdMaterial {
  const idea = stringField(data, 'idea').replace(/\s+/g, ' ').trim();
  const answers = arrayField<NumberedAnswer>(data, 'answers').filter(
    (answer) => typeof answer.id === 'string' && typeof answer.answer === 'string',
  );
  const { product, audience } = readIdea(idea);
  const audienceWords = new Set((audience ?? '').split(' '));
  const journeyText = answers
    .filter((answer) => answer.answered && answer.lens === 'user_journey')
    .map((answer) => answer.answer)
    .join(' ');
  const features = topTerms(`${idea} ${journeyText}`, 8).filter((term) => !audienceWords.has(term));
  const uploads = stringField(data, 'uploads_excerpt');
  return {
    projectName: stringField(data, 'project_name') || 'The product',
    idea,
    product,
    audience: audience ?? 'its primary users',
    domain: domainsOf(`${idea} ${journeyText}`)[0] ?? null,
    answers,
    features: features.slice(0, 5),
    documentTerms: topTerms(uploads.slice(0, 20_000), 6).filter((term) => !features.includes(term)),
  };
}

export function answersFor(material: PrdMaterial, lens: ThinkingLens): NumberedAnswer[] {
  return material.answers.filter((answer) => answer.lens === lens && answer.answered);
}

export function unanswered(material: PrdMaterial): NumberedAnswer[] {
  return material.answers.filter((answer) => !answer.answered);
}

/**
 * The functional requirements, the same list for every section that names them (FRs, MVP
 * scope, the flowchart): one per key term of the idea, then one per journey or discovery answer.
 */
export function featuresOf(material: PrdMaterial): Feature[] {
  const fromTerms = material.features.slice(0, 3).map((term, index) => ({
    title: `${capitalise(term)} for ${material.audience}`,
    from: null,
    priority: index < 2 ? ('P0' as const) : ('P1' as const),
  }));
  const fromAnswers = material.answers
    .filter((answer) => answer.answered && ['user_journey', 'discovery'].includes(answer.lens))
    .slice(0, 4)
    .map((answer, index) => ({
      title: sentence(answer.answer, 12),
      from: answer,
      priority: index === 0 ? ('P0' as const) : index < 3 ? ('P1' as const) : ('P2' as const),
    }));
  return [...fromTerms, ...fromAnswers].map((feature, index) => ({
    ...feature,
    id: `FR-${index + 1}`,
  }));
}

export function cite(answer: NumberedAnswer | null): string {
  return answer ? ` (from ${answer.id})` : '';
}

/** The first `words` words of a text, without trailing punctuation, as a title. */
export function sentence(text: string, words: number): string {
  const cut = text.replace(/\s+/g, ' ').trim().split(' ');
  const joined = cut
    .slice(0, words)
    .join(' ')
    .replace(/[.,;:!?]+$/, '');
  return capitalise(joined) + (cut.length > words ? '…' : '');
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
