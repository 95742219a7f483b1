import type { LlmMessage, OutputSchema } from '../llm.types';
import { extractJson } from './extract-json';
import { providerSchema, validateJson } from './json-schema';
import { completeStructured, StructuredOutputInvalid, StructuredSpec } from './structured-output';

const SCHEMA: OutputSchema = {
  name: 'verdict',
  description: 'a verdict',
  schema: {
    type: 'object',
    properties: {
      label: { type: 'string', enum: ['yes', 'no'] },
      score: { type: 'integer', minimum: 0, maximum: 10 },
      reasons: { type: 'array', minItems: 1, maxItems: 3, items: { type: 'string', minLength: 2 } },
    },
    required: ['label', 'score', 'reasons'],
    additionalProperties: false,
  },
};
const SPEC: StructuredSpec<{ label: string; score: number; reasons: string[] }> = {
  schema: SCHEMA,
  check: (value) => (value.label === 'no' && value.score > 5 ? ['$.score: too high for "no"'] : []),
};
const GOOD = { label: 'yes', score: 7, reasons: ['clear'] };
const ASKED: LlmMessage[] = [{ role: 'user', content: 'Judge it.' }];

function scripted(...answers: string[]) {
  const calls: (readonly LlmMessage[])[] = [];
  const ask = (messages: readonly LlmMessage[]) => {
    calls.push(messages);
    return Promise.resolve(answers[Math.min(calls.length - 1, answers.length - 1)]);
  };
  return { ask, calls };
}

describe('validateJson', () => {
  it('accepts a matching value and names every problem of one that does not match', () => {
    expect(validateJson(SCHEMA.schema, GOOD)).toEqual([]);
    expect(
      validateJson(SCHEMA.schema, { label: 'maybe', score: 7.5, reasons: 'clear', extra: 1 }),
    ).toEqual([
      '$.label: "maybe" is not one of yes, no',
      '$.score: expected an integer, got 7.5',
      '$.reasons: expected an array, got a string',
      '$: unexpected property "extra"',
    ]);
    expect(validateJson(SCHEMA.schema, { label: 'no', score: 11, reasons: [] })).toEqual([
      '$.score: above the maximum 10',
      '$.reasons: expected at least 1 items, got 0',
    ]);
    expect(validateJson(SCHEMA.schema, [GOOD])).toEqual(['$: expected an object, got an array']);
  });

  it('reports at most ten problems, however broken the value', () => {
    const items = Array.from({ length: 5_000 }, () => 1);
    expect(validateJson(SCHEMA.schema, { ...GOOD, reasons: items })).toHaveLength(10);
  });

  it('gives providers the shape without the limits strict modes may refuse', () => {
    expect(providerSchema(SCHEMA.schema)).toEqual({
      type: 'object',
      properties: {
        label: { type: 'string', enum: ['yes', 'no'] },
        score: { type: 'integer' },
        reasons: { type: 'array', items: { type: 'string' } },
      },
      required: ['label', 'score', 'reasons'],
      additionalProperties: false,
    });
  });
});

describe('extractJson', () => {
  it('finds the object bare, fenced, or inside prose', () => {
    const json = JSON.stringify(GOOD);
    expect(extractJson(json)).toEqual({ ok: true, value: GOOD });
    expect(extractJson('```json\n' + json + '\n```')).toEqual({ ok: true, value: GOOD });
    expect(extractJson(`Use {curly} quotes. Here it is: ${json} Hope this helps.`)).toEqual({
      ok: true,
      value: GOOD,
    });
    expect(extractJson('{"a": "a } inside a string", "b": {"c": 1}} trailing')).toEqual({
      ok: true,
      value: { a: 'a } inside a string', b: { c: 1 } },
    });
  });

  it('says when the answer is cut off, empty or has no JSON', () => {
    expect(extractJson('{"label": "yes", "reasons": ["cle')).toEqual({
      ok: false,
      error: 'the JSON object is not closed: the answer looks cut off',
    });
    expect(extractJson('   ')).toEqual({ ok: false, error: 'the answer is empty' });
    expect(extractJson('I would rather not.')).toEqual({
      ok: false,
      error: 'the answer contains no JSON object',
    });
  });
});

describe('completeStructured', () => {
  it('returns a valid first answer without a second call', async () => {
    const model = scripted(`Sure: ${JSON.stringify(GOOD)}`);
    await expect(completeStructured(model.ask, ASKED, SPEC)).resolves.toEqual(GOOD);
    expect(model.calls).toHaveLength(1);
  });

  it('repairs once, quoting the broken answer and what is wrong with it', async () => {
    const broken = '{"label": "yes", "score": "7", "reasons": ["clear"]}';
    const model = scripted(broken, JSON.stringify(GOOD));
    await expect(completeStructured(model.ask, ASKED, SPEC)).resolves.toEqual(GOOD);
    expect(model.calls).toHaveLength(2);
    expect(model.calls[1].slice(0, 1)).toEqual(ASKED);
    expect(model.calls[1][1]).toEqual({ role: 'assistant', content: broken });
    expect(model.calls[1][2].content).toContain('$.score: expected a number, got a string');
    expect(model.calls[1][2].content).toContain('"verdict"');
  });

  it("runs the spec's own checks after the schema", async () => {
    const model = scripted('{"label": "no", "score": 9, "reasons": ["x!"]}', JSON.stringify(GOOD));
    await expect(completeStructured(model.ask, ASKED, SPEC)).resolves.toEqual(GOOD);
    expect(model.calls[1][2].content).toContain('$.score: too high for "no"');
  });

  it('fails with AI_OUTPUT_INVALID when the repair is broken too, and asks no third time', async () => {
    const model = scripted('{"label": "yes", "score": 7, "reasons": ["cl', 'no JSON at all');
    const error = await completeStructured(model.ask, ASKED, SPEC).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StructuredOutputInvalid);
    expect(error).toMatchObject({
      code: 'AI_OUTPUT_INVALID',
      status: 502,
      message:
        'The AI answer (verdict) did not have the expected structure: the answer contains no JSON object',
    });
    expect(model.calls).toHaveLength(2);
  });
});
