import type { OutputSchema } from '@/llm/llm.types';
import type { JsonSchema } from '@/llm/structured/json-schema';
import type { StructuredSpec } from '@/llm/structured/structured-output';
import { THINKING_LENSES } from '@/domain/thinking-lenses';
import type { LensCoverage, QuestionWithChoices } from '../answers';

const COVERAGE_LEVEL: JsonSchema = { type: 'string', enum: ['clear', 'partial', 'missing'] };

export interface AssessAnswer {
  readonly domain: string;
  readonly complexity: number;
  readonly coverage: Readonly<Record<(typeof THINKING_LENSES)[number], LensCoverage>>;
}

export const ASSESS_SCHEMA: OutputSchema = {
  name: 'idea_assessment',
  description: 'The idea’s domain, its complexity, and how clearly it already covers each lens',
  schema: {
    type: 'object',
    properties: {
      domain: { type: 'string', minLength: 2, maxLength: 40, description: 'one or two words' },
      complexity: { type: 'number', minimum: 0, maximum: 1 },
      coverage: {
        type: 'object',
        properties: Object.fromEntries(THINKING_LENSES.map((lens) => [lens, COVERAGE_LEVEL])),
        required: [...THINKING_LENSES],
        additionalProperties: false,
      },
    },
    required: ['domain', 'complexity', 'coverage'],
    additionalProperties: false,
  },
};

export const ASSESS_SPEC: StructuredSpec<AssessAnswer> = { schema: ASSESS_SCHEMA };

export interface QuestionsAnswer {
  readonly questions: readonly QuestionWithChoices[];
}

export const QUESTIONS_SCHEMA: OutputSchema = {
  name: 'clarification_questions',
  description: 'The clarification questions to ask before writing the PRD, most important first',
  schema: {
    type: 'object',
    properties: {
      questions: {
        type: 'array',
        minItems: 1,
        maxItems: 10,
        items: {
          type: 'object',
          properties: {
            lens: { type: 'string', enum: [...THINKING_LENSES] },
            question: { type: 'string', minLength: 5, maxLength: 300 },
            context: { type: 'string', maxLength: 300, description: 'why the answer matters' },
            options: {
              type: 'array',
              minItems: 2,
              maxItems: 4,
              items: { type: 'string', minLength: 1, maxLength: 80 },
            },
            recommended: { type: 'string', description: 'one of options, word for word' },
            recommended_reason: { type: 'string', minLength: 3, maxLength: 200 },
          },
          required: ['lens', 'question', 'context', 'options', 'recommended', 'recommended_reason'],
          additionalProperties: false,
        },
      },
    },
    required: ['questions'],
    additionalProperties: false,
  },
};

/** What the schema cannot say: the recommended choice is one of the options, all distinct. */
export const QUESTIONS_SPEC: StructuredSpec<QuestionsAnswer> = {
  schema: QUESTIONS_SCHEMA,
  check: ({ questions }) =>
    questions.flatMap((question, index) => {
      const problems: string[] = [];
      if (!question.options.includes(question.recommended)) {
        problems.push(`$.questions[${index}].recommended: must be one of its options`);
      }
      const distinct = new Set(question.options.map((option) => option.trim().toLowerCase()));
      if (distinct.size !== question.options.length) {
        problems.push(`$.questions[${index}].options: must be distinct`);
      }
      return problems;
    }),
};
