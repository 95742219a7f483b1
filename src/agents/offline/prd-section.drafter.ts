import type { DraftInput } from '@/llm/offline/offline-drafter';
import { ASSUMPTION_TAG } from '../prd/prd-document';
import { readAgentData } from '../prompts/agent-prompt';
import type { Domain } from './idea-reading';
import {
  answersFor,
  capitalise,
  cite,
  featuresOf,
  materialFrom,
  PrdMaterial,
  sentence,
  unanswered,
} from './prd-material';

export const PRD_SECTION_PURPOSE = 'prd.section';

const A = ASSUMPTION_TAG;

/**
 * Drafts one PRD section from the idea, the numbered answers and the uploads. Answers are quoted
 * and cited ("from A-2"); where a lens has no answer the drafter still writes the section, from
 * the idea and the domain, and tags each such line [ASSUMPTION].
 */
export function prdSectionDrafter({ messages }: DraftInput): string {
  const data = readAgentData(messages);
  const section = (data.section ?? {}) as { id?: string };
  const material = materialFrom(data);
  const write = WRITERS[section.id ?? ''] ?? writeOpenQuestions;
  return write(material).trim();
}

const WRITERS: Record<string, (material: PrdMaterial) => string> = {
  overview: (m) =>
    [
      `${capitalise(m.product)} is for ${m.audience}. ${m.idea}`,
      ...answersFor(m, 'discovery').map((a) => `- What we heard: ${a.answer}${cite(a)}`),
      m.domain ? `- Domain: ${m.domain}.` : '',
    ].join('\n'),
  problem: (m) => {
    const heard = answersFor(m, 'discovery');
    return [
      ...(heard.length > 0
        ? heard.map((a) => `- ${sentence(a.answer, 40)}${cite(a)}`)
        : [
            `- ${A} ${capitalise(m.audience)} handle ${m.features[0] ?? 'this'} today with ` +
              'spreadsheets, messages and generic tools, and lose time doing so.',
          ]),
      `- Why now: ${m.documentTerms.length > 0 ? `the uploaded material stresses ${m.documentTerms.slice(0, 3).join(', ')}; ` : ''}` +
        `${A} ${m.audience} already expect a dedicated tool for ${m.features[0] ?? 'this job'}.`,
    ].join('\n');
  },
  target_users: (m) =>
    [
      `- **Primary:** ${m.audience}.`,
      `- **Secondary:** ${SECONDARY_USERS[m.domain ?? 'business']}.`,
      ...answersFor(m, 'discovery').map((a) => `- Detail: ${sentence(a.answer, 30)}${cite(a)}`),
    ].join('\n'),
  user_journeys: (m) => {
    const heard = answersFor(m, 'user_journey');
    const features = featuresOf(m);
    const first = heard[0];
    const journeys = [
      `### UJ-1: First session${cite(first ?? null)}`,
      `1. ${capitalise(m.audience)} sign up and describe what they need`,
      first
        ? `2. ${sentence(first.answer, 14)}`
        : `2. ${A} They are guided to ${features[0]?.title.toLowerCase() ?? 'the core feature'}`,
      '3. They reach a first useful result and see what to do next',
      ...features
        .slice(0, 2)
        .flatMap((feature, index) => [
          '',
          `### UJ-${index + 2}: ${feature.title}${cite(feature.from)}`,
          `1. ${capitalise(m.audience)} open ${m.product}`,
          `2. They use ${feature.title.toLowerCase()}`,
          '3. They confirm the outcome and are notified of changes',
        ]),
    ];
    return journeys.join('\n');
  },
  functional_requirements: (m) =>
    featuresOf(m)
      .map((f) =>
        [
          `### ${f.id} (${f.priority}): ${f.title}${cite(f.from)}`,
          `- Acceptance: Given a signed-in user of ${m.product}, when they use "${f.title}", ` +
            'then the result is saved and shown to them within 2 seconds.',
          '- Acceptance: Given invalid input, when it is submitted, then the user sees which field to fix.',
        ].join('\n'),
      )
      .join('\n\n'),
  non_goals: (m) =>
    [
      `- Native apps for every platform in the first release of ${m.product}.`,
      `- Features beyond ${featuresOf(m)
        .filter((f) => f.priority === 'P0')
        .map((f) => f.id)
        .join(', ')} until the success metrics move.`,
      `- ${NON_GOALS[m.domain ?? 'business']}`,
    ].join('\n'),
  mvp_scope: (m) => {
    const features = featuresOf(m);
    const ids = (pick: (p: string) => boolean): string =>
      features
        .filter((f) => pick(f.priority))
        .map((f) => f.id)
        .join(', ') || 'none';
    return [
      `- **In:** ${ids((p) => p === 'P0')} (P0).`,
      `- **Next:** ${ids((p) => p === 'P1')} (P1).`,
      `- **Later:** ${ids((p) => p === 'P2')} (P2).`,
    ].join('\n');
  },
  competitive_landscape: (m) => {
    const heard = answersFor(m, 'gtm');
    return [
      ...heard.map((a) => `- Market view: ${sentence(a.answer, 30)}${cite(a)}`),
      `- ${heard.length > 0 ? '' : `${A} `}Today ${m.audience} use ${ALTERNATIVES[m.domain ?? 'business']}; ` +
        `${m.product} differs by focusing on ${m.features.slice(0, 2).join(' and ') || 'one job done well'}.`,
    ].join('\n');
  },
  success_metrics: (m) => {
    const heard = answersFor(m, 'metrics');
    const first = heard[0];
    return [
      first
        ? `- **SM-1:** ${sentence(first.answer, 20)}${cite(first)}. Counter-metric: support tickets per active user.`
        : `- **SM-1:** ${A} 40% of new ${m.audience} complete ${m.features[0] ?? 'the core task'} in their first week. ` +
          'Counter-metric: share of them who churn within 30 days.',
      `- **SM-2:** ${first ? '' : `${A} `}Weekly active ${m.audience} grows 10% month on month. ` +
        'Counter-metric: notification opt-out rate.',
      `- **SM-3:** ${first ? '' : `${A} `}Median time to first result under 5 minutes. ` +
        'Counter-metric: error rate on the first session.',
    ].join('\n');
  },
  go_to_market: (m) => {
    const heard = answersFor(m, 'gtm');
    return heard.length > 0
      ? heard.map((a) => `- ${sentence(a.answer, 40)}${cite(a)}`).join('\n')
      : [
          `- ${A} Launch to a waitlist of ${m.audience} found through ${CHANNELS[m.domain ?? 'business']}.`,
          `- ${A} Free tier for the first use of ${m.features[0] ?? 'the core feature'}, paid plan after.`,
        ].join('\n');
  },
  risks: (m) => {
    const heard = answersFor(m, 'risks');
    return [
      ...heard.map(
        (a) => `- ${sentence(a.answer, 30)}${cite(a)}. Mitigation: plan and test it before launch.`,
      ),
      `- ${heard.length > 0 ? '' : `${A} `}${DOMAIN_RISKS[m.domain ?? 'business']}`,
      ...m.documentTerms
        .slice(0, 1)
        .map(
          (term) =>
            `- Uploaded documents constrain "${term}"; mitigation: confirm which parts are fixed.`,
        ),
    ].join('\n');
  },
};

