import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

export interface ChildServer {
  /** http://127.0.0.1:<port> */
  readonly base: string;
  readonly pid: number;
  stop(): Promise<void>;
}

const ROOT = join(__dirname, '..', '..');

/**
 * Forks a TypeScript entry (through ts-node, transpile only) that sends `{ port }` over IPC
 * once it listens. Its stdout is dropped (the access log would otherwise cost the bench a pipe);
 * stderr is shown. `nodeArgs` adds flags such as --cpu-prof.
 */
export function startChildServer(
  entry: string,
  env: Record<string, string> = {},
  nodeArgs: readonly string[] = [],
): Promise<ChildServer> {
  const child: ChildProcess = fork(join(ROOT, entry), [], {
    cwd: ROOT,
    execArgv: ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', ...nodeArgs],
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1', ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`${entry} exited with ${code} before listening`)),
    );
    child.once('message', (message: { port: number }) =>
      resolve({
        base: `http://127.0.0.1:${message.port}`,
        pid: child.pid!,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      }),
    );
  });
}

/**
 * A separate BullMQ worker (src/worker/worker.ts, as `npm run start:worker`), joined to the
 * deployment `env` names; resolves once it logs that it started (so it logs at info).
 */
export function startWorkerProcess(env: Record<string, string>): Promise<ChildServer> {
  const child: ChildProcess = fork(join(ROOT, 'src/worker/worker.ts'), [], {
    cwd: ROOT,
    execArgv: ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register'],
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1', ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the worker exited with ${code} first`)));
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString('utf8')).slice(-4096);
      if (!seen.includes('PRD Forge worker started')) return;
      // From here on its log is only drained.
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      resolve({
        base: '',
        pid: child.pid!,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    };
    child.stdout!.on('data', onData);
  });
}
