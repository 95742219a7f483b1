import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * Debian's chromium for the browser tests, installed with apt when missing (the machine has no
 * browser downloads). Throws when it cannot be installed: CI must fail, not skip the test.
 */
export function ensureChromium(): string {
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  const root = process.getuid?.() === 0;
  const apt = (args: string[]) =>
    spawnSync(root ? 'apt-get' : 'sudo', root ? args : ['-n', 'apt-get', ...args], {
      encoding: 'utf8',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeout: 900_000,
    });
  let install = apt(['install', '-y', '--no-install-recommends', 'chromium']);
  if (install.status !== 0) {
    apt(['update']);
    install = apt(['install', '-y', '--no-install-recommends', 'chromium']);
  }
  const installed = CANDIDATES.find((path) => existsSync(path));
  if (!installed) {
    throw new Error(
      "The Swagger UI browser test needs Debian's chromium and could not install it " +
        `(apt-get install -y chromium as root or with passwordless sudo):\n${install.stderr ?? ''}`,
    );
  }
  return installed;
}
