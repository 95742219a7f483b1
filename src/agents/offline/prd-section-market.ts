import { contentTerms } from '@/llm/text/keywords';
import { THINKING_LENSES } from '@/domain/thinking-lenses';
import type { NumberedAnswer } from '../answers';
import { ASSUMPTION_TAG } from '../prd/prd-document';
import type { Risk } from './domain-profile';
import { capitalise, lowerFirst } from './idea-reading';
import { cite, lensName, PrdMaterial, quote } from './prd-material';

const A = ASSUMPTION_TAG;
const COMPETITION =
  /\b(compet\w*|alternatives?|instead of|versus|vs\.?|rivals?|already use|currently use)\b/i;
const CHANNEL =
  /\b(channels?|marketing|ads|advertis\w*|seo|partners?\w*|associations?|referrals?|word of mouth|sell\w*|sales|launch\w*|app stores?|newsletters?|conferences?|communit\w*|groups?|shops?|roll(ed|ing)?[- ]?outs?|pilots?|hacker news|marketplace)\b/i;
const PRICE =
  /[£$€]\s?\d|\b(pric\w*|subscriptions?|per (seat|user|month|van|developer)|free|freemium|trials?|fees?|commissions?|paid|internal)\b/i;
const NUMBER = /\d|\b(half|double|twice|triple|zero|none|one|two|three|four|five|ten)\b/i;
const TIMEFRAME =
  /\b(\d+\s*(days?|weeks?|months?|quarters?|years?)|(per|a|each|every) (day|week|month|quarter|year)|daily|weekly|monthly|within|by (month|week|the end)|first (week|month|quarter|year)|month \w+)\b/i;
const COUNTER = /\bcounter[- ]?(metric|check)\b|\bwithout (more|an? increase|a rise)\b/i;

export function writeCompetitiveLandscape(m: PrdMaterial): string {
  const rivals = m.evidence.gtm.filter((answer) => COMPETITION.test(answer.answer));
  const first = m.features[0];
  return [
    ...rivals.map((answer) => `- ${quote(answer)}${cite(answer)}.`),
    `- ${A} Today ${m.voice.actors} use ${m.profile.alternatives}.`,
    `- ${capitalise(m.reading.product)} focuses on one job for ${m.voice.actors}` +
      `${first ? ` (${lowerFirst(first.title)})` : ''}, where those tools serve everyone.`,
  ].join('\n');
}

export function writeGoToMarket(m: PrdMaterial): string {
  const heard = m.evidence.gtm.filter((answer) => !COMPETITION.test(answer.answer));
  const said = heard.map((answer) => answer.answer).join(' ');
  const { profile } = m;
  return [
    ...heard.map((answer) => `- ${quote(answer)}${cite(answer)}.`),
    ...m.uploads.gtm.slice(0, 1).map((line) => `- From the uploads: ${line}`),
    ...(CHANNEL.test(said)
      ? []
      : [
          `- ${A} Channels: ${lowerFirst(profile.channels[0])}, then ${lowerFirst(profile.channels[1])}.`,
        ]),
    ...(PRICE.test(said)
      ? []
      : [`- ${A} Pricing: ${lowerFirst(profile.pricing[profile.pricingPick])}.`]),
    `- ${A} Launch: a pilot with 5-10 ${m.voice.actors} first, then open sign-up once SM-1 is on track.`,
  ].join('\n');
}

/**
 * SM-1 from the metrics answer when there is one (with an assumed target and counter-metric
 * where the answer gives none), else from the domain; SM-2 and SM-3 are the drafter's proposals.
 */
export function writeSuccessMetrics(m: PrdMaterial): string {
  const [answer] = m.evidence.metrics;
  const [outcome, second] = m.profile.outcomes;
  const first = m.features[0];
  const lines: string[] = [];
  if (answer) {
    lines.push(`- **SM-1:** ${quote(answer)}${cite(answer)}.`);
    if (!NUMBER.test(answer.answer) || !TIMEFRAME.test(answer.answer)) {
      lines.push(`  - Target: ${A} 25% better than today's baseline within 3 months of launch.`);
    }
    if (!COUNTER.test(answer.answer)) lines.push(`  - Counter-metric: ${outcome.counter}.`);
    else lines.push(`  - Counter-metric: as stated in ${answer.id}.`);
  } else {
    lines.push(`- **SM-1:** ${A} ${outcome.metric}: ${outcome.target}.`);
    lines.push(`  - Counter-metric: ${outcome.counter}.`);
  }
  // SM-2 is the domain's outcome when the answer measured something else, else its runner-up.
  const echoes = answer !== undefined && sharesWords(answer.answer, outcome.metric);
  const next = answer && !echoes ? outcome : (second ?? outcome);
  lines.push(`- **SM-2:** ${A} ${next.metric}: ${next.target}.`);
  lines.push(`  - Counter-metric: ${next.counter}.`);
  lines.push(
    `- **SM-3:** ${A} Median time from sign-up to ${first ? lowerFirst(first.title) : 'the first result'}: ` +
      'under 10 minutes within the first month.',
  );
  lines.push('  - Counter-metric: share of new sign-ups who abandon set-up.');
  return lines.join('\n');
}

