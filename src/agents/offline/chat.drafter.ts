import type { DraftInput } from '@/llm/offline/offline-drafter';
import { THINKING_LENSES } from '@/projects/thinking-lenses';
import { arrayField, readAgentData, stringField } from '../prompts/agent-prompt';
import { IDEA_MARKER } from '../chat/reply-splitter';
import { readIdea, topTerms } from './idea-reading';
import { capitalise } from './prd-material';

// Under "chat.agent" so a bare "chat.reply" still gets the generic drafter (the gateway's own tests use it).
export const CHAT_REPLY_PURPOSE = 'chat.agent.reply';
export const CHAT_REFLECTIONS_PURPOSE = 'chat.agent.reflections';
export const CHAT_TITLE_PURPOSE = 'chat.agent.title';
export const CHAT_DISTIL_PURPOSE = 'chat.agent.distil';

/** A chat title's length, and a distilled idea's (what POST /projects accepts). */
export const TITLE_MAX = 60;
export const DISTILLED_IDEA_MAX = 5000;

/** What an idea needs before it is worth a PRD project. */
export interface IdeaShape {
  readonly user: string | null;
  readonly problem: string | null;
  readonly core_feature: string | null;
}

interface Turn {
  readonly role: string;
  readonly content: string;
}

const PROBLEM =
  /\b(problem|pain|struggl\w*|frustrat\w*|hard to|can'?t|cannot|lose|lost|waste\w*|miss\w*|too (long|slow|expensive))\b/i;
const FEATURE =
  /\b(lets?|helps?|allows?|enables?|track\w*|book\w*|match\w*|schedul\w*|remind\w*|share\w*|pay\w*|plan\w*|find\w*|compar\w*)\b/i;
const USER =
  /\b(for|users? (are|would be)|customers? (are|would be)|aimed at|targets?)\s+([a-z][\w -]{2,40})/i;

/** Reads who it is for, the problem and the core feature out of the user's own words. */
export function shapeOf(userText: string): IdeaShape {
  const sentences = userText
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const audience = readIdea(userText).audience ?? USER.exec(userText)?.[3]?.trim() ?? null;
  const problem = sentences.find((sentence) => PROBLEM.test(sentence)) ?? null;
  const feature =
    sentences.find((sentence) => FEATURE.test(sentence) && sentence !== problem) ?? null;
  return { user: audience, problem, core_feature: feature };
}

/**
 * A reply that plays back what is known and asks for the first missing piece, followed (after
 * the marker, as a model is asked to) by its reading of the idea.
 */
export function chatReplyDrafter({ messages }: DraftInput): string {
  const data = readAgentData(messages);
  const turns = arrayField<Turn>(data, 'conversation');
  const userText = turns
    .filter((turn) => turn.role === 'user')
    .map((turn) => turn.content)
    .join('\n');
  const shape = shapeOf(userText);
  const known = [
    shape.user ? `it is for ${shape.user}` : null,
    shape.problem ? `the problem: "${shape.problem}"` : null,
    shape.core_feature ? `the core feature: "${shape.core_feature}"` : null,
  ].filter(Boolean);
  const ask = !shape.user
    ? 'Who exactly would use it, and what do they do today instead?'
    : !shape.problem
      ? `What problem does this solve for ${shape.user}: what is slow, costly or frustrating now?`
      : !shape.core_feature
        ? `What is the one thing the product must let ${shape.user} do on day one?`
        : 'That is enough to start a PRD: I can turn this into a project with clarification questions.';
  const heard = known.length > 0 ? `So far: ${known.join('; ')}.` : 'Tell me about the idea.';
  const summary = stringField(data, 'summary');
  const recap = summary ? ' (I am keeping a summary of our earlier messages.)' : '';
  return `${heard}${recap} ${ask}\n${IDEA_MARKER}${JSON.stringify(shape)}</idea>`;
}

/** "I want to build an app for dog walkers." → "App for dog walkers". */
export function chatTitleDrafter({ messages }: DraftInput): string {
  const text = stringField(readAgentData(messages), 'message');
  const { product, audience } = readIdea(text);
  const named = product === 'the product' ? topTerms(text, 3).join(' ') : product.slice(4);
  const title = audience ? `${named} for ${audience}` : named;
  return capitalise(title.trim()).slice(0, TITLE_MAX) || 'Product idea';
}

/** The person's own words about the idea, in order, each sentence once: the project's idea. */
export function chatDistilDrafter({ messages }: DraftInput): string {
  const turns = arrayField<Turn>(readAgentData(messages), 'conversation');
  const seen = new Set<string>();
  const sentences = turns
    .filter((turn) => turn.role === 'user')
    .flatMap((turn) => turn.content.split(/(?<=[.!?])\s+|\n+/))
    .map((part) => part.replace(/\s+/g, ' ').trim())
    .filter((part) => part && !seen.has(part) && Boolean(seen.add(part)));
  let idea = '';
  for (const part of sentences) {
    if (idea.length + part.length + 1 > DISTILLED_IDEA_MAX) break;
    idea = idea ? `${idea} ${part}` : part;
  }
  return idea;
}

/** Reflections: decisions, open questions, lenses not yet discussed, and a next step. */
export function chatReflectionsDrafter({ messages }: DraftInput): string {
  const data = readAgentData(messages);
  const turns = arrayField<Turn>(data, 'conversation');
  const text = turns.map((turn) => turn.content).join('\n');
  const sentences = text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const decisions = sentences.filter((s) =>
    /\b(we will|we'll|decided|let'?s|must|should)\b/i.test(s),
  );
  const questions = turns
    .filter((turn) => turn.role === 'user')
    .flatMap((turn) => turn.content.split(/(?<=[.!?])\s+/))
    .filter((s) => s.trim().endsWith('?'));
  const lensWords: Record<string, RegExp> = {
    discovery: PROBLEM,
    user_journey: /\b(journey|flow|onboard\w*|sign[- ]?up|steps?)\b/i,
    metrics: /\b(metrics?|kpis?|measure\w*|retention|conversion)\b/i,
    gtm: /\b(pric\w*|launch\w*|marketing|channels?|sell)\b/i,
    risks: /\b(risks?|regulat\w*|privacy|security|trust|fraud)\b/i,
  };
  const gaps = THINKING_LENSES.filter((lens) => !lensWords[lens].test(text));
  const focus = topTerms(text, 3);
  const reflections = [
    ...decisions.slice(0, 3).map((s) => `Decided: ${s}`),
    ...questions.slice(0, 2).map((s) => `Still open: ${s.trim()}`),
    ...(gaps.length > 0
      ? [`Not discussed yet: ${gaps.map((g) => g.replace('_', ' ')).join(', ')}.`]
      : []),
    `The conversation keeps returning to ${focus.join(', ') || 'the idea itself'}; ` +
      `${capitalise(gaps[0]?.replace('_', ' ') ?? 'scope')} is the next thing worth deciding.`,
  ];
  return JSON.stringify({ reflections });
}
