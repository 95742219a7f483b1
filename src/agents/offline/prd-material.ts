import { contentTerms } from '@/llm/text/keywords';
import { THINKING_LENSES, ThinkingLens } from '@/domain/thinking-lenses';
import {
  AnswerUse,
  classifyAnswers,
  CoverageMap,
  coverageOf,
  evidenceOf,
  NumberedAnswer,
} from '../answers';
import { arrayField, stringField } from '../prompts/agent-prompt';
import { DOMAIN_SIGNALS, DomainProfile } from './domain-profile';
import { FeatureDraft, featuresIn, featuresNamed, productFeature } from './features';
import {
  capitalise,
  Domain,
  domainOf,
  IdeaReading,
  profileOf,
  readIdea,
  topTerms,
} from './idea-reading';
import { Voice, voiceOf } from './requirement-text';

export { capitalise } from './idea-reading';

/** What the offline PRD drafters work from, read back out of the prompt's data block. */
export interface PrdMaterial {
  readonly projectName: string;
  readonly idea: string;
  readonly reading: IdeaReading;
  readonly voice: Voice;
  readonly domain: Domain | null;
  readonly profile: DomainProfile;
  readonly answers: readonly NumberedAnswer[];
  /** What each answer counts for, aligned with `answers`. */
  readonly uses: readonly AnswerUse[];
  /** Per lens, the answers that address it (repeats and off-topic ones never do). */
  readonly evidence: Readonly<Record<ThinkingLens, readonly NumberedAnswer[]>>;
  /** Per lens: clear (the PRD can state it), partial or missing (the PRD assumes it). */
  readonly coverage: CoverageMap;
  /** Per lens, upload sentences that address it. */
  readonly uploads: Readonly<Record<ThinkingLens, readonly string[]>>;
  /** The functional requirements, the same list for every section that names them. */
  readonly features: readonly Feature[];
  /** Terms the uploads stress that the idea does not. */
  readonly documentTerms: readonly string[];
}

export interface Feature extends FeatureDraft {
  readonly id: string;
  readonly priority: 'P0' | 'P1' | 'P2';
  /** The answer it came from, when one did. */
  readonly from: NumberedAnswer | null;
}

const MAX_FEATURES = 7;
const FEATURES_PER_ANSWER = 3;
const SAME_FEATURE = 0.5;
const FILLERS: readonly FeatureDraft[] = [
  {
    title: 'Onboarding and first-run setup',
    verb: null,
    object: 'onboarding',
    condition: null,
    kind: 'manage',
  },
  {
    title: 'Reminders and notifications',
    verb: null,
    object: 'reminders',
    condition: null,
    kind: 'message',
  },
];

export function materialFrom(data: Record<string, unknown>): PrdMaterial {
  const idea = stringField(data, 'idea').replace(/\s+/g, ' ').trim();
  const answers = arrayField<NumberedAnswer>(data, 'answers').filter(
    (answer) => typeof answer.id === 'string' && typeof answer.answer === 'string',
  );
  const reading = readIdea(idea);
  const uses = classifyAnswers(answers, idea);
  const uploadsText = stringField(data, 'uploads_excerpt');
  const evidenceMap = evidenceOf(answers, idea, uploadsText);
  const evidence = {} as Record<ThinkingLens, readonly NumberedAnswer[]>;
  const uploads = {} as Record<ThinkingLens, readonly string[]>;
  for (const lens of THINKING_LENSES) {
    evidence[lens] = evidenceMap[lens].answers;
    uploads[lens] = evidenceMap[lens].uploads;
  }
  const given = stringField(data, 'domain');
  const domain = isDomain(given)
    ? given
    : domainOf(idea, answers.map((answer) => answer.answer).join(' '));
  const features = featuresFrom(reading, evidence.user_journey);
  const featureWords = new Set(features.flatMap((feature) => contentTerms(feature.title)));
  return {
    projectName: stringField(data, 'project_name') || 'The product',
    idea,
    reading,
    voice: voiceOf(reading.product, reading.audience),
    domain,
    profile: profileOf(domain),
    answers,
    uses,
    evidence,
    coverage: coverageOf(answers, uploadsText, idea),
    uploads,
    features,
    documentTerms: topTerms(uploadsText.slice(0, 20_000), 6).filter(
      (term) => !featureWords.has(term) && !idea.toLowerCase().includes(term),
    ),
  };
}

/**
 * The idea's features first (what it says the product does), then those the journey answers
 * describe, then the product's own name, then fillers up to three; near-duplicates dropped.
 */
function featuresFrom(reading: IdeaReading, journeyAnswers: readonly NumberedAnswer[]): Feature[] {
  const picked: { draft: FeatureDraft; from: NumberedAnswer | null; rank: number }[] = [];
  const add = (draft: FeatureDraft, from: NumberedAnswer | null, rank: number) => {
    const words = new Set(contentTerms(draft.title));
    const duplicate = picked.some(
      ({ draft: known }) => overlap(words, known.title) >= SAME_FEATURE,
    );
    if (!duplicate && picked.length < MAX_FEATURES) picked.push({ draft, from, rank });
  };
  const fromIdea = [
    ...featuresIn(reading.afterProduct, reading.audience),
    ...featuresNamed(reading.afterProduct),
  ];
  fromIdea.forEach((draft) => add(draft, null, 0));
  const named = productFeature(reading.product);
  if (named && fromIdea.length < 2) add(named, null, fromIdea.length === 0 ? 0 : 1);
  journeyAnswers.forEach((answer, index) => {
    for (const draft of featuresIn(answer.answer, reading.audience).slice(0, FEATURES_PER_ANSWER)) {
      add(draft, answer, index === 0 ? 1 : 2);
    }
  });
  for (const filler of FILLERS) if (picked.length < 3) add(filler, null, 2);
  let p0 = 0;
  return picked.map(({ draft, from, rank }, index) => {
    const priority = rank === 0 && p0 < 3 ? 'P0' : rank <= 1 ? 'P1' : 'P2';
    if (priority === 'P0') p0 += 1;
    return {
      ...draft,
      id: `FR-${index + 1}`,
      priority: index === 0 ? 'P0' : priority,
      from,
    };
  });
}

function overlap(words: ReadonlySet<string>, title: string): number {
  const other = new Set(contentTerms(title));
  if (words.size === 0 || other.size === 0) return 0;
  let shared = 0;
  for (const word of words) if (other.has(word)) shared += 1;
  return shared / (words.size + other.size - shared);
}

function isDomain(value: string): value is Domain {
  return DOMAIN_SIGNALS.some(([domain]) => domain === value);
}

export function cite(answer: NumberedAnswer | null): string {
  return answer ? ` (from ${answer.id})` : '';
}

/** An answer as one line of the PRD: whitespace folded, ending with its full stop. */
export function quote(answer: NumberedAnswer): string {
  const text = answer.answer.replace(/\s+/g, ' ').trim();
  return /[.!?]$/.test(text) ? text.slice(0, -1) : text;
}

export function lensName(lens: ThinkingLens): string {
  return lens === 'gtm' ? 'go-to-market' : lens.replace('_', ' ');
}

/** The first `words` words of a text, without trailing punctuation, as a title (chat drafters). */
export function sentence(text: string, words: number): string {
  const cut = text.replace(/\s+/g, ' ').trim().split(' ');
  const joined = cut
    .slice(0, words)
    .join(' ')
    .replace(/[.,;:!?]+$/, '');
  return capitalise(joined) + (cut.length > words ? '…' : '');
}