function writeOpenQuestions(m: PrdMaterial): string {
  const open = unanswered(m).map((a) => `- ${a.question} (${a.id} was not answered)`);
  const lenses = (['discovery', 'user_journey', 'metrics', 'gtm', 'risks'] as const)
    .filter((lens) => answersFor(m, lens).length === 0)
    .map((lens) => `- Nothing was said yet about ${lens.replace('_', ' ')}.`);
  return [...open, ...lenses].join('\n') || '- None: every question was answered.';
}

const SECONDARY_USERS: Record<Domain, string> = {
  marketplace: 'the other side of the marketplace, and the team that resolves disputes',
  commerce: 'store staff who fulfil orders and handle returns',
  health: 'coaches or clinicians who review progress',
  finance: 'accountants and the operations team who reconcile money',
  education: 'teachers and parents who follow progress',
  social: 'moderators who keep the community safe',
  business: 'the manager who buys the product and reads its reports',
};

const NON_GOALS: Record<Domain, string> = {
  marketplace: 'Holding funds ourselves: a licensed payment provider does it.',
  commerce: 'Running our own warehouse or delivery fleet.',
  health: 'Diagnosis or medical advice.',
  finance: 'Becoming a bank or a licensed money transmitter.',
  education: 'Accredited certification.',
  social: 'Public feeds beyond the users own circles.',
  business: 'Replacing the customer existing ERP or CRM.',
};

const ALTERNATIVES: Record<Domain, string> = {
  marketplace: 'general job boards, social networks and word of mouth',
  commerce: 'large marketplaces and social-media shops',
  health: 'generic fitness apps, wearables and paper logs',
  finance: 'banking apps and spreadsheets',
  education: 'video platforms and generic course tools',
  social: 'group chats and large social networks',
  business: 'spreadsheets, email and generic SaaS tools',
};

const CHANNELS: Record<Domain, string> = {
  marketplace: 'communities where both sides already meet',
  commerce: 'social media and search ads',
  health: 'running clubs, coaches and app-store search',
  finance: 'accountants and partner integrations',
  education: 'schools, teachers and study communities',
  social: 'invitations from existing users',
  business: 'content marketing and direct outreach to teams',
};

const DOMAIN_RISKS: Record<Domain, string> = {
  marketplace:
    'Too little supply or demand at launch. Mitigation: grow one side in one niche first.',
  commerce: 'Fulfilment costs eat the margin. Mitigation: start with a partner logistics provider.',
  health: 'Health data regulation (HIPAA, GDPR). Mitigation: minimise and encrypt what is stored.',
  finance: 'Fraud and licensing duties. Mitigation: use a licensed provider with KYC built in.',
  education: 'Learners drop off after the first week. Mitigation: short lessons and reminders.',
  social: 'Abuse and harmful content. Mitigation: reporting, moderation tools and clear rules.',
  business: 'Long sales cycles. Mitigation: a self-serve trial for small teams.',
};
