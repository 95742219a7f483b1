import type { ThinkingLens } from '@/projects/thinking-lenses';
import type { ClarificationInput, ClarificationQuestion } from './clarification.service';

/**
 * The offline question drafter: deterministic questions over the five lenses, worded from the
 * idea's own words (its subject, its audience, its most frequent terms, its domain) and the
 * uploads' text. It lets the whole flow run with no LLM key; the LLM clarify graph replaces it
 * behind ClarificationService.questionsFor without the callers noticing.
 */
export function draftClarificationQuestions(input: ClarificationInput): ClarificationQuestion[] {
  const idea = input.idea.replace(/\s+/g, ' ').trim();
  const subject = subjectOf(idea);
  const audience = audienceOf(idea) ?? 'your primary user';
  const terms = topTerms(`${idea} ${idea} ${input.uploadsText.slice(0, 20_000)}`, 3);
  const questions: ClarificationQuestion[] = [
    ask(
      'discovery',
      `Who exactly is ${audience}, and how do they solve this today without ${subject}?`,
      'Knowing the audience and the alternative they use now defines the problem worth solving.',
    ),
    ask(
      'user_journey',
      `Walk through the first session with ${subject}: what does ${audience} do from sign-up to the first useful result?`,
      'The first-run journey decides the core screens and the order to build them in.',
    ),
    ask(
      'metrics',
      `Which one number would show that ${subject} works for ${audience} after the first three months?`,
      'A single success metric keeps the PRD focused and makes trade-offs explicit.',
    ),
    ask(
      'gtm',
      `How will ${audience} first hear about ${subject}, and what would they pay for it?`,
      'Acquisition channel and pricing shape scope, onboarding and the business model.',
    ),
    ask(
      'risks',
      `What is the biggest reason ${subject} could fail: trust, regulation, cost or competition?`,
      'Naming the main risk early lets the PRD plan mitigations rather than discover them.',
    ),
  ];
  for (const domain of domainsOf(idea).slice(0, 2)) questions.push(DOMAIN_QUESTIONS[domain]);
  if (terms[0]) {
    questions.push(
      ask(
        'discovery',
        `How central is "${terms[0]}" to the first release: a must-have, or something that can wait?`,
        `"${terms[0]}" is the term your description leans on most; its priority sets the MVP.`,
      ),
    );
  }
  if (input.uploadsText.trim() && terms[1]) {
    questions.push(
      ask(
        'risks',
        `Your documents mention "${terms[1]}": which constraints from them are fixed, and which are open to change?`,
        'Uploaded material often carries requirements that are easy to miss or contradict.',
      ),
    );
  }
  if (wordCount(idea) < 12) {
    questions.push(
      ask(
        'user_journey',
        `What is the one task ${audience} must be able to finish with ${subject} on day one?`,
        'The idea is short; a concrete first task anchors the scope.',
      ),
    );
  }
  return questions.slice(0, 10);
}

type Domain =
  'marketplace' | 'commerce' | 'health' | 'finance' | 'education' | 'social' | 'business';

const DOMAIN_SIGNALS: [Domain, RegExp][] = [
  ['marketplace', /\b(marketplace|connect\w*|freelanc\w*|buyers?|sellers?|gig|booking)\b/i],
  ['commerce', /\b(shop\w*|store|e-?commerce|cart|orders?|retail|delivery)\b/i],
  ['health', /\b(health\w*|fitness|workouts?|patients?|medical|clinic\w*|wellness)\b/i],
  ['finance', /\b(payments?|pay|bank\w*|budget\w*|invoic\w*|finance|fintech|wallet)\b/i],
  ['education', /\b(learn\w*|students?|courses?|teach\w*|school|tutor\w*)\b/i],
  ['social', /\b(communit\w*|social|friends|share|sharing|chat)\b/i],
  ['business', /\b(teams?|business\w*|saas|dashboard|workflow|enterprise|crm|inventory)\b/i],
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

/** "A platform for connecting freelancers, with payments" → "a platform for connecting freelancers". */
function subjectOf(idea: string): string {
  const clause = idea.split(/[.;:!?\n]|,\s/)[0] ?? idea;
  const words = clause.replace(/^(i want to|i'd like to|let's|we want to)\s+/i, '').split(' ');
  const subject = words
    .slice(0, 8)
    .join(' ')
    .replace(/^(a|an|the)\s+/i, '');
  return subject ? `the ${lowerFirst(subject)}` : 'the product';
}

function audienceOf(idea: string): string | null {
  const match =
    /\bfor ((?:[\w'-]+ ){0,4}?[\w'-]+?)(?=[,.;:!?]| to | that | who | with | and |$)/i.exec(idea);
  const audience = match?.[1]?.trim();
  if (!audience || /^(the|a|an|it|them|free)$/i.test(audience)) return null;
  return audience.replace(/^(the|a|an)\s+/i, '');
}

const STOPWORDS = new Set(
  (
    'a an and app application are as at be build by can connect connecting for from has have help ' +
    'i idea in into is it its let like make me my new of on or our platform that the their them ' +
    'this to tool us use users want we where which who will with would you your'
  ).split(' '),
);

function topTerms(text: string, limit: number): string[] {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/[\p{L}][\p{L}\p{N}'-]{3,}/gu) ?? []) {
    if (!STOPWORDS.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  // Sorted by count, then by first appearance (Map keeps insertion order): deterministic.
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

function wordCount(text: string): number {
  return text.split(' ').filter(Boolean).length;
}
