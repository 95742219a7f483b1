import { spawnSync, SpawnSyncReturns } from 'node:child_process';

/**
 * Installs Debian packages a test needs on a fresh machine: as root, or with passwordless sudo.
 * Returns apt's result; callers check for what they need and fail loudly without it.
 */
export function aptInstall(packages: readonly string[]): SpawnSyncReturns<string> {
  const root = process.getuid?.() === 0;
  const apt = (args: string[]) =>
    spawnSync(root ? 'apt-get' : 'sudo', root ? args : ['-n', 'apt-get', ...args], {
      encoding: 'utf8',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeout: 900_000,
    });
  const install = ['install', '-y', '--no-install-recommends', ...packages];
  const first = apt(install);
  if (first.status === 0) return first;
  // A fresh machine's package lists may be missing or stale.
  apt(['update']);
  return apt(install);
}
