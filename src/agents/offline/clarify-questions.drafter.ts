import { THINKING_LENSES, ThinkingLens } from '@/domain/thinking-lenses';
import type { CoverageMap, QuestionWithChoices } from '../answers';
import { featuresIn, featuresNamed, productFeature } from './features';
import { Domain, domainOf, lowerFirst, profileOf, readIdea, topTerms } from './idea-reading';

export interface QuestionInput {
  readonly idea: string;
  /** Text extracted from the uploads ('' when there are none). */
  readonly uploadsText: string;
  /** How well the idea already covers each lens: the least covered are asked about first. */
  readonly coverage?: CoverageMap;
  readonly domain?: Domain | null;
}

const MAX_QUESTIONS = 10;
const UPLOAD_CHARS = 20_000;
/** Which lens to ask about first when several are equally open: scope before money. */
const LENS_ORDER: readonly ThinkingLens[] = [
  'user_journey',
  'metrics',
  'risks',
  'discovery',
  'gtm',
];
const REGULATED: readonly Domain[] = ['health', 'finance'];
const IMPACT = { missing: 0, partial: 1, clear: 2 } as const;

interface Candidate extends QuestionWithChoices {
  /** The idea already says this when it matches: the question is not asked. */
  readonly answeredBy?: RegExp;
}

/**
 * The offline question drafter: 5-10 questions, most impactful first (the lenses the idea
 * leaves most open, scope before metrics before money), worded from the idea's product,
 * audience and features, each with 2-4 choices from its domain and a recommended one. It never
 * asks what the idea already says. The clarify graph uses it as the offline model and as the
 * backup for a model's questions.
 */
