import type { LlmMessage, OutputSchema } from '../llm.types';
import { extractJson } from './extract-json';
import { JsonSchema, providerSchema, validateJson } from './json-schema';
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

  it('checks lengths, ranges and booleans, and names what it got instead', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        title: { type: 'string', minLength: 3, maxLength: 5 },
        weight: { type: 'number', minimum: 0 },
        urgent: { type: 'boolean' },
      },
      required: ['title', 'weight', 'urgent'],
      additionalProperties: false,
    };
    expect(validateJson(schema, { title: 'abc', weight: 0.5, urgent: false })).toEqual([]);
    // Blank padding does not count towards the minimum; the maximum counts every character.
    expect(validateJson(schema, { title: ' a  ', weight: -1, urgent: 'yes' })).toEqual([
      '$.title: shorter than 3 characters',
      '$.weight: below the minimum 0',
      '$.urgent: expected a boolean, got a string',
    ]);
    expect(validateJson(schema, { title: 'abcdef', weight: true, urgent: null })).toEqual([
      '$.title: longer than 5 characters',
      '$.weight: expected a number, got a boolean',
      '$.urgent: expected a boolean, got null',
    ]);
    expect(validateJson(schema, { title: {}, weight: '1', urgent: true })).toEqual([
      '$.title: expected a string, got an object',
      '$.weight: expected a number, got a string',
    ]);
  });

  it('quotes at most 40 characters of a value outside its enum', () => {
    const long = 'x'.repeat(100);
    expect(validateJson({ type: 'string', enum: ['a', 'b'] }, long)).toEqual([
      `$: "${'x'.repeat(39)}…" is not one of a, b`,
    ]);
  });

  it('stops at twelve levels of nesting instead of walking any depth a model sends', () => {
    let schema: JsonSchema = { type: 'boolean' };
    let value: unknown = true;
    for (let level = 0; level < 20; level++) {
      schema = { type: 'array', items: schema };
      value = [value];
    }
    expect(validateJson(schema, value)).toEqual([`$${'[0]'.repeat(13)}: nested too deeply`]);
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
  it('keeps every description for the provider', () => {
    const described: JsonSchema = {
      type: 'object',
      description: 'a plan',
      properties: {
        steps: {
          type: 'array',
          description: 'the steps',
          items: { type: 'string', description: 'one step', maxLength: 80 },
        },
        hours: { type: 'number', description: 'hours in all', minimum: 0 },
        done: { type: 'boolean', description: 'finished' },
      },
      required: ['steps', 'hours', 'done'],
      additionalProperties: false,
    };
    expect(providerSchema(described)).toEqual({
      type: 'object',
      description: 'a plan',
      properties: {
        steps: {
          type: 'array',
          description: 'the steps',
          items: { type: 'string', description: 'one step' },
        },
        hours: { type: 'number', description: 'hours in all' },
        done: { type: 'boolean', description: 'finished' },
      },
      required: ['steps', 'hours', 'done'],
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
