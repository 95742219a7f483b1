import type { DraftInput } from '@/llm/offline/offline-drafter';
import { arrayField, readAgentData, stringField } from '../prompts/agent-prompt';
import type { ReviewFinding } from '@/domain/version-review';
import { topTerms } from './idea-reading';
import { fixSection } from './section-fixes';
import { capitalise, sentence } from './prd-material';

export const ITERATE_ROUTE_PURPOSE = 'iterate.route';
export const ITERATE_SECTION_PURPOSE = 'iterate.section';
export const ITERATE_THINK_PURPOSE = 'iterate.think';

/** Words that send a request to a section; the first match wins ties by section order. */
const SECTION_SIGNALS: [string, RegExp][] = [
  ['user_journeys', /\b(journeys?|flows?|onboard\w*|steps?|checkout|sign[- ]?up)\b/i],
  ['success_metrics', /\b(metrics?|kpis?|measur\w*|retention|conversion|targets?)\b/i],
  ['go_to_market', /\b(launch\w*|pric\w*|marketing|channels?|gtm|go-to-market|sales)\b/i],
  ['risks', /\b(risks?|mitigat\w*|complian\w*|security|privacy|legal|gdpr|fraud)\b/i],
  ['competitive_landscape', /\b(competit\w*|alternatives?|rivals?)\b/i],
  ['target_users', /\b(personas?|audiences?|segments?|customers?)\b/i],
  ['non_goals', /\b(non-goals?|out of scope|exclude)\b/i],
  ['mvp_scope', /\b(mvp|scope|phases?|releases?)\b/i],
  ['problem', /\b(problem|pain|why now)\b/i],
  ['overview', /\b(overview|summary|vision)\b/i],
  [
    'functional_requirements',
    /\b(requirements?|features?|add|support|payments?|integrat\w*|notif\w*)\b/i,
  ],
];

/** Agent mode's router: the sections the request touches (requirements when nothing matches). */
export function iterateRouteDrafter({ messages }: DraftInput): string {
  const data = readAgentData(messages);
  const message = stringField(data, 'message');
  const known = new Set(arrayField<{ id: string }>(data, 'sections').map((section) => section.id));
  const touched = SECTION_SIGNALS.filter(([id, signal]) => known.has(id) && signal.test(message))
    .map(([id]) => id)
    .slice(0, 3);
  const sections = touched.length > 0 ? touched : ['functional_requirements'];
  return JSON.stringify({ sections, changes: sentence(message, 14) });
}

/**
 * Rewrites one section for the request: the section as it was, plus what the request adds; for
 * "fix the review findings", the section with the fixes it can make (section-fixes.ts).
 */
export function iterateSectionDrafter({ messages }: DraftInput): string {
  const data = readAgentData(messages);
  const id = stringField((data.section ?? {}) as Record<string, unknown>, 'id');
  const body = stringField(data, 'body').trim();
  const findings = arrayField<ReviewFinding>(data, 'findings');
  if (findings.length > 0) return fixSection(id, body, findings, stringField(data, 'idea'));
  const request = sentence(stringField(data, 'message'), 16);
  const next = (prefix: string) =>
    Math.max(
      0,
      ...[...body.matchAll(new RegExp(`${prefix}-(\\d+)`, 'g'))].map((m) => Number(m[1])),
    ) + 1;
  let addition: string;
  switch (id) {
    case 'functional_requirements':
      addition = [
        `### FR-${next('FR')} (P1): ${request} (requested in iteration)`,
        `- Acceptance: Given a signed-in user, when they use "${request}", then it works end to end and the result is saved.`,
        '- Acceptance: Given a failure on the way, when it happens, then the user is told what to do next.',
      ].join('\n');
      break;
    case 'user_journeys':
      addition = [
        `### UJ-${next('UJ')}: ${request}`,
        '1. The user starts from the home screen',
        `2. ${request}`,
        '3. They confirm the result and see what changed',
      ].join('\n');
      break;
    case 'success_metrics':
      addition = `- **SM-${next('SM')}:** ${request}. Counter-metric: complaints or refunds it causes.`;
      break;
    default:
      addition = `- ${request} (requested in iteration).`;
  }
  return `${body}\n\n${addition}`.trim();
}

/** Think mode: answers from the PRD's own lines that share the most words with the question. */
export function iterateThinkDrafter({ messages }: DraftInput): string {
  const data = readAgentData(messages);
  const question = stringField(data, 'message');
  const prd = stringField(data, 'prd');
  const words = topTerms(question, 6);
  const scored = prd
    .split('\n')
    .map((line, index) => ({
      line: line.trim(),
      index,
      score: words.filter((word) => line.toLowerCase().includes(word)).length,
    }))
    .filter((candidate) => candidate.score > 0 && !candidate.line.startsWith('|'))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, 3);
  const version = stringField(data, 'version') || 'the current version';
  const heard =
    scored.length > 0
      ? `What ${version} of the PRD says about ${words.slice(0, 3).join(', ')}:\n\n${scored.map((c) => `> ${c.line}`).join('\n')}`
      : `${version} of the PRD does not cover ${words.slice(0, 3).join(', ') || 'this'} yet.`;
  return [
    heard,
    '',
    `${capitalise(words[0] ?? 'This')} would be worth settling before the next version: ` +
      'who needs it, which requirement it changes, and how you would measure it.',
    'Nothing was changed. Send the same request in agent mode to write it into the PRD.',
  ].join('\n');
}
