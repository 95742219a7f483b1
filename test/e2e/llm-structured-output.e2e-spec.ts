import { modelAnswer, modelJson } from '@test/fixtures/llm-answers';
import { aSignedInUser, uniqueSuffix } from '@test/support/factories';
import { aProject, PROJECT_TEST_ENV } from '@test/support/factories/projects';
import { createLlmTestBed, LlmTestBed } from '@test/support/llm-stubs/llm-test-app';
import { QUESTIONS_SCHEMA, QUESTIONS_SPEC } from '@/agents/prompts/clarify-schemas';
import { AiUnavailableError } from '@/llm/llm-gateway.service';
import type { LlmMessage } from '@/llm/llm.types';
import { completeStructured, StructuredOutputInvalid } from '@/llm/structured/structured-output';

// Unique per call: the gateway caches answers by prompt, and each test scripts its own.
const asked = (): LlmMessage[] => [
  { role: 'system', content: 'You ask clarification questions.' },
  { role: 'user', content: `A scheduling assistant for physiotherapy clinics (${uniqueSuffix()})` },
];
const GOOD = modelJson('questions.well-formed.json');
const PHYSIO =
  'A scheduling assistant for independent physiotherapy clinics that fills last-minute ' +
  'cancellations by texting patients on a waitlist';

/** One structured request through the gateway and the real SDK, repaired at most once. */
function askFor(bed: LlmTestBed) {
  return completeStructured(
    (messages) =>
      bed.gateway
        .complete({ purpose: 'test.structured', messages, schema: QUESTIONS_SCHEMA, refresh: true })
        .then((result) => result.text),
    asked(),
    QUESTIONS_SPEC,
  );
}

function lastMessage(body: Record<string, unknown>): string {
  const messages = body.messages as { content: unknown }[];
  return String(messages.at(-1)?.content);
}

describe('Structured output: OpenAI json_schema through the real SDK', () => {
  let bed: LlmTestBed;

  beforeAll(async () => {
    bed = await createLlmTestBed({
      LLM_CHAIN: 'openai:gpt-4o',
      LLM_MAX_RETRIES: '0',
    });
  });
  afterAll(() => bed.close());
  beforeEach(() => bed.openai.reset());

  it('asks for the schema in strict mode and takes a well-formed answer as is', async () => {
    bed.openai.enqueue({ text: modelAnswer('questions.well-formed.json') });
    await expect(askFor(bed)).resolves.toEqual(GOOD);
    expect(bed.openai.requests).toHaveLength(1);
    const format = bed.openai.requests[0].body.response_format as {
      type: string;
      json_schema: { name: string; strict: boolean; schema: Record<string, unknown> };
    };
    expect(format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'clarification_questions', strict: true },
    });
    // Length limits stay on our side; strict mode gets the plain shape.
    expect(JSON.stringify(format.json_schema.schema)).not.toMatch(/minItems|maxLength/);
  });

  it('finds the JSON in an answer wrapped in prose and a code fence, without a second call', async () => {
    bed.openai.enqueue({ text: modelAnswer('questions.prose-wrapped.txt') });
    await expect(askFor(bed)).resolves.toEqual(GOOD);
    expect(bed.openai.requests).toHaveLength(1);
  });

  it('repairs an answer cut off at max tokens with one re-ask that says so', async () => {
    const truncated = modelAnswer('questions.truncated.txt');
    bed.openai
      .enqueue({ text: truncated, stopReason: 'length' })
      .enqueue({ text: modelAnswer('questions.well-formed.json') });
    await expect(askFor(bed)).resolves.toEqual(GOOD);
    expect(bed.openai.requests).toHaveLength(2);
    const messages = bed.openai.requests[1].body.messages as { role: string; content: string }[];
    expect(messages.at(-2)).toEqual({ role: 'assistant', content: truncated });
    expect(lastMessage(bed.openai.requests[1].body)).toContain('the answer looks cut off');
  });

  it('fails with AI_OUTPUT_INVALID when the answer has wrong types twice', async () => {
    bed.openai.enqueue({ text: modelAnswer('questions.wrong-types.json') }, { times: 2 });
    const error = await askFor(bed).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StructuredOutputInvalid);
    expect((error as StructuredOutputInvalid).code).toBe('AI_OUTPUT_INVALID');
    expect((error as StructuredOutputInvalid).problems).toEqual(
      expect.arrayContaining([
        '$.questions[0].lens: "Risks" is not one of discovery, user_journey, metrics, gtm, risks',
        '$.questions[0].options: expected an array, got a string',
        '$.questions[0]: missing required property "recommended_reason"',
        '$.questions[2].context: expected a string, got null',
      ]),
    );
    expect(bed.openai.requests).toHaveLength(2);
  });

  it('caches a structured answer only once it matches its schema', async () => {
    const messages = asked();
    const once = (text: string) => {
      bed.openai.enqueue({ text });
      return bed.gateway.complete({
        purpose: 'test.structured',
        messages,
        schema: QUESTIONS_SCHEMA,
      });
    };
    await once(modelAnswer('questions.wrong-types.json'));
    const second = await once(modelAnswer('questions.well-formed.json'));
    expect(second.cached).toBe(false);
    const third = await bed.gateway.complete({
      purpose: 'test.structured',
      messages,
      schema: QUESTIONS_SCHEMA,
    });
    expect(third).toMatchObject({ cached: true, text: modelAnswer('questions.well-formed.json') });
    expect(bed.openai.requests).toHaveLength(2);
  });

  it('does not retry a refusal: it will not change', async () => {
    bed.openai.enqueue({ refusal: 'I cannot help with that.' }, { times: 3 });
    await expect(askFor(bed)).rejects.toBeInstanceOf(AiUnavailableError);
    expect(bed.openai.requests).toHaveLength(1);
  });
});

