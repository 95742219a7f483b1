import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pickPort } from '@/infra/local-services/ports';

const ROOT = join(__dirname, '..', '..');
const READY = 'PRD Forge API ready';
const START_TIMEOUT_MS = 120_000;

interface RunningApi {
  readonly child: ChildProcess;
  readonly output: () => string;
}

/** The pids of processes whose command line mentions `needle` (our services name their data dir). */
function processesMentioning(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (commandLine.includes(needle) && !commandLine.includes('jest')) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('Embedded services after a hard kill (real processes)', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let ports: { api: number; mongo: number; redis: number };
  const running: ChildProcess[] = [];

  /** `args` run with node in the repository, as `npm start` (or its launcher) would. */
  const start = async (args: readonly string[]): Promise<RunningApi> => {
    const child = spawn(process.execPath, [...args], { cwd: ROOT, env, detached: true });
    running.push(child);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(`the banner:\n${output}`, () => output.includes(READY), START_TIMEOUT_MS);
    return { child, output: () => output };
  };
  const fromSources = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];
  const startApi = () => start([...fromSources, 'src/main.ts']);
  // FerretDB's command line names the data dir; Redis retitles itself "redis-server host:port".
  const servicePids = (): number[] => [
    ...processesMentioning(dataDir),
    ...processesMentioning(`redis-server 127.0.0.1:${ports.redis}`),
  ];
  const pidFile = (name: string): number =>
    Number(readFileSync(join(dataDir, `${name}.pid`), 'utf8'));

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'prd-forge-restart-'));
    ports = { api: await pickPort(0), mongo: await pickPort(0), redis: await pickPort(0) };
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(ports.api),
      DATA_DIR: dataDir,
      EMBEDDED_MONGODB_PORT: String(ports.mongo),
      EMBEDDED_REDIS_PORT: String(ports.redis),
      SWAGGER_ENABLED: 'false',
    };
  });
  afterEach(async () => {
    for (const child of running.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    }
    await waitFor('the services to stop', () => servicePids().length === 0).catch(() => {
      for (const pid of servicePids()) process.kill(pid, 'SIGKILL');
    });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops the services an API killed with SIGKILL left behind, then binds the configured ports again', async () => {
    const first = await startApi();
    expect(first.output()).toContain(`mongodb://127.0.0.1:${ports.mongo}/`);
    expect(first.output()).toContain(`redis://127.0.0.1:${ports.redis}`);
    const leftovers = [pidFile('ferretdb'), pidFile('redis')];

    first.child.kill('SIGKILL');
    await waitFor('the API to die', () => first.child.signalCode === 'SIGKILL');
    leftovers.forEach((pid) => expect(isAlive(pid)).toBe(true));

    const second = await startApi();
    expect(second.output()).toContain(`mongodb://127.0.0.1:${ports.mongo}/`);
    expect(second.output()).toContain(`redis://127.0.0.1:${ports.redis}`);
    leftovers.forEach((pid) => expect(isAlive(pid)).toBe(false));
    expect(servicePids().sort()).toEqual([pidFile('ferretdb'), pidFile('redis')].sort());

    second.child.kill('SIGTERM');
    await waitFor('a clean stop', () => second.child.exitCode !== null);
    expect(second.child.exitCode).toBe(0);
    await waitFor('the services to stop', () => servicePids().length === 0);
  }, 300_000);

  it('stops the API and its services when the `npm start` launcher is killed with SIGKILL', async () => {
    const launcher = await start(['scripts/start.mjs']);
    const apiPid = processesMentioning('dist/main.js').find((pid) =>
      readFileSync(`/proc/${pid}/environ`, 'utf8').includes(dataDir),
    );
    expect(apiPid).toBeDefined();

    launcher.child.kill('SIGKILL');
    await waitFor('the API to stop', () => !isAlive(apiPid!));
    await waitFor('its services to stop', () => servicePids().length === 0);

    const again = await startApi();
    expect(again.output()).toContain(`mongodb://127.0.0.1:${ports.mongo}/`);
    expect(again.output()).toContain(`redis://127.0.0.1:${ports.redis}`);
  }, 300_000);
});
