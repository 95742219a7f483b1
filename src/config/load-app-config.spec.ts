import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { CONFIG_AREAS } from './config-areas';
import { ConfigError } from './config-error';
import { loadAppConfig } from './load-app-config';
import { RuntimeEnv } from './runtime.config';

const dataDir = mkdtempSync(join(tmpdir(), 'prd-forge-config-'));

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadAppConfig({ DATA_DIR: dataDir, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('loadAppConfig', () => {
  it("applies the API contract's defaults with no configuration at all", () => {
    const config = loadAppConfig({ DATA_DIR: dataDir });
    expect(config.env).toBe('development');
    expect(config.http.port).toBe(8000);
    expect(config.auth.accessTokenTtlSeconds).toBe(1800);
    expect(config.auth.refreshTokenTtlSeconds).toBe(7 * 86_400);
    expect(config.uploads.maxFileBytes).toBe(10_485_760);
    expect(config.http.jsonBodyLimitBytes).toBe(1_048_576);
    expect(config.http.corsOrigins).toEqual(['http://localhost:3000']);
    expect(config.mongo.uri).toBeUndefined();
    expect(config.storage.driver).toBe('local');
    expect(config.storage.localDir).toBe(join(dataDir, 'objects'));
  });

  it('names every offending variable in one error', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      NODE_ENV: 'staging',
      MONGODB_URI: 'postgres://nope',
      ACCESS_TOKEN_EXPIRE_MINUTES: '0',
      JWT_SECRET_KEY: 'short',
      CORS_ORIGINS: 'localhost:3000',
    });
    const named = problems.map((problem) => problem.split(':')[0]);
    expect(named).toEqual(
      expect.arrayContaining([
        'PORT',
        'NODE_ENV',
        'MONGODB_URI',
        'ACCESS_TOKEN_EXPIRE_MINUTES',
        'JWT_SECRET_KEY',
        'CORS_ORIGINS',
      ]),
    );
    expect(problems).toHaveLength(6);
  });

  it('requires the real services, the secrets and an operator token in production', () => {
    const named = problemsOf({ NODE_ENV: 'production' }).map((problem) => problem.split(':')[0]);
    expect(named).toEqual([
      'MONGODB_URI',
      'REDIS_URL',
      'JWT_SECRET_KEY',
      'STORAGE_URL_SECRET',
      'OPS_TOKEN',
      'WEBHOOK_ENCRYPTION_KEY',
    ]);
  });

  it('reads the webhook settings, and names the bad ones', () => {
    const config = loadAppConfig({
      DATA_DIR: dataDir,
      NODE_ENV: 'test',
      WEBHOOK_OPERATOR_URLS: 'https://ops.example.com/a, http://10.0.0.5/b',
      WEBHOOK_OPERATOR_SECRET: 'operator-secret-123',
      WEBHOOK_DISABLE_AFTER_HOURS: '2',
    }).webhooks;
    expect(config).toMatchObject({
      maxEndpointsPerUser: 10,
      timeoutMs: 5_000,
      maxAttempts: 8,
      retryBaseMs: 600_000,
      disableAfterMs: 2 * 3_600_000,
      secretGraceMs: 24 * 3_600_000,
      requireHttps: false,
      allowPrivateUrls: false,
      operator: {
        urls: ['https://ops.example.com/a', 'http://10.0.0.5/b'],
        secret: 'operator-secret-123',
      },
    });
    expect(config.encryptionKey).toHaveLength(64);

    const problems = problemsOf({
      WEBHOOK_OPERATOR_URLS: 'ftp://ops.example.com',
      WEBHOOK_TIMEOUT_MS: '0',
      WEBHOOK_ALLOW_PRIVATE_URLS: 'maybe',
      WEBHOOK_ENCRYPTION_KEY: 'short',
    });
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'WEBHOOK_ALLOW_PRIVATE_URLS',
      'WEBHOOK_ENCRYPTION_KEY',
      'WEBHOOK_OPERATOR_SECRET',
      'WEBHOOK_OPERATOR_URLS',
      'WEBHOOK_TIMEOUT_MS',
    ]);
    const production = problemsOf({
      NODE_ENV: 'production',
      WEBHOOK_OPERATOR_URLS: 'http://ops.example.com/hook',
      WEBHOOK_OPERATOR_SECRET: 'operator-secret-123',
    });
    expect(production).toContain(
      'WEBHOOK_OPERATOR_URLS: must be https URLs (production), comma-separated (got http://ops.example.com/hook)',
    );
  });

  it('requires a bucket for the S3 driver and both halves of a key pair', () => {
    const problems = problemsOf({ STORAGE_DRIVER: 's3', AWS_ACCESS_KEY_ID: 'AKIA' });
    expect(problems.join('\n')).toContain('S3_BUCKET_NAME');
    expect(problems.join('\n')).toContain('AWS_SECRET_ACCESS_KEY');
  });

  it('reads CORS origins as a JSON array or a comma list', () => {
    expect(
      loadAppConfig({
        DATA_DIR: dataDir,
        CORS_ORIGINS: '["https://a.example", "https://b.example:8443"]',
      }).http.corsOrigins,
    ).toEqual(['https://a.example', 'https://b.example:8443']);
    expect(
      loadAppConfig({ DATA_DIR: dataDir, CORS_ORIGINS: 'https://a.example, https://b.example' })
        .http.corsOrigins,
    ).toEqual(['https://a.example', 'https://b.example']);
  });

  it('keeps a generated development secret across restarts, and never writes one for tests', () => {
    const first = loadAppConfig({ DATA_DIR: dataDir });
    const second = loadAppConfig({ DATA_DIR: dataDir });
    expect(first.auth.jwtSecret).toHaveLength(64);
    expect(second.auth.jwtSecret).toBe(first.auth.jwtSecret);
    const stored = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(stored.jwt).toBe(first.auth.jwtSecret);
    const testA = loadAppConfig({ DATA_DIR: dataDir, NODE_ENV: 'test' });
    expect(testA.auth.jwtSecret).not.toBe(first.auth.jwtSecret);
  });

  it('documents every variable of every area in .env.example', () => {
    const example = readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8');
    const documented = new Set(
      example.split('\n').flatMap((line) => /^#?\s*([A-Z][A-Z0-9_]*)=/.exec(line)?.[1] ?? []),
    );
    const read = new Set(
      [RuntimeEnv, ...CONFIG_AREAS.map((area) => area.Env)].flatMap((Env) =>
        Object.keys(new Env()).concat(optionalVariables(Env)),
      ),
    );
    expect([...read].filter((name) => !documented.has(name))).toEqual([]);
    expect(read.size).toBeGreaterThan(60);
  });
});

/** Variables without a default are not own properties of a new instance: read their rules. */
function optionalVariables(Env: new () => object): string[] {
  return getMetadataStorage()
    .getTargetValidationMetadatas(Env, '', true, false)
    .map((rule) => rule.propertyName);
}
