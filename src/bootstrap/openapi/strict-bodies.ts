import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  ReferenceObject,
  RequestBodyObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ClassRef, schemaRulesOf } from '@/common/decorators/api-schema-rules.decorator';
import { operationsOf } from './operations';

type Schema = SchemaObject | ReferenceObject;

const REF_PREFIX = '#/components/schemas/';
const MULTIPART = 'multipart/form-data';

/**
 * Request bodies as the server reads them:
 * - the validation pipe refuses unknown fields (`forbidNonWhitelisted`), so every request body
 *   schema, and every schema nested in one, has `additionalProperties: false`;
 * - files travel only in multipart: a JSON variant of the same body has no binary field;
 * - rules about the body as a whole (`@ApiSchemaRules`) are stated on its schema;
 * - a body is required unless the server accepts a request without one (no required field and
 *   no minimum number of fields).
 */
export function strictRequestBodies(document: OpenAPIObject, classes: Map<string, ClassRef>): void {
  const schemas = document.components?.schemas ?? {};
  const bodyRefs = new Set<string>();
  for (const { operation } of operationsOf(document)) {
    const body = operation.requestBody as RequestBodyObject | undefined;
    if (!body) continue;
    for (const [type, media] of Object.entries(body.content)) {
      if (!media.schema) continue;
      const schema = type === MULTIPART ? media.schema : withoutBinaryFields(media.schema, schemas);
      media.schema = schema;
      collectRefs(schema, schemas, bodyRefs);
      closeInline(schema);
    }
  }
  for (const name of bodyRefs) {
    const schema = schemas[name] as SchemaObject;
    if (schema.type === 'object' || schema.properties) schema.additionalProperties = false;
    const rules = classes.get(name) && schemaRulesOf(classes.get(name)!);
    if (rules) Object.assign(schema, structuredClone(rules));
  }
  for (const { operation } of operationsOf(document)) {
    const body = operation.requestBody as RequestBodyObject | undefined;
    if (!body) continue;
    body.required = Object.values(body.content).some((media) =>
      demandsContent(media.schema, schemas),
    );
  }
}

function isRef(schema: Schema | undefined): schema is ReferenceObject {
  return schema !== undefined && '$ref' in schema;
}

function refName(ref: ReferenceObject): string {
  return ref.$ref.slice(REF_PREFIX.length);
}

/** Every component schema reachable from `schema`. */
function collectRefs(
  schema: Schema | undefined,
  schemas: Record<string, Schema>,
  found: Set<string>,
): void {
  if (!schema) return;
  if (isRef(schema)) {
    const name = refName(schema);
    if (found.has(name)) return;
    found.add(name);
    collectRefs(schemas[name], schemas, found);
    return;
  }
  for (const child of children(schema)) collectRefs(child, schemas, found);
}

function children(schema: SchemaObject): Schema[] {
  return [
    ...Object.values(schema.properties ?? {}),
    ...(schema.items ? [schema.items] : []),
    ...(schema.allOf ?? []),
    ...(schema.oneOf ?? []),
    ...(schema.anyOf ?? []),
  ];
}

/** Inline object schemas of a body refuse unknown fields too. */
function closeInline(schema: Schema | undefined): void {
  if (!schema || isRef(schema)) return;
  if (schema.type === 'object' && schema.properties) schema.additionalProperties = false;
  for (const child of children(schema)) closeInline(child);
}

function isBinary(schema: Schema): boolean {
  if (isRef(schema)) return false;
  return schema.format === 'binary' || (schema.items !== undefined && isBinary(schema.items));
}

/**
 * The same body without its file fields, for an encoding that cannot carry files (an inline copy
 * when the schema is a shared one that has them).
 */
function withoutBinaryFields(schema: Schema, schemas: Record<string, Schema>): Schema {
  if (isRef(schema)) {
    const shared = schemas[refName(schema)];
    const copy = withoutBinaryFields(shared, schemas);
    return copy === shared ? schema : copy;
  }
  if (!schema.properties) return schema;
  const binary = Object.keys(schema.properties).filter((name) =>
    isBinary(schema.properties![name]),
  );
  if (binary.length === 0) return schema;
  const copy = structuredClone(schema);
  for (const name of binary) delete copy.properties![name];
  if (copy.required) copy.required = copy.required.filter((name) => !binary.includes(name));
  return copy;
}

function demandsContent(schema: Schema | undefined, schemas: Record<string, Schema>): boolean {
  if (!schema) return false;
  const resolved = isRef(schema) ? (schemas[refName(schema)] as SchemaObject) : schema;
  return (
    (resolved.required?.length ?? 0) > 0 ||
    (resolved.minProperties ?? 0) > 0 ||
    (resolved.anyOf?.length ?? 0) > 0 ||
    (resolved.oneOf?.length ?? 0) > 0 ||
    resolved.type === 'array'
  );
}
