/**
 * What a custom validation rule means in JSON Schema terms. A rule registers its meaning next to
 * its check, and the OpenAPI document states it, so a client generated from the document never
 * sends a value the rule refuses (and the fuzzer finds no gap between the two).
 *
 * Character classes are written for both regular-expression dialects that read the document:
 * ECMA-262 (browsers, Ajv) and Python's `re` (schemathesis). So: explicit ranges (`[0-9]`, not
 * `\d`, which is wider in Python), `\xNN` / `\uNNNN` escapes, no `.` (it stops at different line
 * terminators in each).
 */
export interface RuleSchema {
  /** Characters refused anywhere in the value: the body of a character class, without brackets. */
  readonly refusedCharacters?: string;
  /**
   * At least one character of this class must appear: a bracketed class, `[A-Z]` or `[^…]`
   * (a negated class is intersected with what the other rules allow).
   */
  readonly requiredCharacter?: string;
  /** A whole pattern, for what the two above cannot say. */
  readonly pattern?: string;
  /** A JSON Schema `format`. */
  readonly format?: string;
}

const RULE_SCHEMAS = new Map<string, RuleSchema>();

/** Registers what the class-validator rule `name` (its ValidateBy name) means as a schema. */
export function describeRule(name: string, schema: RuleSchema): string {
  RULE_SCHEMAS.set(name, schema);
  return name;
}

/** The schema meaning of a custom rule, or undefined when it registered none. */
export function ruleSchema(name: string): RuleSchema | undefined {
  return RULE_SCHEMAS.get(name);
}
