import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

describe('Start-up with bad configuration', () => {
  it('exits before starting anything, naming every offending variable once', () => {
    const result = spawnSync(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'src/main.ts'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'production',
          PORT: '99999',
          LOG_LEVEL: 'loud',
          REDIS_URL: 'http://not-redis',
        },
      },
    );
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('Invalid configuration (8 problems)');
    for (const variable of [
      'PORT',
      'LOG_LEVEL',
      'REDIS_URL',
      'MONGODB_URI',
      'JWT_SECRET_KEY',
      'STORAGE_URL_SECRET',
      'OPS_TOKEN',
      'WEBHOOK_ENCRYPTION_KEY',
    ]) {
      expect(result.stderr).toMatch(new RegExp(`^  - ${variable}: `, 'm'));
    }
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).not.toContain('Building FerretDB');
  });
});
