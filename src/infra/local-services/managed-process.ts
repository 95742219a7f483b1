import { ChildProcess, spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createConnection } from 'node:net';
import { basename, dirname } from 'node:path';

export interface ManagedProcessOptions {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly port: number;
  readonly logFile: string;
  readonly pidFile: string;
  readonly startTimeoutMs?: number;
}

/**
 * A local service the API started and owns. It runs in its own process group so a Ctrl-C
 * reaches the API first, which then stops it in order (connections closed before the store).
 */
export class ManagedProcess {
  private exited = false;
  private readonly exitPromise: Promise<void>;

  private constructor(
    private readonly options: ManagedProcessOptions,
    private readonly child: ChildProcess,
  ) {
    this.exitPromise = new Promise((resolve) =>
      child.once('exit', () => {
        this.exited = true;
        resolve();
      }),
    );
    // Last resort for abrupt exits of the API (uncaught error, process.exit): no orphans.
    process.once('exit', this.killOnExit);
  }

  static async start(options: ManagedProcessOptions): Promise<ManagedProcess> {
    await stopStale(options.pidFile, basename(options.command));
    mkdirSync(dirname(options.logFile), { recursive: true });
    const logFd = openSync(options.logFile, 'a');
    const child = spawn(options.command, [...options.args], {
      detached: true,
      stdio: ['ignore', logFd, logFd],
    });
    closeSync(logFd);
    const managed = new ManagedProcess(options, child);
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    writeFileSync(options.pidFile, String(child.pid));
    try {
      await managed.waitUntilListening(options.startTimeoutMs ?? 30_000);
    } catch (error) {
      await managed.stop();
      throw error;
    }
    return managed;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  async stop(timeoutMs = 10_000): Promise<void> {
    process.removeListener('exit', this.killOnExit);
    if (!this.exited) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
      await this.exitPromise;
      clearTimeout(timer);
    }
    // A newer start may already own the pid file (it stopped us as stale): leave its file alone.
    if (readPid(this.options.pidFile) === this.child.pid)
      rmSync(this.options.pidFile, { force: true });
  }

  private readonly killOnExit = (): void => {
    if (!this.exited) this.child.kill('SIGTERM');
  };

  private async waitUntilListening(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) {
        throw new Error(`${this.options.name} exited during start-up:\n${this.logTail()}`);
      }
      if (await canConnect(this.options.port)) return;
      await sleep(100);
    }
    throw new Error(
      `${this.options.name} did not listen on port ${this.options.port} within ${timeoutMs} ms:\n${this.logTail()}`,
    );
  }

  private logTail(): string {
    if (!existsSync(this.options.logFile)) return '(no log)';
    return readFileSync(this.options.logFile, 'utf8').split('\n').slice(-15).join('\n');
  }
}

/**
 * A previous API that was killed hard may have left its services running: stop them first.
 * Called before a port is chosen too, so the leftover's port is free again by then.
 */
export async function stopStale(pidFile: string, binaryName: string): Promise<void> {
  const pid = readPid(pidFile);
  rmSync(pidFile, { force: true });
  // After a reboot the pid may belong to something else: only stop what is still our binary.
  if (pid === undefined || pid <= 1 || !isAlive(pid)) return;
  const commandLine = commandLineOf(pid);
  if (commandLine !== undefined && !commandLine.includes(binaryName)) return;
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; waited < 10_000 && isAlive(pid); waited += 100) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

function readPid(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) ? pid : undefined;
}

/** Undefined where there is no procfs (macOS): the pid file is trusted there. */
function commandLineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
