import { execFile } from 'node:child_process';
import { commandExists, runCommand } from '@/infra/local-services/run-command';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { PROJECT_TEST_ENV } from '@test/support/factories/projects';
import { listeningUrl } from '@test/support/realtime-client';
import { readmeCodeBlock } from '@test/support/readme-verifiers';

/** curl and jq from Debian's apt when missing (a fresh CI machine runs as root). */
async function ensureCurlAndJq(): Promise<void> {
  const missing = ['curl', 'jq'].filter((command) => !commandExists(command));
  if (missing.length === 0) return;
  if (!commandExists('apt-get') || process.getuid?.() !== 0) {
    throw new Error(`The README walk-through needs ${missing.join(' and ')}: install them`);
  }
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  await runCommand('apt-get', ['update', '-qq'], { env });
  await runCommand('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    env,
  });
}

/** Runs bash without blocking the event loop: the app under test answers in this process. */
function bash(script: string, env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      'bash',
      ['-c', script],
      { env: { ...process.env, ...env }, timeout: 120_000, maxBuffer: 1 << 22 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('README: the whole journey with curl, run exactly as printed', () => {
  let testApp: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    await ensureCurlAndJq();
    testApp = await createTestApp(PROJECT_TEST_ENV);
    baseUrl = await listeningUrl(testApp);
  }, 180_000);
  afterAll(() => testApp.close());

  it('registers, generates, iterates, rolls back, chats, converts and refreshes', async () => {
    const script = readmeCodeBlock('bash', '# The whole journey with curl and jq');
    const run = await bash(script, { API: `${baseUrl}/api/v1` });
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(lines).toEqual([
      {
        message: 'User registered successfully',
        user_id: expect.stringMatching(/^[0-9a-f]{24}$/),
        user: expect.objectContaining({ full_name: 'Ada Lovelace' }),
      },
      { status: 'completed', current_step: 'Completed', version: 'v1.0', model_used: 'offline' },
      { status: 'completed', current_step: 'Completed', version: 'v1.1', model_used: 'offline' },
      [
        { version: 'v1.1', changes: expect.any(String), model_used: 'offline' },
        { version: 'v1.0', changes: expect.any(String), model_used: 'offline' },
      ],
      { message: 'Successfully rolled back to v1.0', current_version: 'v1.0' },
      { message_id: expect.any(String), reply: expect.any(String) },
      {
        project_id: expect.stringMatching(/^[0-9a-f]{24}$/),
        session_id: expect.any(String),
        source_chat_id: expect.stringMatching(/^[0-9a-f]{24}$/),
      },
      { token_type: 'bearer', expires_in: 1800 },
    ]);
  }, 150_000);
});
