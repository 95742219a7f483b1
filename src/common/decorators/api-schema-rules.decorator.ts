/**
 * Rules about a body as a whole, which no single property's decorator can state: "at least one
 * field", "email or phone number". The service enforces them; this puts them in the OpenAPI
 * document (the schema named after the class) so clients and fuzzers know them too.
 */
export interface SchemaRules {
  /** At least this many fields (a PATCH or PUT that changes nothing is refused). */
  readonly minProperties?: number;
  /** At least one of these field sets must be present. */
  readonly anyOf?: readonly { readonly required: readonly string[] }[];
  /** Exactly one of these field sets must be present. */
  readonly oneOf?: readonly { readonly required: readonly string[] }[];
}

const SCHEMA_RULES = Symbol('schemaRules');

export const ApiSchemaRules =
  (rules: SchemaRules): ClassDecorator =>
  (target) => {
    Reflect.defineMetadata(SCHEMA_RULES, rules, target);
  };

/** A class, as decorators and metadata see it. */
export type ClassRef = abstract new (...args: never[]) => unknown;

export function schemaRulesOf(target: ClassRef): SchemaRules | undefined {
  return Reflect.getMetadata(SCHEMA_RULES, target) as SchemaRules | undefined;
}

/** A body that must carry one of the fields, at least. */
export const AtLeastOneOf = (...fields: string[]): SchemaRules => ({
  anyOf: fields.map((field) => ({ required: [field] })),
});

/** A body that must carry one of the fields, and only one. */
export const ExactlyOneOf = (...fields: string[]): SchemaRules => ({
  oneOf: fields.map((field) => ({ required: [field] })),
});
