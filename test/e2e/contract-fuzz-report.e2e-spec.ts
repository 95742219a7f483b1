import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claimRefuted, Finding, findingsIn, findingsOf } from '@test/support/schemathesis-report';

const ROOT = join(__dirname, '..', '..');
const OPENAPI: unknown = JSON.parse(readFileSync(join(ROOT, 'openapi.json'), 'utf8'));
/** Two "schema-violating request accepted" failures from real fuzz runs, trimmed to their case. */
const RECORDED = join(ROOT, 'test', 'fixtures', 'schemathesis', 'negative-data-claims.ndjson');

describe('Reading the fuzzer report', () => {
  const [patternClaim, unexpectedProperty] = findingsIn(RECORDED);

  it('reads each failed check with its operation, answer and mutations', () => {
    expect(patternClaim).toMatchObject({
      operation: 'POST /api/v1/projects',
      check: 'negative_data_rejection',
      status: 201,
      mediaType: 'multipart/form-data',
      mutations: [expect.objectContaining({ keywords: ['pattern'] })],
    });
    expect(unexpectedProperty).toMatchObject({
      operation: 'POST /api/v1/projects/{project_id}/uploads',
      check: 'negative_data_rejection',
      mutations: [],
    });
  });

  it('refutes a pattern break whose new value still matches the documented pattern', () => {
    expect(claimRefuted(patternClaim, OPENAPI)).toBe(true);
  });

  it('keeps a pattern break that really breaks the pattern', () => {
    const blankIdea = withNewValue(patternClaim, ' \n\t \u3000 \u00a0  ');
    expect(claimRefuted(blankIdea, OPENAPI)).toBe(false);
  });

  it('keeps every other kind of negative case (an undocumented field accepted)', () => {
    expect(claimRefuted(unexpectedProperty, OPENAPI)).toBe(false);
  });

  it('keeps a claim about a field the document does not describe', () => {
    const elsewhere = { ...patternClaim, operation: 'POST /api/v1/nowhere' };
    expect(claimRefuted(elsewhere, OPENAPI)).toBe(false);
  });

  it('reads a report written in a run directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prd-forge-report-'));
    writeFileSync(join(dir, 'ndjson-run.ndjson'), readFileSync(RECORDED));
    expect(findingsOf(dir)).toHaveLength(2);
  });
});

function withNewValue(finding: Finding, value: string): Finding {
  return { ...finding, mutations: finding.mutations.map((m) => ({ ...m, new_value: value })) };
}
