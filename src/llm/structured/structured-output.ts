import { AppError } from '@/common/errors';
import type { LlmMessage, OutputSchema } from '../llm.types';
import { extractJson } from './extract-json';
import { validateJson } from './json-schema';

/** What a structured answer must be: the schema, and rules a schema cannot say. */
export interface StructuredSpec<T> {
  readonly schema: OutputSchema;
  /** Problems beyond the schema ("recommended must be one of options"); none when fine. */
  readonly check?: (value: T) => readonly string[];
}

/** The answer did not match its schema, even after the one repair request. */
export class StructuredOutputInvalid extends AppError {
  constructor(
    readonly schemaName: string,
    readonly problems: readonly string[],
  ) {
    super(
      'AI_OUTPUT_INVALID',
      `The AI answer (${schemaName}) did not have the expected structure: ${problems.slice(0, 3).join('; ')}`,
    );
  }
}

/** One call to the model with these messages; the caller adds purpose, schema and accounting. */
export type Ask = (messages: readonly LlmMessage[]) => Promise<string>;

/** A repair request quotes at most this much of the broken answer back to the model. */
const QUOTED_CHARS = 6_000;

/**
 * Asks for a structured answer and validates it: JSON found in the text (bare, fenced or inside
 * prose), matching the schema and the spec's own checks. A broken answer gets exactly one repair
 * request, which quotes it with what is wrong; if that fails too, StructuredOutputInvalid
 * (AI_OUTPUT_INVALID), so a node fails with a clear code instead of passing on garbage.
 */
export async function completeStructured<T>(
  ask: Ask,
  messages: readonly LlmMessage[],
  spec: StructuredSpec<T>,
): Promise<T> {
  const first = await ask(messages);
  const checked = validate(first, spec);
  if (checked.ok) return checked.value;
  const repair: LlmMessage[] = [
    ...messages,
    { role: 'assistant', content: first.slice(0, QUOTED_CHARS) },
    {
      role: 'user',
      content:
        `That answer cannot be used: ${checked.problems.join('; ')}. Reply again with only the ` +
        `corrected JSON object for "${spec.schema.name}", with every required field.`,
    },
  ];
  const second = validate(await ask(repair), spec);
  if (second.ok) return second.value;
  throw new StructuredOutputInvalid(spec.schema.name, second.problems);
}

type Validated<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly string[] };

export function validate<T>(text: string, spec: StructuredSpec<T>): Validated<T> {
  const extracted = extractJson(text);
  if (!extracted.ok) return { ok: false, problems: [extracted.error] };
  const errors = validateJson(spec.schema.schema, extracted.value);
  if (errors.length > 0) return { ok: false, problems: errors };
  const value = extracted.value as T;
  const problems = spec.check?.(value) ?? [];
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}
