import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManagedProcess } from './managed-process';
import { commandExists, runCommand } from './run-command';

const POLICY_RC = '/usr/sbin/policy-rc.d';

/** Debian's redis-server, installed with apt when missing (the machine's own package). */
export async function ensureRedisServer(log: (line: string) => void): Promise<string> {
  if (commandExists('redis-server')) return 'redis-server';
  if (!commandExists('apt-get') || process.getuid?.() !== 0) {
    throw new Error(
      'redis-server is not installed and apt-get as root is not available. Install Redis 7, or set REDIS_URL.',
    );
  }
  log('Installing redis-server with apt-get (first run only)…');
  // Keep the package's init script from starting a system-wide Redis on 6379: we start our own.
  const ownPolicy = !existsSync(POLICY_RC);
  if (ownPolicy) writeFileSync(POLICY_RC, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    await runCommand('apt-get', ['update', '-qq'], { env });
    await runCommand(
      'apt-get',
      ['install', '-y', '-qq', '--no-install-recommends', 'redis-server'],
      { env },
    );
  } finally {
    if (ownPolicy) rmSync(POLICY_RC, { force: true });
  }
  return 'redis-server';
}

export const redisPidFile = (dataDir: string): string => join(dataDir, 'redis.pid');

export function startRedis(
  binary: string,
  port: number,
  dataDir: string,
  persistent: boolean,
): Promise<ManagedProcess> {
  const storeDir = join(dataDir, 'redis');
  mkdirSync(storeDir, { recursive: true });
  const durability = persistent
    ? ['--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '300 1']
    : ['--appendonly', 'no', '--save', ''];
  return ManagedProcess.start({
    name: 'Redis',
    command: binary,
    args: [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--protected-mode',
      'yes',
      '--daemonize',
      'no',
      '--dir',
      storeDir,
      // BullMQ needs every key kept: nothing here relies on eviction, every cache key has a TTL.
      '--maxmemory-policy',
      'noeviction',
      '--logfile',
      '',
      ...durability,
    ],
    port,
    logFile: join(dataDir, 'logs', 'redis.log'),
    pidFile: redisPidFile(dataDir),
  });
}