describe('Structured output: Anthropic tool use through the real SDK', () => {
  let bed: LlmTestBed;

  beforeAll(async () => {
    bed = await createLlmTestBed({
      LLM_CHAIN: 'anthropic:claude-sonnet-4-6',
      LLM_MAX_RETRIES: '0',
    });
  });
  afterAll(() => bed.close());
  beforeEach(() => bed.anthropic.reset());

  it('forces a tool whose input schema is the answer, and reads the tool call', async () => {
    bed.anthropic.enqueue({ toolInput: GOOD });
    await expect(askFor(bed)).resolves.toEqual(GOOD);
    const body = bed.anthropic.requests[0].body;
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'clarification_questions' });
    expect(body.tools).toEqual([
      expect.objectContaining({
        name: 'clarification_questions',
        input_schema: expect.objectContaining({ type: 'object', required: ['questions'] }),
      }),
    ]);
  });

  it('repairs a tool input whose nested array came as a JSON string', async () => {
    bed.anthropic
      .enqueue({ toolInput: modelJson('tool-input.stringified-array.json') })
      .enqueue({ toolInput: GOOD });
    await expect(askFor(bed)).resolves.toEqual(GOOD);
    expect(bed.anthropic.requests).toHaveLength(2);
    expect(lastMessage(bed.anthropic.requests[1].body)).toContain(
      '$.questions: expected an array, got a string',
    );
  });

  it('fails with AI_OUTPUT_INVALID when the tool input is cut off twice', async () => {
    bed.anthropic.enqueue(
      { toolInput: modelJson('tool-input.truncated.json'), stopReason: 'max_tokens' },
      { times: 2 },
    );
    const error = await askFor(bed).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StructuredOutputInvalid);
    expect((error as StructuredOutputInvalid).problems).toContain(
      '$.questions[1]: missing required property "context"',
    );
  });

  it('takes a prose answer that holds the JSON when the model skipped the tool', async () => {
    bed.anthropic.enqueue({ text: modelAnswer('questions.prose-wrapped.txt') });
    await expect(askFor(bed)).resolves.toEqual(GOOD);
  });
});

