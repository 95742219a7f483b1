import type { DraftInput } from '@/llm/offline/offline-drafter';
import { verbBase } from '../prd/feature-words';
import { ASSUMPTION_TAG } from '../prd/prd-document';
import { readAgentData } from '../prompts/agent-prompt';
import { featuresIn } from './features';
import { capitalise, lowerFirst } from './idea-reading';
import {
  writeCompetitiveLandscape,
  writeGoToMarket,
  writeOpenQuestions,
  writeRisks,
  writeSuccessMetrics,
} from './prd-section-market';
import { cite, Feature, materialFrom, PrdMaterial, quote } from './prd-material';
import { criteriaFor, stepsFor } from './requirement-text';

export const PRD_SECTION_PURPOSE = 'prd.section';

const A = ASSUMPTION_TAG;
const MAX_STEPS = 6;

/**
 * Drafts one PRD section from the idea, the numbered answers and the uploads. Each answer that
 * counts is quoted once, in the section it belongs to, and cited ("from A-2") where it shaped
 * something else; where a lens has no answer the section says what the drafter assumes, tagged
 * [ASSUMPTION], with examples from the idea's domain.
 */
export function prdSectionDrafter({ messages }: DraftInput): string {
  const data = readAgentData(messages);
  const section = (data.section ?? {}) as { id?: string };
  const material = sharedMaterial(data);
  const write = WRITERS[section.id ?? ''] ?? writeOpenQuestions;
  return write(material).trim();
}

/**
 * Every section of one PRD is drafted from the same data block: the material (answers
 * classified, features read) is worked out once per block, not once per section. One entry is
 * enough (sections of one PRD are drafted together) and keeps memory flat.
 */
let lastMaterial: { key: string; material: PrdMaterial } | null = null;

function sharedMaterial(data: Record<string, unknown>): PrdMaterial {
  const key = JSON.stringify({ ...data, section: null });
  if (lastMaterial?.key !== key) lastMaterial = { key, material: materialFrom(data) };
  return lastMaterial.material;
}

const WRITERS: Record<string, (material: PrdMaterial) => string> = {
  overview: (m) => {
    const core = m.features.filter((feature) => feature.priority === 'P0');
    return [
      `${capitalise(m.reading.product)} is for ${m.reading.audience ?? m.voice.actors}. In the words of the idea:`,
      '',
      `> ${m.idea}`,
      '',
      `- **First release:** ${core.map((f) => `${f.id} ${lowerFirst(f.title)}`).join('; ')}.`,
      `- **Domain:** ${m.profile.label}.`,
    ].join('\n');
  },
  problem: (m) => {
    const heard = m.evidence.discovery;
    const first = m.features[0];
    return [
      ...heard.map((answer) => `- ${quote(answer)}${cite(answer)}.`),
      ...m.uploads.discovery.slice(0, 1).map((line) => `- From the uploads: ${line}`),
      ...(heard.length > 0 || m.uploads.discovery.length > 0
        ? []
        : [
            `- ${A} Today ${m.voice.actors} rely on ${lowerFirst(m.profile.today[0])} for ` +
              `${first ? lowerFirst(first.title) : 'this'}, and it costs them time they do not get back.`,
          ]),
      ...(m.documentTerms.length > 0
        ? [`- The uploaded material stresses ${m.documentTerms.slice(0, 3).join(', ')}.`]
        : []),
      `- ${A} Why now: none of the tools ${m.voice.actors} use today (see Competitive Landscape) ` +
        `takes ${first ? lowerFirst(first.title) : 'this job'} off their hands.`,
    ].join('\n');
  },
  target_users: (m) => {
    const said = m.evidence.discovery[0];
    const primary = m.reading.audience
      ? `- **Primary:** ${m.reading.audience}${said ? ` (see ${said.id})` : ''}.`
      : `- **Primary:** ${A} ${lowerFirst(m.profile.personas[0])}.`;
    const secondary = m.reading.otherSide
      ? `- **Secondary:** ${m.reading.otherSide}, the other side of the marketplace.`
      : `- **Secondary:** ${m.profile.secondaryUsers}.`;
    const needs = m.features.filter((feature) => feature.priority === 'P0').slice(0, 2);
    return [
      primary,
      secondary,
      `- **What they need first:** ${needs.map((f) => lowerFirst(f.title)).join(' and ')}.`,
    ].join('\n');
  },
  user_journeys: (m) => journeysOf(m).join('\n'),
  functional_requirements: (m) =>
    m.features
      .map((feature) =>
        [
          `### ${feature.id} (${feature.priority}): ${feature.title}${cite(feature.from)}`,
          ...criteriaFor(feature, m.voice).map((criterion) => `- Acceptance: ${criterion}`),
        ].join('\n'),
      )
      .join('\n\n'),
  non_goals: (m) => {
    const said = `${m.idea} ${m.answers.map((answer) => answer.answer).join(' ')}`;
    const p0 = m.features.filter((feature) => feature.priority === 'P0').map((f) => f.id);
    return [
      ...m.profile.nonGoals
        .filter((goal) => !goal.conflicts.test(said))
        .slice(0, 2)
        .map((goal) => `- ${goal.text}`),
      `- Anything beyond ${p0.join(', ')} before SM-1 shows they work.`,
    ].join('\n');
  },
  mvp_scope: (m) => {
    const list = (priority: Feature['priority']) =>
      m.features
        .filter((feature) => feature.priority === priority)
        .map((f) => `${f.id} ${lowerFirst(f.title)}`)
        .join('; ') || 'none';
    return [
      `- **In (P0):** ${list('P0')}.`,
      `- **Next (P1):** ${list('P1')}.`,
      `- **Later (P2):** ${list('P2')}.`,
    ].join('\n');
  },
  competitive_landscape: writeCompetitiveLandscape,
  success_metrics: writeSuccessMetrics,
  go_to_market: writeGoToMarket,
  risks: writeRisks,
};

