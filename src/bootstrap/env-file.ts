import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/** Loads `.env` when present; variables already in the environment win. */
export function loadEnvFile(path = '.env'): void {
  if (!existsSync(path)) return;
  for (const [name, value] of Object.entries(parseEnv(readFileSync(path, 'utf8')))) {
    if (process.env[name] === undefined) process.env[name] = value;
  }
}
