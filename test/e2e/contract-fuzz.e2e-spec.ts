import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { aChat } from '@test/support/factories/chats';
import { aProject, PROJECT_TEST_ENV, saveVersion } from '@test/support/factories/projects';
import { aWebhookTo } from '@test/support/factories/webhooks';
import { ensurePythonTool } from '@test/support/python-tools';
import { claimRefuted, findingsOf } from '@test/support/schemathesis-report';

const SCHEMATHESIS_VERSION = '4.32.5';
const ROOT = join(__dirname, '..', '..');
const OPENAPI: unknown = JSON.parse(readFileSync(join(ROOT, 'openapi.json'), 'utf8'));

/** A failure the fuzzer reports that is not a disagreement between the document and the server. */
interface KnownFalsePositive {
  readonly operation: RegExp;
  readonly check: string;
  /** In the response body. */
  readonly answer: RegExp;
  readonly reason: string;
}

/**
 * Rules that depend on stored data, the outside world or a file's bytes: no JSON Schema can state
 * them, so a request that fits the schema may still be refused. Each is described in the
 * document (the field's description or the documented 4xx), and each is refused with a 4xx naming
 * the field. Nothing else may fail.
 */
const KNOWN_FALSE_POSITIVES: readonly KnownFalsePositive[] = [
  {
    operation: /^GET \/api\/v1\/chats\/\{chat_id\}\/messages$/,
    check: 'positive_data_acceptance',
    answer: /send before or after, not both/,
    reason: 'OpenAPI 3.0 cannot say that two query parameters exclude each other',
  },
  {
    operation: /^GET \/api\/v1\/chats\/\{chat_id\}\/messages$/,
    check: 'positive_data_acceptance',
    answer: /no such message in this chat|must be a message id or an ISO 8601 timestamp/,
    reason:
      'a cursor naming a message must name one of this chat; a date must exist in the calendar ' +
      '(the pattern allows 02-31)',
  },
  {
    operation: /^POST \/api\/v1\/auth\/register$/,
    check: 'positive_data_acceptance',
    answer: /(Email|Phone number) already exists/,
    reason: 'uniqueness depends on the accounts stored; the API contract answers it with a 400',
  },
  {
    operation: /^POST \/api\/v1\/auth\/(register|login)$/,
    check: 'positive_data_acceptance',
    answer: /phone_number must be a valid phone number in E\.164 format/,
    reason:
      "the pattern states E.164's shape; whether the number exists in its country's numbering " +
      'plan (libphonenumber) has no schema form',
  },
  {
    operation: /^(POST|PATCH) \/api\/v1\/webhooks/,
    check: 'positive_data_acceptance',
    answer: /url host .* (could not be resolved|resolves to)/,
    reason: "the URL's host must resolve to a public address, checked when the request arrives",
  },
  {
    operation:
      /^POST \/api\/v1\/(projects|chats\/\{chat_id\}\/messages|projects\/\{project_id\}\/uploads)$/,
    check: 'positive_data_acceptance',
    answer: /Unsupported file: /,
    reason:
      "a file's bytes must be what its extension says (pdf, docx, md, png, jpeg): a 415 " +
      'documented on the operation; a schema cannot describe file contents',
  },
  {
    operation: /^POST \/api\/v1\/ai\/markdown-edit$/,
    check: 'positive_data_acceptance',
    answer: /chat_history needs a user turn \(or send instruction\)/,
    reason: 'a rule across two fields (instruction, or a user turn in chat_history)',
  },
  {
    operation: /^POST \/api\/v1\/projects\/\{project_id\}\/versions$/,
    check: 'positive_data_acceptance',
    answer: /flowchart_content is not a valid Mermaid flowchart/,
    reason: 'a flowchart must parse as Mermaid; a grammar has no JSON Schema form',
  },
  {
    operation: /^POST \/api\/v1\//,
    check: 'positive_data_acceptance',
    answer: /IDEMPOTENCY_KEY_REUSED/,
    reason:
      'an Idempotency-Key already used for a different request is refused (422): stored state; ' +
      'the fuzzer sends the same example key with different bodies',
  },
];

