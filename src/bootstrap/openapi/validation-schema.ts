import { ApiProperty } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type { ClassRef } from '@/common/decorators/api-schema-rules.decorator';
import { ruleSchema, RuleSchema } from '@/common/decorators/rule-schema';
import { combinedPattern } from './rule-pattern';

/**
 * The OpenAPI document states every rule the validation pipe enforces, read from the DTOs'
 * class-validator rules, so the two cannot drift apart: what `@ApiProperty()` says by hand stays
 * (descriptions, examples, explicit types), and what the validators enforce is added where the
 * decorator left it out (lengths, ranges, item counts, enums, patterns, formats, integer types,
 * whether the field is required). Custom rules say what they mean through `describeRule()`.
 */

// @nestjs/swagger's metadata keys for model properties (stable since v4, not exported).
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';
const API_MODEL_PROPERTIES_ARRAY = 'swagger/apiModelPropertiesArray';

/** The parts of a property's schema a validator can state. */
export interface PropertyRules {
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'array';
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  items?: PropertyRules;
}

type Translate = (constraints: unknown[]) => PropertyRules;

const UUID_PATTERNS: Record<string, string> = {
  '4': '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-4[0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$',
};
const BASE64URL = '[A-Za-z0-9_-]*';

/** class-validator's own rules, by metadata name. */
const BUILT_IN: Record<string, Translate> = {
  isString: () => ({ type: 'string' }),
  isInt: () => ({ type: 'integer' }),
  isNumber: () => ({ type: 'number' }),
  isBoolean: () => ({ type: 'boolean' }),
  isArray: () => ({ type: 'array' }),
  min: ([minimum]) => ({ minimum: minimum as number }),
  max: ([maximum]) => ({ maximum: maximum as number }),
  minLength: ([minLength]) => ({ minLength: minLength as number }),
  maxLength: ([maxLength]) => ({ maxLength: maxLength as number }),
  // Bytes of UTF-8 are at least as many as characters: the character bounds are the byte bounds,
  // and the description says bytes (a schema cannot count them).
  isByteLength: ([minLength, maxLength]) => ({
    minLength: minLength as number,
    maxLength: maxLength as number,
  }),
  isIn: ([values]) => ({ enum: [...(values as unknown[])] }),
  arrayNotEmpty: () => ({ minItems: 1 }),
  arrayMinSize: ([minItems]) => ({ minItems: minItems as number }),
  arrayMaxSize: ([maxItems]) => ({ maxItems: maxItems as number }),
  arrayUnique: () => ({ uniqueItems: true }),
  isEmail: () => ({ format: 'email' }),
  isUrl: ([options]) => urlRules(options as UrlOptions | undefined),
  isUuid: ([version]) => uuidRules(typeof version === 'string' ? version : 'all'),
  isJwt: () => ({ pattern: `^${BASE64URL}\\.${BASE64URL}\\.${BASE64URL}$` }),
  matches: ([pattern, modifiers]) => ({ pattern: patternOf(pattern, modifiers) }),
};

/** Rules that say nothing about a value's shape (presence is read separately). */
const SHAPELESS = new Set(['isOptional', 'validateIf', 'nestedValidation', 'whitelistValidation']);

interface UrlOptions {
  protocols?: string[];
  require_protocol?: boolean;
}

function urlRules(options: UrlOptions | undefined): PropertyRules {
  const protocols = options?.protocols;
  if (!options?.require_protocol || !protocols?.length) return { format: 'uri' };
  return { format: 'uri', pattern: `^(${protocols.join('|')})://` };
}

function uuidRules(version: string): PropertyRules {
  const pattern = UUID_PATTERNS[version];
  if (!pattern) throw new Error(`No pattern for UUID version ${version}: add it to UUID_PATTERNS`);
  return { format: 'uuid', pattern };
}

function patternOf(pattern: unknown, modifiers: unknown): string {
  const flags = typeof modifiers === 'string' ? modifiers : '';
  const regex = pattern instanceof RegExp ? pattern : new RegExp(String(pattern), flags);
  if (regex.flags.replace(/[gu]/g, '') !== '') {
    throw new Error(`@Matches(${regex}) has flags a JSON Schema pattern cannot carry`);
  }
  return portableClasses(regex.source);
}

/** ASCII meanings for the shorthand classes, which Python's `re` reads as Unicode classes. */
const SHORTHANDS: Record<string, { inside: string; outside: string }> = {
  d: { inside: '0-9', outside: '[0-9]' },
  D: { inside: '', outside: '[^0-9]' },
  w: { inside: 'A-Za-z0-9_', outside: '[A-Za-z0-9_]' },
  W: { inside: '', outside: '[^A-Za-z0-9_]' },
};

export function portableClasses(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i];
    if (char === '\\' && i + 1 < source.length) {
      const next = source[i + 1];
      const shorthand = SHORTHANDS[next];
      if (shorthand && (inClass ? shorthand.inside : true)) {
        out += inClass ? shorthand.inside : shorthand.outside;
      } else if (shorthand) {
        throw new Error(`\\${next} inside a character class has no portable form: ${source}`);
      } else {
        out += char + next;
      }
      i += 1;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    out += char;
  }
  return out;
}

