import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What schemathesis' NDJSON report says about one failed check. */
export interface Finding {
  readonly operation: string;
  readonly check: string;
  readonly code: string;
  readonly status: number | undefined;
  readonly answer: string;
  /** How a negative case was made from a valid one (when the fuzzer says so). */
  readonly mutations: readonly Mutation[];
  readonly mediaType: string | undefined;
}

export interface Mutation {
  readonly keywords: readonly string[];
  readonly schema_pointer: string;
  readonly new_value: unknown;
}

/** Every failed check in the NDJSON report, with the answer that failed it. */
export function findingsOf(dir: string): Finding[] {
  const file = readdirSync(dir).find((name) => name.endsWith('.ndjson'));
  if (!file) throw new Error(`schemathesis wrote no NDJSON report in ${dir}`);
  return findingsIn(join(dir, file));
}

export function findingsIn(report: string): Finding[] {
  const findings: Finding[] = [];
  for (const line of readFileSync(report, 'utf8').split('\n')) {
    if (!line.includes('"ScenarioFinished"')) continue;
    const scenario = (JSON.parse(line) as { ScenarioFinished: Scenario }).ScenarioFinished;
    const recorder = scenario.recorder;
    if (!recorder) continue;
    for (const [caseId, checks] of Object.entries(recorder.checks ?? {})) {
      for (const check of checks) {
        if (check.status !== 'failure') continue;
        const response = recorder.interactions?.[caseId]?.response;
        const generated = recorder.cases?.[caseId]?.value;
        findings.push({
          operation: check.failure_info?.failure.operation ?? recorder.label,
          check: check.name,
          code: check.failure_info?.failure.code ?? '',
          status: response?.status_code,
          answer: bodyText(response?.content),
          mutations: generated?.meta?.phase?.data?.mutations ?? [],
          mediaType: generated?.media_type,
        });
      }
    }
  }
  return findings;
}

interface Scenario {
  recorder?: {
    label: string;
    checks?: Record<
      string,
      {
        name: string;
        status: string;
        failure_info?: { failure: { operation: string; code: string } };
      }[]
    >;
    interactions?: Record<string, { response?: { status_code: number; content?: unknown } }>;
    cases?: Record<
      string,
      {
        value?: {
          media_type?: string;
          meta?: { phase?: { data?: { mutations?: Mutation[] } } };
        };
      }
    >;
  };
}

type SchemaNode = { $ref?: string; pattern?: string } & Record<string, unknown>;

/**
 * The fuzzer makes a negative case by breaking one keyword of a valid value, but does not always
 * check that it broke it: it appends a character to break a `pattern` our patterns still accept
 * (`^…[^\s]…*$` allows a trailing `*`). A "schema-violating request accepted" whose every mutation
 * is such a pattern break, with the new value still matching the documented pattern (read from
 * openapi.json, run as the ECMA-262 regex the document declares), was valid data: the server was
 * right to accept it.
 */
export function claimRefuted(finding: Finding, openapi: unknown): boolean {
  if (finding.check !== 'negative_data_rejection' || finding.mutations.length === 0) return false;
  return finding.mutations.every((mutation) => {
    if (mutation.keywords.length !== 1 || mutation.keywords[0] !== 'pattern') return false;
    if (typeof mutation.new_value !== 'string') return false;
    const schema = bodySchemaAt(
      openapi,
      finding.operation,
      finding.mediaType,
      mutation.schema_pointer,
    );
    return (
      typeof schema?.pattern === 'string' &&
      new RegExp(schema.pattern, 'u').test(mutation.new_value)
    );
  });
}

function bodySchemaAt(
  openapi: unknown,
  operation: string,
  mediaType: string | undefined,
  pointer: string,
): SchemaNode | undefined {
  const [method, path] = operation.split(' ');
  const document = openapi as SchemaNode;
  let node = walk(document, ['paths', path, method.toLowerCase(), 'requestBody', 'content']);
  node = node && mediaType ? walk(node, [mediaType, 'schema']) : undefined;
  const steps = pointer.split('/').slice(1).map(unescapePointer);
  for (const step of steps) {
    const resolved = node && resolve(document, node);
    node = resolved && walk(resolved, [step]);
  }
  return node && resolve(document, node);
}

function walk(node: SchemaNode, steps: readonly string[]): SchemaNode | undefined {
  let current: unknown = node;
  for (const step of steps) {
    current = current && typeof current === 'object' ? (current as SchemaNode)[step] : undefined;
  }
  return current && typeof current === 'object' ? (current as SchemaNode) : undefined;
}

function resolve(document: SchemaNode, node: SchemaNode): SchemaNode | undefined {
  if (!node.$ref) return node;
  return walk(document, node.$ref.replace(/^#\//, '').split('/').map(unescapePointer));
}

function unescapePointer(step: string): string {
  return step.replace(/~1/g, '/').replace(/~0/g, '~');
}

function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body && typeof body === 'object' && '$base64' in body) {
    return Buffer.from(String((body as { $base64: string }).$base64), 'base64').toString('utf8');
  }
  return JSON.stringify(body ?? '');
}