/**
 * Schemathesis fuzzes the real app over the committed openapi.json, signed in as a real user
 * with a real project, chat, version, task and webhook, with every check it has (server errors,
 * status codes, schemas, headers, positive and negative data acceptance, 405 and Allow, auth)
 * and its stateful phase, in a bounded time.
 */
describe('Contract fuzzing (schemathesis over openapi.json)', () => {
  let testApp: TestApp;
  let user: SignedInUser;
  let baseUrl: string;
  let schemathesis: string;

  beforeAll(async () => {
    schemathesis = ensurePythonTool('schemathesis', SCHEMATHESIS_VERSION, 'st');
    testApp = await createTestApp({
      ...PROJECT_TEST_ENV,
      RATE_LIMIT_UPLOADS_PER_HOUR: '100000',
      RATE_LIMIT_AI_PER_HOUR: '100000',
      RATE_LIMIT_AUTH_PER_MINUTE: '100000',
      LOGIN_MAX_ATTEMPTS: '100',
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
    });
    await testApp.app.listen(0, '127.0.0.1');
    const { port } = testApp.app.getHttpServer().address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}`;
    user = await aSignedInUser(testApp.http);
  }, 600_000);
  afterAll(() => testApp?.close());

  it('finds no disagreement between the document and the server', async () => {
    const project = await aProject(user.api);
    await saveVersion(user.api, project.id).expect(201);
    await saveVersion(user.api, project.id, { changes: 'Second draft' }).expect(201);
    const chatId = await aChat(user.api, 'Fuzzed chat');
    // Nothing listens there: deliveries fail, which is what a webhook's deliveries may do.
    const webhook = await aWebhookTo(user.api, 'http://127.0.0.1:9/hook', ['project.created']);
    const work = mkdtempSync(join(tmpdir(), 'prd-forge-fuzz-'));
    const config = join(work, 'schemathesis.toml');
    writeFileSync(
      config,
      [
        `base-url = "${baseUrl}"`,
        'workers = 2',
        '[headers]',
        `Authorization = "Bearer ${user.accessToken}"`,
        '[parameters]',
        `project_id = "${project.id}"`,
        `chat_id = "${chatId}"`,
        `user_id = "${user.id}"`,
        `webhook_id = "${webhook.id}"`,
        'from = "v1.0"',
        'to = "v1.1"',
        '',
      ].join('\n'),
    );
    const result = await runSchemathesis(schemathesis, work, [
      '--config-file',
      config,
      'run',
      join(ROOT, 'openapi.json'),
      '--checks',
      'all',
      '--max-examples',
      '100',
      '--seed',
      '1',
      '--report',
      'ndjson',
      '--report-dir',
      work,
      // These end the fuzzer's own session or delete the fixtures every other operation needs;
      // the e2e specs of auth, users, projects, chats and webhooks cover them.
      '--exclude-path',
      '/api/v1/auth/logout',
      '--exclude-path',
      '/api/v1/auth/change-password',
      '--exclude-method',
      'DELETE',
    ]);
    const findings = findingsOf(work);
    const unexplained = findings.filter(
      (finding) =>
        !claimRefuted(finding, OPENAPI) &&
        !KNOWN_FALSE_POSITIVES.some(
          (known) =>
            known.operation.test(finding.operation) &&
            known.check === finding.check &&
            known.answer.test(finding.answer),
        ),
    );
    if (unexplained.length > 0 || ![0, 1].includes(result.code ?? -1)) {
      process.stdout.write(result.output);
    }
    expect(unexplained).toEqual([]);
    // Exit status 1 is "failures found" (all of them known); anything else is a broken run.
    expect([0, 1]).toContain(result.code);
    expect(result.output).toMatch(/Stateful/);
  }, 900_000);
});

/** Run in `cwd` (a temp dir), where schemathesis keeps its cache. */
function runSchemathesis(
  command: string,
  cwd: string,
  args: string[],
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