/** The rule's name as class-validator records it (`isOptional` and `validateIf` are conditions). */
function ruleName(metadata: ValidationMetadata): string {
  if (metadata.type === 'conditionalValidation') {
    return metadata.name === 'isOptional' ? 'isOptional' : 'validateIf';
  }
  if (metadata.type === 'customValidation') return metadata.name ?? 'customValidation';
  return metadata.type;
}

/** What the validators on one property say, in schema terms. Throws on a rule it cannot read. */
export function rulesOf(validators: readonly ValidationMetadata[]): PropertyRules {
  const own: PropertyRules = {};
  const items: PropertyRules = {};
  const custom: { rules: RuleSchema[]; each: RuleSchema[] } = { rules: [], each: [] };
  let optional = false;
  for (const metadata of validators) {
    const name = ruleName(metadata);
    if (name === 'isOptional' || name === 'validateIf') optional = true;
    if (SHAPELESS.has(name)) continue;
    const target = metadata.each ? items : own;
    const translate = BUILT_IN[name];
    if (translate) {
      const rules = translate(metadata.constraints ?? []);
      Object.assign(target, rules, mergedPattern(target.pattern, rules.pattern));
      continue;
    }
    const described = ruleSchema(name);
    if (!described) {
      throw new Error(
        `The validation rule "${name}" has no schema meaning: map it in BUILT_IN or register it ` +
          'with describeRule(), so openapi.json states it',
      );
    }
    (metadata.each ? custom.each : custom.rules).push(described);
  }
  applyCustom(own, custom.rules);
  applyCustom(items, custom.each);
  if (Object.keys(items).length > 0) own.items = items;
  own.required = !optional;
  return own;
}

function applyCustom(target: PropertyRules, rules: RuleSchema[]): void {
  if (rules.length === 0) return;
  const pattern = combinedPattern([
    ...rules,
    ...(target.pattern ? [{ pattern: target.pattern }] : []),
  ]);
  if (pattern) target.pattern = pattern;
  const format = rules.find((rule) => rule.format)?.format;
  if (format) target.format = format;
}

/** Two built-in patterns on one property: both must hold. */
function mergedPattern(current: string | undefined, next: string | undefined): PropertyRules {
  if (!current || !next) return {};
  return { pattern: combinedPattern([{ pattern: current }, { pattern: next }]) };
}

/** Every class class-validator knows, with its rules by property. */
function validatedClasses(): Map<ClassRef, ValidationMetadata[]> {
  // class-validator keeps the registry private; reading it is the only way to list the DTOs
  // without naming each one. The openapi test fails loudly if the field ever moves.
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas?: Map<ClassRef, ValidationMetadata[]>;
  };
  if (!(storage.validationMetadatas instanceof Map)) {
    throw new Error(
      'class-validator metadata storage has changed shape: update validatedClasses()',
    );
  }
  return storage.validationMetadatas;
}

/** The classes that are Swagger models (DTOs) and have validation rules, by schema name. */
export function documentedDtoClasses(): Map<string, ClassRef> {
  const classes = new Map<string, ClassRef>();
  for (const target of validatedClasses().keys()) {
    if (Reflect.hasMetadata(API_MODEL_PROPERTIES_ARRAY, target.prototype as object)) {
      classes.set(target.name, target);
    }
  }
  return classes;
}

/** Writes what each DTO's validators say into its Swagger property metadata (idempotent). */
export function documentValidationRules(): void {
  for (const target of documentedDtoClasses().values()) {
    const byProperty = new Map<string, ValidationMetadata[]>();
    for (const metadata of getMetadataStorage().getTargetValidationMetadatas(
      target,
      '',
      true,
      false,
    )) {
      byProperty.set(metadata.propertyName, [
        ...(byProperty.get(metadata.propertyName) ?? []),
        metadata,
      ]);
    }
    for (const [property, validators] of byProperty) {
      documentProperty(target.prototype as object, property, rulesOf(validators));
    }
  }
}

const DESIGN_TYPES: ReadonlySet<unknown> = new Set([Object, Number, undefined]);

function documentProperty(prototype: object, property: string, rules: PropertyRules): void {
  const existing = Reflect.getMetadata(API_MODEL_PROPERTIES, prototype, property) as
    Record<string, unknown> | undefined;
  if (!existing) {
    // A validated field nobody documented is still one the server accepts.
    ApiProperty(toSwagger(rules))(prototype, property);
    return;
  }
  const merged: Record<string, unknown> = { ...existing };
  for (const [key, value] of Object.entries(toSwagger(rules))) {
    if (key === 'required') merged.required = value;
    else if (key === 'type') {
      if (DESIGN_TYPES.has(existing.type)) merged.type = value;
    } else if (key === 'items' && existing.items && typeof existing.items === 'object') {
      merged.items = { ...(value as object), ...existing.items };
    } else if (existing[key] === undefined) merged[key] = value;
  }
  Reflect.defineMetadata(API_MODEL_PROPERTIES, merged, prototype, property);
}

function toSwagger(rules: PropertyRules): Record<string, unknown> {
  const { items, ...own } = rules;
  const swagger: Record<string, unknown> = { ...own };
  if (own.type === undefined) delete swagger.type;
  if (items) swagger.items = toSwagger(items);
  if (items && !own.type) swagger.type = 'array';
  delete (swagger.items as Record<string, unknown> | undefined)?.required;
  return swagger;
}
