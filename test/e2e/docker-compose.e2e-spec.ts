import { load, YAML11_SCHEMA } from 'js-yaml';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAppConfig } from '@/config/load-app-config';

/**
 * The machines here have no Docker engine, so the compose file is checked by reading it: no
 * credential has a default baked in, Mongo and Redis require authentication, and the app's
 * environment is a valid production configuration once compose fills the variables in.
 */
const FILE = join(__dirname, '..', '..', 'docker', 'docker-compose.yml');
const SECRETS = [
  'MONGO_ROOT_USER',
  'MONGO_ROOT_PASSWORD',
  'REDIS_PASSWORD',
  'MINIO_ROOT_USER',
  'MINIO_ROOT_PASSWORD',
  'JWT_SECRET_KEY',
  'STORAGE_URL_SECRET',
  'OPS_TOKEN',
  'WEBHOOK_ENCRYPTION_KEY',
] as const;

interface Service {
  environment?: Record<string, string>;
  command?: string | string[];
  healthcheck?: { test?: string | string[] };
}
interface Compose {
  services: Record<string, Service>;
  'x-app': { environment: Record<string, string> };
}

/**
 * Compose's interpolation: `$$` is a literal `$`, `${NAME:?message}` must be given, and a
 * `${NAME:-default}` is refused here.
 */
function interpolate(text: string, values: Record<string, string>): string {
  return text.replace(
    /\$\$|\$\{([A-Z0-9_]+)(:?[?-])?([^}]*)\}/g,
    (match, name?: string, kind?: string) => {
      if (match === '$$') return '$';
      if (kind?.endsWith('-')) throw new Error(`${name} has a default value in the compose file`);
      if (!name || !(name in values))
        throw new Error(`${name} is not one of the expected variables`);
      return values[name];
    },
  );
}

describe('docker/docker-compose.yml', () => {
  const raw = readFileSync(FILE, 'utf8');
  const values = Object.fromEntries(SECRETS.map((name) => [name, randomBytes(24).toString('hex')]));
  // YAML 1.1: compose's `<<:` merge keys.
  const compose = load(interpolate(raw, values), { schema: YAML11_SCHEMA }) as Compose;
  const text = (value: string | string[] | undefined): string =>
    Array.isArray(value) ? value.join(' ') : (value ?? '');

  it('bakes in no credential: every secret must be given, with no default', () => {
    for (const name of SECRETS) {
      expect(raw).toMatch(new RegExp(`\\$\\{${name}:\\?`));
      expect(raw).not.toMatch(new RegExp(`\\$\\{${name}:?-`));
    }
    expect(() => interpolate(raw, values)).not.toThrow();
  });

  it('runs MongoDB with a root user and the API signs in as it', () => {
    expect(compose.services.mongo.environment).toMatchObject({
      MONGO_INITDB_ROOT_USERNAME: values.MONGO_ROOT_USER,
      MONGO_INITDB_ROOT_PASSWORD: values.MONGO_ROOT_PASSWORD,
    });
    const uri = new URL(compose['x-app'].environment.MONGODB_URI);
    expect([uri.username, uri.password]).toEqual([
      values.MONGO_ROOT_USER,
      values.MONGO_ROOT_PASSWORD,
    ]);
    expect(uri.searchParams.get('authSource')).toBe('admin');
  });

  it('runs Redis with a password, checks health with it, and the API and worker use it', () => {
    const redis = compose.services.redis;
    expect(text(redis.command)).toContain('--requirepass "$REDIS_PASSWORD"');
    expect(redis.environment?.REDIS_PASSWORD).toBe(values.REDIS_PASSWORD);
    expect(text(redis.healthcheck?.test)).toContain('REDISCLI_AUTH');
    expect(new URL(compose['x-app'].environment.REDIS_URL).password).toBe(values.REDIS_PASSWORD);
    for (const name of ['api', 'worker']) {
      expect(compose.services[name].environment?.REDIS_URL).toContain(`:${values.REDIS_PASSWORD}@`);
    }
  });

  it('gives the object store the given credentials only', () => {
    expect(compose.services.minio.environment).toEqual({
      MINIO_ROOT_USER: values.MINIO_ROOT_USER,
      MINIO_ROOT_PASSWORD: values.MINIO_ROOT_PASSWORD,
    });
    expect(compose['x-app'].environment).toMatchObject({
      AWS_ACCESS_KEY_ID: values.MINIO_ROOT_USER,
      AWS_SECRET_ACCESS_KEY: values.MINIO_ROOT_PASSWORD,
    });
  });

  it('gives the app a configuration its production start-up accepts', () => {
    for (const name of ['api', 'worker']) {
      const env = compose.services[name].environment ?? {};
      expect(() => loadAppConfig(env)).not.toThrow();
      expect(loadAppConfig(env).ops.token).toBe(values.OPS_TOKEN);
    }
  });
});
