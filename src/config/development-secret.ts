import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigContext } from './config-area';

/**
 * Outside production a missing secret is generated once and kept under DATA_DIR, so a fresh
 * clone runs with no configuration and tokens survive restarts; tests get a fresh one per load.
 */
export function developmentSecret(
  context: ConfigContext,
  name: 'jwt' | 'storage' | 'webhooks',
): string {
  // Production requires the secret (its area reports it missing, and the load fails).
  if (context.env === 'production') return '';
  if (context.env === 'test') return randomBytes(32).toString('hex');
  const file = join(context.dataDir, 'secrets.json');
  const stored: Record<string, string> = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)
    : {};
  if (!stored[name]) {
    stored[name] = randomBytes(32).toString('hex');
    mkdirSync(context.dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return stored[name];
}