/**
 * UJ-1 walks through the first journey answer, clause by clause (or, without one, an assumed
 * first session); then one journey per P0 feature the first one does not already cover.
 */
function journeysOf(m: PrdMaterial): string[] {
  const told = m.evidence.user_journey[0];
  const actors = capitalise(m.voice.actors);
  const lines: string[] = [];
  const coveredByFirst = new Set<string>();
  if (told) {
    lines.push(`### UJ-1: First session${cite(told)}`);
    const steps = clauses(quote(told)).slice(0, MAX_STEPS - 1);
    [`${actors} sign up`, ...steps].forEach((step, index) => lines.push(`${index + 1}. ${step}`));
    for (const feature of featuresIn(told.answer, m.reading.audience))
      coveredByFirst.add(feature.title);
  } else {
    const first = m.features[0];
    lines.push('### UJ-1: First session');
    lines.push(`1. ${A} ${actors} sign up and ${lowerFirst(m.profile.firstRun[0])}`);
    lines.push(
      `2. ${A} They try ${first ? lowerFirst(first.title) : 'the core feature'} for the first time`,
    );
    lines.push('3. They see the result and what to do next');
  }
  const more = m.features
    .filter((feature) => feature.priority === 'P0' && !coveredByFirst.has(feature.title))
    .slice(0, 2);
  more.forEach((feature, index) => {
    lines.push('', `### UJ-${index + 2}: ${feature.title}${cite(feature.from)}`);
    stepsFor(feature, m.voice).forEach((step, number) => lines.push(`${number + 1}. ${step}`));
  });
  return lines;
}

/** "They pair the lock, name the bike, then invite ..." → one step per clause, each with a subject. */
function clauses(text: string): string[] {
  return text
    .split(/,\s*(?:and\s+|then\s+)?|;\s*|\s+then\s+|\s+and then\s+/i)
    .map((part) => part.trim())
    .filter((part) => part.split(' ').length >= 2)
    .map((part) => {
      const first = part.split(' ')[0];
      return verbBase(first) === first.toLowerCase() ? `They ${part}` : capitalise(part);
    });
}
