import type { ThinkingLens } from '@/projects/thinking-lenses';
import type { ClarificationInput, ClarificationQuestion } from './clarification.service';

/**
 * The offline question drafter: deterministic questions over the five lenses, worded from the
 * idea's own words (what it is, who it is for, the term it leans on, its domain) and from what
 * the uploads add. It lets the whole flow run with no LLM key; the LLM clarify graph replaces it
 * behind ClarificationService.questionsFor without the callers noticing.
 */
export function draftClarificationQuestions(input: ClarificationInput): ClarificationQuestion[] {
  const idea = input.idea.replace(/\s+/g, ' ').trim();
  const { product, audience } = readIdea(idea);
  const users = audience ?? 'your primary users';
  const ideaTerms = topTerms(idea, 3);
  const documentTerm = topTerms(input.uploadsText.slice(0, 20_000), 5).find(
    (term) => !ideaTerms.includes(term),
  );
  const questions: ClarificationQuestion[] = [
    ask(
      'discovery',
      `Who exactly are ${users}, and how do they manage today without ${product}?`,
      'Knowing the audience and the alternative they use now defines the problem worth solving.',
    ),
    ask(
      'user_journey',
      `Walk through a first session with ${product}: what do ${users} do from sign-up to the first useful result?`,
      'The first-run journey decides the core screens and the order to build them in.',
    ),
    ask(
      'metrics',
      `Which one number would show that ${product} works for ${users} after three months?`,
      'A single success metric keeps the PRD focused and makes trade-offs explicit.',
    ),
    ask(
      'gtm',
      `How will ${users} first hear about ${product}, and what would they pay for it?`,
      'Acquisition channel and pricing shape scope, onboarding and the business model.',
    ),
    ask(
      'risks',
      `What is the biggest reason ${product} could fail: trust, regulation, cost or competition?`,
      'Naming the main risk early lets the PRD plan mitigations rather than discover them.',
    ),
  ];
  for (const domain of domainsOf(idea).slice(0, 2)) questions.push(DOMAIN_QUESTIONS[domain]);
  if (ideaTerms[0]) {
    questions.push(
      ask(
        'discovery',
        `How central is "${ideaTerms[0]}" to the first release: a must-have, or something that can wait?`,
        `Your description leans on "${ideaTerms[0]}"; its priority sets the scope of the MVP.`,
      ),
    );
  }
  if (documentTerm) {
    questions.push(
      ask(
        'risks',
        `Your documents mention "${documentTerm}": which constraints there are fixed, and which are open to change?`,
        'Uploaded material often carries requirements that are easy to miss or contradict.',
      ),
    );
  }
  if (idea.split(' ').length < 12) {
    questions.push(
      ask(
        'user_journey',
        `What is the one task ${users} must be able to finish with ${product} on day one?`,
        'The idea is short; a concrete first task anchors the scope.',
      ),
    );
  }
  return questions.slice(0, 10);
}

type Domain =
  'marketplace' | 'commerce' | 'health' | 'finance' | 'education' | 'social' | 'business';

const DOMAIN_SIGNALS: [Domain, RegExp][] = [
  ['marketplace', /\b(marketplace|connect\w*|freelanc\w*|buyers?|sellers?|gigs?)\b/i],
  ['commerce', /\b(shop\w*|stores?|e-?commerce|cart|orders?|retail|delivery)\b/i],
  ['health', /\b(health\w*|fitness|workouts?|patients?|medical|clinic\w*|wellness)\b/i],
  ['finance', /\b(payments?|bank\w*|budget\w*|invoic\w*|finance|fintech|wallets?|escrow)\b/i],
  ['education', /\b(learn\w*|students?|courses?|teach\w*|schools?|tutor\w*)\b/i],
  ['social', /\b(communit\w*|social|friends|sharing|chat)\b/i],
  ['business', /\b(teams?|businesses|saas|dashboards?|workflows?|enterprise|crm|inventory)\b/i],
];

const DOMAIN_QUESTIONS: Record<Domain, ClarificationQuestion> = {
  marketplace: ask(
    'gtm',
    'Which side of the marketplace will you bring on first, and how will the other side find enough supply or demand?',
    'Marketplaces stall without liquidity on both sides; the launch side shapes the first features.',
  ),
  commerce: ask(
    'user_journey',
    'What happens between checkout and delivery, and who handles returns?',
    'Fulfilment and returns drive much of the scope and the support load in commerce.',
  ),
  health: ask(
    'risks',
    'Will you store health data, and in which countries (HIPAA, GDPR special categories)?',
    'Health data brings legal duties that change architecture and launch plans.',
  ),
  finance: ask(
    'risks',
    'Do you move or hold money yourself, or through a licensed provider?',
    'Handling funds brings licensing, KYC and fraud duties that set the scope.',
  ),
  education: ask(
    'metrics',
    'How will you know learners actually learned: completion, assessment scores or outcomes?',
    'Learning products need an outcome metric beyond engagement.',
  ),
  social: ask(
    'risks',
    'How will you moderate what users share, and who decides what is allowed?',
    'User-generated content needs moderation rules and tools from day one.',
  ),
  business: ask(
    'gtm',
    'Who signs off on buying this in a company, and who uses it every day?',
    'Buyer and user often differ in B2B; both need a reason to say yes.',
  ),
};

function ask(lens: ThinkingLens, question: string, context: string): ClarificationQuestion {
  return { lens, question, context };
}

/**
 * "A fitness tracking app for marathon runners, with plans" → product "the fitness tracking
 * app", audience "marathon runners"; a leading gerund ("for connecting freelancers") is skipped.
 */
function readIdea(idea: string): { product: string; audience: string | null } {
  const clause = (idea.split(/[.;:!?]|,\s/)[0] ?? idea)
    .replace(/^(i want to build|i want|i'd like|we want|let's build|build)\s+/i, '')
    .trim();
  const [before, after] = splitOnce(clause, /\s+for\s+/i);
  const named = lowerFirst(stripArticle(before)).replace(/^something\b/, 'product');
  const product = `the ${named.split(' ').slice(0, 6).join(' ')}`;
  if (after === null) return { product: before ? product : 'the product', audience: null };
  const audienceWords = stripArticle(after)
    .split(/\s+(?:to|that|who|with|and|in|on|by)\s+/i)[0]
    .split(' ')
    .filter((word, index) => !(index === 0 && /ing$/i.test(word)))
    .slice(0, 4);
  const audience = audienceWords.join(' ').toLowerCase();
  return {
    product,
    audience: audience && !/^(it|them|free|everyone)$/.test(audience) ? audience : null,
  };
}

function splitOnce(text: string, separator: RegExp): [string, string | null] {
  const match = separator.exec(text);
  return match
    ? [text.slice(0, match.index), text.slice(match.index + match[0].length)]
    : [text, null];
}

function stripArticle(text: string): string {
  return text.trim().replace(/^(a|an|the|my|our)\s+/i, '');
}

const STOPWORDS = new Set(
  (
    'about also and app application are based build can connect connecting each every from have ' +
    'help idea into just like make more most need platform should some something such that ' +
    'their them ' +
    'then there these they this tool users want were what when where which while will with ' +
    'would your'
  ).split(' '),
);

/** The most frequent content words, ties broken by first appearance: deterministic. */
function topTerms(text: string, limit: number): string[] {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/\p{L}[\p{L}\p{N}'-]{3,}/gu) ?? []) {
    if (!STOPWORDS.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([word]) => word);
}

function domainsOf(idea: string): Domain[] {
  return DOMAIN_SIGNALS.filter(([, signal]) => signal.test(idea)).map(([domain]) => domain);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
