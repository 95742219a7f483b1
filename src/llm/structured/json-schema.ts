/**
 * The JSON Schema subset our prompts use: objects with required properties and no others,
 * arrays, strings (enum, length), numbers, integers, booleans. Enough to describe every agent
 * answer, small enough to validate here without a dependency, and inside what OpenAI's strict
 * mode and Anthropic's tool input schemas both accept once the length limits are taken out.
 */
export type JsonSchema =
  | {
      readonly type: 'object';
      readonly description?: string;
      readonly properties: Readonly<Record<string, JsonSchema>>;
      readonly required: readonly string[];
      readonly additionalProperties: false;
    }
  | {
      readonly type: 'array';
      readonly description?: string;
      readonly items: JsonSchema;
      readonly minItems?: number;
      readonly maxItems?: number;
    }
  | {
      readonly type: 'string';
      readonly description?: string;
      readonly enum?: readonly string[];
      readonly minLength?: number;
      readonly maxLength?: number;
    }
  | {
      readonly type: 'number' | 'integer';
      readonly description?: string;
      readonly minimum?: number;
      readonly maximum?: number;
    }
  | { readonly type: 'boolean'; readonly description?: string };

/** Errors past this many are not worth reporting: the model gets the first few to fix. */
const MAX_ERRORS = 10;
const MAX_DEPTH = 12;

/** Every way `value` breaks `schema`, as "path: problem" lines (none when it matches). */
export function validateJson(schema: JsonSchema, value: unknown): string[] {
  const errors: string[] = [];
  visit(schema, value, '$', 0, errors);
  return errors.slice(0, MAX_ERRORS);
}

function visit(schema: JsonSchema, value: unknown, path: string, depth: number, errors: string[]) {
  if (errors.length >= MAX_ERRORS) return;
  if (depth > MAX_DEPTH) {
    errors.push(`${path}: nested too deeply`);
    return;
  }
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        errors.push(`${path}: expected an object, got ${kindOf(value)}`);
        return;
      }
      const record = value as Record<string, unknown>;
      for (const key of schema.required) {
        if (!(key in record)) errors.push(`${path}: missing required property "${key}"`);
      }
      for (const [key, child] of Object.entries(record)) {
        const property = schema.properties[key];
        if (!property) errors.push(`${path}: unexpected property "${key}"`);
        else visit(property, child, `${path}.${key}`, depth + 1, errors);
      }
      return;
    }
    case 'array': {
      if (!Array.isArray(value)) {
        errors.push(`${path}: expected an array, got ${kindOf(value)}`);
        return;
      }
      if (schema.minItems !== undefined && value.length < schema.minItems) {
        errors.push(`${path}: expected at least ${schema.minItems} items, got ${value.length}`);
      }
      if (schema.maxItems !== undefined && value.length > schema.maxItems) {
        errors.push(`${path}: expected at most ${schema.maxItems} items, got ${value.length}`);
      }
      value.forEach((item, index) =>
        visit(schema.items, item, `${path}[${index}]`, depth + 1, errors),
      );
      return;
    }
    case 'string': {
      if (typeof value !== 'string') {
        errors.push(`${path}: expected a string, got ${kindOf(value)}`);
        return;
      }
      if (schema.enum && !schema.enum.includes(value)) {
        errors.push(`${path}: "${clip(value)}" is not one of ${schema.enum.join(', ')}`);
      }
      if (schema.minLength !== undefined && value.trim().length < schema.minLength) {
        errors.push(`${path}: shorter than ${schema.minLength} characters`);
      }
      if (schema.maxLength !== undefined && value.length > schema.maxLength) {
        errors.push(`${path}: longer than ${schema.maxLength} characters`);
      }
      return;
    }
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        errors.push(`${path}: expected a number, got ${kindOf(value)}`);
        return;
      }
      if (schema.type === 'integer' && !Number.isInteger(value)) {
        errors.push(`${path}: expected an integer, got ${value}`);
      }
      if (schema.minimum !== undefined && value < schema.minimum) {
        errors.push(`${path}: below the minimum ${schema.minimum}`);
      }
      if (schema.maximum !== undefined && value > schema.maximum) {
        errors.push(`${path}: above the maximum ${schema.maximum}`);
      }
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean')
        errors.push(`${path}: expected a boolean, got ${kindOf(value)}`);
      return;
  }
}

/**
 * The schema as providers receive it: the same shape without length and range limits, which
 * OpenAI's strict mode may refuse; the limits are still enforced here on the answer.
 */
export function providerSchema(schema: JsonSchema): Record<string, unknown> {
  switch (schema.type) {
    case 'object':
      return {
        type: 'object',
        ...(schema.description ? { description: schema.description } : {}),
        properties: Object.fromEntries(
          Object.entries(schema.properties).map(([key, child]) => [key, providerSchema(child)]),
        ),
        required: [...schema.required],
        additionalProperties: false,
      };
    case 'array':
      return {
        type: 'array',
        ...(schema.description ? { description: schema.description } : {}),
        items: providerSchema(schema.items),
      };
    case 'string':
      return {
        type: 'string',
        ...(schema.description ? { description: schema.description } : {}),
        ...(schema.enum ? { enum: [...schema.enum] } : {}),
      };
    case 'number':
    case 'integer':
    case 'boolean':
      return {
        type: schema.type,
        ...(schema.description ? { description: schema.description } : {}),
      };
  }
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
