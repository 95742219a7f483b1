import type { ReviewCritique } from '@/domain/version-review';
import type { LlmGateway } from '@/llm/llm-gateway.service';
import type { LlmMessage, OutputSchema } from '@/llm/llm.types';
import { completeStructured } from '@/llm/structured/structured-output';
import { PRD_SECTIONS } from '../prd/prd-sections';
import { agentMessages } from '../prompts/agent-prompt';
import type { PrdReview, ReviewFinding, ReviewInput } from './review.types';

export const CRITIQUE_PURPOSE = 'review.critique';

/** What the model adds to the checklist: a verdict and findings a checklist cannot see. */
export type PrdCritique = ReviewCritique;

interface CritiqueAnswer {
  readonly summary: string;
  readonly findings: readonly {
    readonly severity: ReviewFinding['severity'];
    readonly section: string;
    readonly message: string;
  }[];
}

const PRD_CHARS = 40_000;
const CHART_CHARS = 8_000;
const SECTIONS = [...PRD_SECTIONS.map((section) => section.title), 'Flowchart'];

export const CRITIQUE_SCHEMA: OutputSchema = {
  name: 'prd_critique',
  description: 'A senior product manager’s critique of a PRD, beyond a mechanical checklist',
  schema: {
    type: 'object',
    properties: {
      summary: { type: 'string', minLength: 10, maxLength: 600 },
      findings: {
        type: 'array',
        maxItems: 10,
        items: {
          type: 'object',
          properties: {
            severity: { type: 'string', enum: ['error', 'warning', 'info'] },
            section: { type: 'string', enum: SECTIONS },
            message: { type: 'string', minLength: 10, maxLength: 400 },
          },
          required: ['severity', 'section', 'message'],
          additionalProperties: false,
        },
      },
    },
    required: ['summary', 'findings'],
    additionalProperties: false,
  },
};

const INSTRUCTIONS =
  'You are a senior product manager reviewing a PRD before engineering starts. A checklist ' +
  'has already checked structure (sections, acceptance-criteria format, metric format, ' +
  'duplicates, journeys vs flowchart); its findings are listed, do not repeat them. Look for ' +
  'what a checklist cannot see: requirements that contradict the idea or each other, scope ' +
  'that does not serve the success metrics, risks that are missing for this domain, ' +
  'assumptions that are dangerous to leave untested. At most 10 findings, each naming the ' +
  'section to change and saying what to change, most important first.';

/**
 * The model's critique of a version, next to the checklist (reviewPrd). Only when a model is
 * configured: on an offline-only chain, or when the answer came from the offline fallback, it
 * is null rather than a pretend critique. A broken answer is repaired once, else the
 * AI_OUTPUT_INVALID error propagates, as AI_UNAVAILABLE does: the caller keeps the checklist.
 */
export async function critiquePrd(
  gateway: Pick<LlmGateway, 'complete' | 'entries'>,
  input: ReviewInput,
  review: PrdReview,
): Promise<PrdCritique | null> {
  if (gateway.entries.every((entry) => entry.provider === 'offline')) return null;
  let answeredBy = { provider: 'offline', model: 'offline' };
  const ask = async (messages: readonly LlmMessage[]) => {
    const result = await gateway.complete({
      purpose: CRITIQUE_PURPOSE,
      messages,
      schema: CRITIQUE_SCHEMA,
      temperature: 0.2,
    });
    answeredBy = { provider: result.provider, model: result.model };
    return result.text;
  };
  const answer = await completeStructured<CritiqueAnswer>(
    ask,
    agentMessages(INSTRUCTIONS, 'Critique this PRD.', {
      idea: input.idea,
      prd: input.prd.slice(0, PRD_CHARS),
      flowchart: input.flowchart.slice(0, CHART_CHARS),
      checklist_score: review.score,
      checklist_findings: review.findings.map(({ section, message }) => ({ section, message })),
    }),
    { schema: CRITIQUE_SCHEMA },
  );
  if (answeredBy.provider === 'offline') return null;
  return {
    summary: answer.summary.trim(),
    findings: answer.findings.map((finding, index) => ({
      id: `critique:${index + 1}`,
      severity: finding.severity,
      section: finding.section,
      message: finding.message.trim(),
    })),
    ...answeredBy,
  };
}