export function writeRisks(m: PrdMaterial): string {
  const lines: string[] = [];
  const used = new Set<Risk>();
  for (const answer of m.evidence.risks) {
    const match = closestRisk(answer, m.profile.risks);
    // Every profile risk the answer already names is covered, not only the closest.
    for (const risk of m.profile.risks) if (sharesWords(answer.answer, risk.risk)) used.add(risk);
    if (match) used.add(match);
    lines.push(`- ${quote(answer)}${cite(answer)}.`);
    lines.push(
      `  - Mitigation: ${match ? match.mitigation : 'test it with the pilot users first, with a threshold that pauses the rollout'}.`,
    );
  }
  for (const line of m.uploads.risks.slice(0, 1)) lines.push(`- From the uploads: ${line}`);
  const assumed = m.profile.risks
    .filter((risk) => !used.has(risk))
    .slice(0, lines.length > 0 ? 1 : 2);
  for (const risk of assumed) {
    lines.push(`- ${A} ${risk.risk}.`);
    lines.push(`  - Mitigation: ${risk.mitigation}.`);
  }
  for (const term of m.documentTerms.slice(0, 1)) {
    lines.push(`- Uploaded documents constrain "${term}".`);
    lines.push('  - Mitigation: confirm which parts are fixed before building on them.');
  }
  return lines.join('\n');
}

function sharesWords(a: string, b: string): boolean {
  const words = new Set(contentTerms(a).map((word) => word.slice(0, 5)));
  return contentTerms(b).filter((word) => words.has(word.slice(0, 5))).length >= 2;
}

/** The profile risk that shares the most words with an answer, if any does. */
function closestRisk(answer: NumberedAnswer, risks: readonly Risk[]): Risk | undefined {
  const words = new Set(contentTerms(answer.answer).map((word) => word.slice(0, 5)));
  let best: { risk: Risk; shared: number } | undefined;
  for (const risk of risks) {
    const shared = contentTerms(risk.risk).filter((word) => words.has(word.slice(0, 5))).length;
    if (shared > 0 && (!best || shared > best.shared)) best = { risk, shared };
  }
  return best?.risk;
}

/**
 * What is still open: questions left blank, answers that repeated another or missed their
 * question, and every lens no answer addresses, each with what the PRD assumes meanwhile.
 */
export function writeOpenQuestions(m: PrdMaterial): string {
  const lines: string[] = [];
  m.answers.forEach((answer, index) => {
    const use = m.uses[index];
    if (use?.status === 'unanswered')
      lines.push(`- ${answer.question} (${answer.id} was not answered.)`);
    else if (use?.status === 'repeat') {
      lines.push(
        `- ${answer.question} (${answer.id} repeats ${use.repeats}, so this is still open.)`,
      );
    } else if (use?.status === 'off_topic') {
      lines.push(`- ${answer.question} (${answer.id} does not answer it.)`);
    }
  });
  for (const lens of THINKING_LENSES) {
    if (m.coverage[lens] === 'clear') continue;
    lines.push(
      `- Nothing said yet covers ${lensName(lens)}: the PRD assumes it meanwhile (the lines tagged ` +
        `as assumptions) until someone decides. Owner: ${OWNER[lens]}.`,
    );
  }
  return lines.join('\n') || '- None: every question was answered.';
}

const OWNER: Record<(typeof THINKING_LENSES)[number], string> = {
  discovery: 'product lead, with five user interviews',
  user_journey: 'product lead and design',
  metrics: 'product lead',
  gtm: 'founder or commercial lead',
  risks: 'product lead, with legal where data or money is involved',
};
