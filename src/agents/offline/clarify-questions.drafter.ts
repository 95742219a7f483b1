import type { ClarificationQuestion } from '@/domain/clarification';
import type { ThinkingLens } from '@/domain/thinking-lenses';
import type { ClarificationInput } from '../clarification/clarification-round';
import { Domain, domainsOf, readIdea, topTerms } from './idea-reading';

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
