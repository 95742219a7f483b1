import { join } from 'node:path';
import type { AppConfig } from '@/config/app-config';
import type { LocalServices } from '@/infra/local-services/local-services';
import type { Storage } from '@/storage/storage';
import { startupBanner } from './banner';

function configWith(overrides: {
  host?: string;
  swaggerEnabled?: boolean;
  runInApi?: boolean;
}): AppConfig {
  return {
    env: 'development',
    http: { host: overrides.host ?? '0.0.0.0', port: 8000 },
    ops: { swaggerEnabled: overrides.swaggerEnabled ?? true },
    workers: { runInApi: overrides.runInApi ?? true },
  } as unknown as AppConfig;
}

const LOCAL_STORAGE = {
  driver: 'local',
  location: join(process.cwd(), '.data', 'storage'),
} as unknown as Storage;
const EMBEDDED: LocalServices = {
  mongoUri: 'mongodb://127.0.0.1:27018/prd_forge',
  redisUrl: 'redis://127.0.0.1:6380',
  started: [
    {
      name: 'FerretDB',
      url: 'mongodb://127.0.0.1:27018',
      dataDir: join(process.cwd(), '.data', 'ferretdb'),
    },
    {
      name: 'Redis',
      url: 'redis://127.0.0.1:6380',
      dataDir: join(process.cwd(), '.data', 'redis'),
    },
  ],
  stop: () => Promise.resolve(),
};

describe('startupBanner (what `npm start` prints once the API listens)', () => {
  it('shows the embedded default: links on localhost, the services it started, local storage', () => {
    const banner = startupBanner(configWith({}), EMBEDDED, LOCAL_STORAGE).split('\n');
    expect(banner).toEqual([
      '',
      'PRD Forge API ready (development)',
      '  API       http://localhost:8000/api/v1',
      '  Docs      http://localhost:8000/docs  (JSON: http://localhost:8000/docs-json)',
      '  Metrics   http://localhost:8000/metrics',
      '  Health    http://localhost:8000/health/detailed',
      '  Started   FerretDB: mongodb://127.0.0.1:27018  data: .data/ferretdb',
      '            Redis: redis://127.0.0.1:6380  data: .data/redis',
      '  Storage   local: .data/storage',
      '  Workers   in this process',
      '  Stop      Ctrl-C (stops the services above too)',
      '',
    ]);
  });

  it('shows external services, S3, a separate worker, a chosen host and disabled docs', () => {
    const s3 = { driver: 's3', location: 's3://prd-forge (http://minio:9000)' } as Storage;
    const banner = startupBanner(
      configWith({ host: '10.0.0.5', swaggerEnabled: false, runInApi: false }),
      undefined,
      s3,
    );
    expect(banner).toContain('  API       http://10.0.0.5:8000/api/v1');
    expect(banner).toContain('  Docs      disabled');
    expect(banner).toContain('  Services  external (MONGODB_URI, REDIS_URL)');
    expect(banner).toContain('  Storage   s3: s3://prd-forge (http://minio:9000)');
    expect(banner).toContain('  Workers   separate (npm run start:worker)');
    expect(banner).not.toContain('Started');
  });

  it('reads an IPv6 wildcard host as localhost, and the working directory itself as "."', () => {
    const here = { driver: 'local', location: process.cwd() } as unknown as Storage;
    const banner = startupBanner(configWith({ host: '::' }), { ...EMBEDDED, started: [] }, here);
    expect(banner).toContain('  API       http://localhost:8000/api/v1');
    expect(banner).toContain('  Storage   local: .');
    expect(banner).toContain('  Services  external (MONGODB_URI, REDIS_URL)');
  });
});
