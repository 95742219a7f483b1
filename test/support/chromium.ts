import { existsSync } from 'node:fs';
import { aptInstall } from './apt';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * Debian's chromium for the browser tests, installed with apt when missing (the machine has no
 * browser downloads). Throws when it cannot be installed: CI must fail, not skip the test.
 */
export function ensureChromium(): string {
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  const install = aptInstall(['chromium']);
  const installed = CANDIDATES.find((path) => existsSync(path));
  if (!installed) {
    throw new Error(
      "The Swagger UI browser test needs Debian's chromium and could not install it " +
        `(apt-get install -y chromium as root or with passwordless sudo):\n${install.stderr}`,
    );
  }
  return installed;
}
