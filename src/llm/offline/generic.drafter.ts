import { keyPhrases, terms } from '../text/keywords';
import { splitSentences } from '../text/sentences';
import { DraftInput, lastUserMessage } from './offline-drafter';

// Phrased around the key phrase as a topic, so they read well for any noun phrase.
const QUESTIONS: readonly ((topic: string) => string)[] = [
  (topic) => `${capitalise(topic)}: who is affected most, and what do they do today?`,
  (topic) => `${capitalise(topic)}: how will we measure success, and which number should move?`,
  (topic) => `${capitalise(topic)}: which constraints and risks apply (privacy, compliance, cost)?`,
  (topic) => `${capitalise(topic)}: what is the smallest first version worth shipping?`,
  (topic) => `${capitalise(topic)}: what does it depend on that we do not control?`,
];

interface GenericDraft {
  topic: string;
  summary: string;
  key_points: { phrase: string; evidence: string }[];
  open_questions: string[];
}

/**
 * The fallback drafter for any purpose without its own: restates the latest user message as a
 * structured brief (summary, key phrases with the sentence each came from, open questions about
 * them). Earlier user turns fill in when the latest one is too short to carry a topic.
 */
export function genericDrafter({ messages, json }: DraftInput): string {
  const draft = buildDraft(messages);
  if (json) return JSON.stringify(draft);
  if (draft.key_points.length === 0) {
    return `## Nothing to draft yet\n\n${OFFLINE_NOTE}\n\nTell me about the product idea: who it is for and what problem it solves.`;
  }
  return [
    `## ${capitalise(draft.topic)}`,
    OFFLINE_NOTE,
    `### Summary\n${draft.summary}`,
    `### Key points\n${draft.key_points.map((p) => `- **${capitalise(p.phrase)}**: ${p.evidence}`).join('\n')}`,
    `### Open questions\n${draft.open_questions.map((q, i) => `${i + 1}. ${q}`).join('\n')}`,
  ].join('\n\n');
}

const OFFLINE_NOTE =
  '> Drafted offline (no AI provider is configured): a structured restatement of your message, not a model’s answer.';

function buildDraft(messages: DraftInput['messages']): GenericDraft {
  const latest = lastUserMessage(messages);
  const earlier = messages
    .filter((message) => message.role === 'user')
    .map((message) => message.content)
    .join('\n');
  const source = keyPhrases(latest, 5).length >= 2 ? latest : earlier;
  const sentences = splitSentences(source);
  const phrases = keyPhrases(source, 5);
  const topic = phrases[0]?.text.toLowerCase() ?? 'your idea';
  return {
    topic,
    summary: sentences.slice(0, 2).join(' ') || 'No details were given yet.',
    key_points: phrases.map((phrase) => ({
      phrase: phrase.text.toLowerCase(),
      evidence: evidenceFor(phrase.text, sentences),
    })),
    open_questions: phrases
      .slice(0, 3)
      .map((phrase, index) => QUESTIONS[index % QUESTIONS.length](phrase.text.toLowerCase())),
  };
}

function evidenceFor(phrase: string, sentences: readonly string[]): string {
  const wanted = terms(phrase);
  const sentence = sentences.find((candidate) => {
    const present = new Set(terms(candidate));
    return wanted.every((term) => present.has(term));
  });
  return sentence ?? phrase;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