export function draftClarificationQuestions(input: QuestionInput): QuestionWithChoices[] {
  const idea = input.idea.replace(/\s+/g, ' ').trim();
  const reading = readIdea(idea);
  const domain = input.domain ?? domainOf(idea);
  const profile = profileOf(domain);
  const product = reading.product;
  const users = reading.audience ?? 'your first users';
  const features = [
    ...featuresIn(reading.afterProduct, reading.audience),
    ...featuresNamed(reading.afterProduct),
  ];
  const named = productFeature(product);
  if (named && features.length < 2) features.push(named);
  const core = features[0] ? lowerFirst(features[0].title) : 'the core task';
  const candidates: Candidate[] = [];
  if (!reading.audience) {
    candidates.push(
      choice(
        'discovery',
        `Who will use ${product} first?`,
        'Knowing the first user defines the problem worth solving.',
        profile.personas,
        0,
        'They feel the problem most often, so they are the best first users.',
      ),
    );
  }
  candidates.push({
    ...choice(
      'discovery',
      `What do ${users} do today instead of ${core}?`,
      'The way they cope now is the baseline the product has to beat.',
      profile.today,
      0,
      `It is the most common starting point in ${profile.label}; pick another if it is not yours.`,
    ),
    answeredBy: /\b(today|currently|instead of|at the moment|right now)\b/i,
  });
  if (features.length >= 2) {
    candidates.push(
      choice(
        'user_journey',
        `Which of these must ${users} be able to do in the first release?`,
        'The first release should do one thing well; the others can follow.',
        features.slice(0, 3).map((feature) => feature.title),
        0,
        'It is the heart of the idea; the others build on it.',
      ),
    );
  }
  candidates.push({
    ...choice(
      'user_journey',
      `What do ${users} do first after signing up to ${product}?`,
      'The first-run journey decides the core screens and the order to build them in.',
      profile.firstRun,
      0,
      'It gets them to a first useful result fastest.',
    ),
    answeredBy: /\b(sign[- ]?up|onboard\w*|first (session|run|step))\b/i,
  });
  candidates.push({
    ...choice(
      'metrics',
      `Which result after three months would show that ${product} works?`,
      'One success metric keeps the PRD focused and makes trade-offs explicit.',
      profile.outcomes.map((outcome) => outcome.metric),
      0,
      'It measures the problem the idea sets out to solve, not just usage.',
    ),
    answeredBy: /\b(metrics?|kpis?|measur\w*|\d+\s?%)\b/i,
  });
  if (profile.special) {
    const special = profile.special;
    candidates.push({
      ...choice(
        'risks',
        special.question,
        special.context,
        special.options,
        special.recommended,
        special.reason,
      ),
      answeredBy: special.answeredBy,
    });
  }
  candidates.push({
    ...choice(
      'risks',
      `What is the biggest risk for ${product}?`,
      'Naming the main risk early lets the PRD plan a mitigation rather than discover it.',
      profile.risks.map((risk) => risk.label),
      0,
      `It is the risk that most often sinks ${profile.label} products at launch.`,
    ),
    answeredBy: /\b(risks?|regulat\w*|complian\w*)\b/i,
  });
  candidates.push({
    ...choice(
      'gtm',
      `How will ${users} first hear about ${product}?`,
      'The first channel shapes onboarding and what the first release must show.',
      profile.channels,
      0,
      `It reaches ${users} where they already are, at little cost.`,
    ),
    answeredBy: /\b(channels?|marketing|ads|launch\w*|sell\w* through|app stores?)\b/i,
  });
  candidates.push({
    ...choice(
      'gtm',
      `How will ${product} make money?`,
      'The pricing model shapes scope, onboarding and who has to say yes.',
      profile.pricing,
      profile.pricingPick,
      `It is how ${profile.label} products are usually bought, so buyers will expect it.`,
    ),
    answeredBy:
      /[£$€]\s?\d|\b(pric\w*|subscriptions?|freemium|free|commission|per (month|seat|user))\b/i,
  });
  const ideaTerms = topTerms(idea, 5);
  const documentTerm = topTerms(input.uploadsText.slice(0, UPLOAD_CHARS), 5).find(
    (term) => !ideaTerms.includes(term),
  );
  if (documentTerm) {
    candidates.push(
      choice(
        'risks',
        `Your documents mention "${documentTerm}": is that fixed, or open to change?`,
        'Uploaded material often carries requirements that are easy to miss or contradict.',
        ['Fixed: build around it', 'Open to change', 'Not relevant to the first release'],
        0,
        'Treating documented constraints as fixed avoids rework later.',
      ),
    );
  }
  const asked = candidates.filter((candidate) => !(candidate.answeredBy?.test(idea) ?? false));
  return ordered(asked, input.coverage, domain !== null && REGULATED.includes(domain))
    .slice(0, MAX_QUESTIONS)
    .map(({ lens, question, context, options, recommended, recommended_reason }) => ({
      lens,
      question,
      context,
      options,
      recommended,
      recommended_reason,
    }));
}

/**
 * Each open lens's first question, least-covered lens first (ties by LENS_ORDER, risks earlier
 * in regulated domains), then every second question in the same order.
 */
function ordered(
  candidates: readonly Candidate[],
  coverage: CoverageMap | undefined,
  regulated: boolean,
): Candidate[] {
  const order = regulated
    ? (['user_journey', 'risks', 'metrics', 'discovery', 'gtm'] as const)
    : LENS_ORDER;
  const rank = (lens: ThinkingLens) =>
    IMPACT[coverage?.[lens] ?? 'missing'] * THINKING_LENSES.length + order.indexOf(lens);
  const byImpact = (a: Candidate, b: Candidate) =>
    rank(a.lens) - rank(b.lens) || candidates.indexOf(a) - candidates.indexOf(b);
  const firsts = THINKING_LENSES.map((lens) => candidates.find((c) => c.lens === lens)).filter(
    (candidate): candidate is Candidate => candidate !== undefined,
  );
  const rest = candidates.filter((candidate) => !firsts.includes(candidate));
  return [...firsts.sort(byImpact), ...rest.sort(byImpact)];
}

function choice(
  lens: ThinkingLens,
  question: string,
  context: string,
  options: readonly string[],
  recommended: number,
  reason: string,
): QuestionWithChoices {
  const distinct = [...new Set(options)].slice(0, 4);
  return {
    lens,
    question,
    context,
    options: distinct,
    recommended: distinct[Math.min(recommended, distinct.length - 1)],
    recommended_reason: reason,
  };
}