describe('Structured output: OpenAI-compatible JSON mode through the real SDK', () => {
  let bed: LlmTestBed;

  beforeAll(async () => {
    bed = await createLlmTestBed(({ openai }) => ({
      LLM_CHAIN: 'compatible:llama3.1:8b',
      OPENAI_COMPATIBLE_BASE_URL: `${openai}/v1`,
      LLM_MAX_RETRIES: '0',
    }));
  });
  afterAll(() => bed.close());
  beforeEach(() => bed.openai.reset());

  it('asks for JSON mode and puts the schema in the prompt', async () => {
    bed.openai.enqueue({ text: modelAnswer('questions.prose-wrapped.txt') });
    await expect(askFor(bed)).resolves.toEqual(GOOD);
    const body = bed.openai.requests[0].body;
    expect(body.response_format).toEqual({ type: 'json_object' });
    const system = (body.messages as { role: string; content: string }[])[0];
    expect(system.role).toBe('system');
    expect(system.content).toContain('"clarification_questions"');
    expect(system.content).toContain('"recommended_reason"');
  });

  it('repairs wrong types once and takes the corrected answer', async () => {
    bed.openai
      .enqueue({ text: modelAnswer('questions.wrong-types.json') })
      .enqueue({ text: modelAnswer('questions.well-formed.json') });
    await expect(askFor(bed)).resolves.toEqual(GOOD);
    expect(lastMessage(bed.openai.requests[1].body)).toContain(
      '$.questions[0].options: expected an array, got a string',
    );
  });
});

describe('Structured output in the clarify agent: POST /projects with a model configured', () => {
  let bed: LlmTestBed;

  beforeAll(async () => {
    bed = await createLlmTestBed({
      ...PROJECT_TEST_ENV,
      LLM_CHAIN: 'openai:gpt-4o',
      LLM_MAX_RETRIES: '0',
    });
  });
  afterAll(() => bed.close());
  beforeEach(() => bed.openai.reset());

  it("asks the model's structured questions, most open lens first", async () => {
    const owner = await aSignedInUser(bed.testApp.http);
    bed.openai
      .enqueue({ text: modelAnswer('assessment.well-formed.json') })
      .enqueue({ text: modelAnswer('questions.prose-wrapped.txt') });
    const project = await aProject(owner.api, { initial_idea: `${PHYSIO} (${uniqueSuffix()})` });
    const questions = (project.body.clarification_questions as { question: string }[]).map(
      (q) => q.question,
    );
    const drafted = (GOOD as { questions: { question: string }[] }).questions.map(
      (q) => q.question,
    );
    expect(new Set(questions)).toEqual(new Set(drafted));
    expect(questions[0]).toBe(drafted[0]);
    expect(bed.openai.requests.map((request) => request.body.response_format)).toEqual([
      expect.objectContaining({
        json_schema: expect.objectContaining({ name: 'idea_assessment' }),
      }),
      expect.objectContaining({
        json_schema: expect.objectContaining({ name: 'clarification_questions' }),
      }),
    ]);
  });

  it('falls back to the offline questions when the model stays malformed after a repair', async () => {
    const owner = await aSignedInUser(bed.testApp.http);
    bed.openai.enqueue({ text: modelAnswer('assessment.wrong-types.json') }, { times: 2 });
    const project = await aProject(owner.api, { initial_idea: `${PHYSIO} (${uniqueSuffix()})` });
    const questions = project.body.clarification_questions as { question: string }[];
    expect(questions.length).toBeGreaterThanOrEqual(5);
    expect(JSON.stringify(questions)).toContain('independent physiotherapy clinics');
    expect(bed.openai.requests).toHaveLength(2);
    expect(lastMessage(bed.openai.requests[1].body)).toContain(
      '$.complexity: expected a number, got a string',
    );
  });
});
